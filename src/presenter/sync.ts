/**
 * Keeps the projected slides (#/present/…) and the speaker's view (#/presenter/…) in step across windows of the
 * same site, through a BroadcastChannel. The projected window owns the state: it posts "state" on every change
 * and in answer to "hello"; the speaker's view posts "hello" when it opens and "goto"/"command" when the speaker
 * presses a key there.
 */
export type PresenterMessage =
  | { type: "state"; slug: string; slide: number; count: number; blank: boolean; lang: string; startedAt: number }
  | { type: "hello" }
  | { type: "goto"; slug: string; slide: number }
  | { type: "command"; command: PresenterCommand };

/** What a key does in presenter mode; the speaker's view forwards these to the projected window. */
export type PresenterCommand = "next" | "prev" | "blank" | "reset" | "fullscreen" | "laser" | "keys" | { preset: number };

export const channelName = "gpt-dojo-presenter";

export interface PresenterChannel {
  post(message: PresenterMessage): void;
  /** calls `listener` for every message from another window; returns an unsubscribe */
  subscribe(listener: (message: PresenterMessage) => void): () => void;
  close(): void;
}

/** The channel, or a silent stand-in where BroadcastChannel is missing (then the two windows cannot sync). */
export function openPresenterChannel(name = channelName): PresenterChannel {
  if (typeof BroadcastChannel === "undefined") return { post: () => {}, subscribe: () => () => {}, close: () => {} };
  const channel = new BroadcastChannel(name);
  return {
    post: (m) => channel.postMessage(m),
    subscribe: (listener) => {
      const on = (e: MessageEvent) => {
        if (isPresenterMessage(e.data)) listener(e.data);
      };
      channel.addEventListener("message", on);
      return () => channel.removeEventListener("message", on);
    },
    close: () => channel.close(),
  };
}

/** Messages come from any page of the site (another tab, an older version): check their shape before use. */
export function isPresenterMessage(x: unknown): x is PresenterMessage {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Record<string, unknown>;
  switch (m.type) {
    case "hello":
      return true;
    case "goto":
      return typeof m.slug === "string" && Number.isInteger(m.slide);
    case "state":
      return typeof m.slug === "string" && Number.isInteger(m.slide) && Number.isInteger(m.count) && typeof m.blank === "boolean" && typeof m.lang === "string" && typeof m.startedAt === "number";
    case "command":
      return typeof m.command === "string" || (typeof m.command === "object" && m.command !== null && Number.isInteger((m.command as { preset?: unknown }).preset));
    default:
      return false;
  }
}
