import type { Root, RootContent } from "mdast";
import type { PresenterCommand, PresenterMessage } from "./sync";
import type { PresenterKey } from "./keys";

/**
 * The speaker's view's pure parts (src/presenter/PresenterView.tsx draws them): time formats, the connection to the
 * projected window as a reducer over timestamps, the speaker's own timer, the keys, and the light Markdown of the
 * next-slide preview. No React, no DOM, no clock: every "now" is passed in.
 */

export type StateMessage = Extract<PresenterMessage, { type: "state" }>;

// ---- time

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Elapsed seconds as mm:ss below an hour, h:mm:ss from an hour on; fractions are dropped, negatives read as 0.
 * Example: formatElapsed(65) → "01:05"; formatElapsed(3725) → "1:02:05"
 */
export function formatElapsed(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s % 60)}` : `${pad2(m)}:${pad2(s % 60)}`;
}

/** The local wall clock, 24-hour HH:MM (the same in both languages). Example: 9:05 in the morning → "09:05" */
export function formatClock(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

// ---- the connection to the projected window

/** How long without a "state" before the projected window counts as gone; the view says "hello" every HEARTBEAT_MS. */
export const HEARTBEAT_MS = 2000;
export const TIMEOUT_MS = 5000;

export interface Connection {
  /** the lesson this view presents */
  slug: string;
  /** waiting: no projected window has answered yet; connected: one answered within TIMEOUT_MS; lost: it had, then stopped */
  status: "waiting" | "connected" | "lost";
  /** the last state the projected window posted for this lesson (kept while lost, so the view still shows where it was) */
  state: StateMessage | null;
  /** when that state arrived (ms, the view's clock) */
  lastSeen: number | null;
  /**
   * the earliest startedAt any projected window of this lesson reported: a projection closed and opened again
   * mid-talk starts its own clock anew, but the talk's elapsed time goes on (the speaker can still reset it)
   */
  startedAt: number | null;
  /** a projected window that shows another lesson, and when it last said so: the view offers to follow it */
  other: { slug: string; seen: number } | null;
}

export type ConnectionEvent = { type: "state"; message: StateMessage; now: number } | { type: "tick"; now: number };

export function initialConnection(slug: string): Connection {
  return { slug, status: "waiting", state: null, lastSeen: null, startedAt: null, other: null };
}

/**
 * A state for this lesson connects; a tick more than TIMEOUT_MS after the last one marks the connection lost.
 * A state for another lesson does not connect (its slides are not ours) but is remembered for TIMEOUT_MS.
 * Example: state at t=0 → connected; tick at t=5000 → still connected; tick at t=5001 → lost.
 */
export function connectionReducer(c: Connection, e: ConnectionEvent): Connection {
  if (e.type === "state") {
    if (e.message.slug !== c.slug) return { ...c, other: { slug: e.message.slug, seen: e.now } };
    const startedAt = c.startedAt === null ? e.message.startedAt : Math.min(c.startedAt, e.message.startedAt);
    return { ...c, status: "connected", state: e.message, lastSeen: e.now, startedAt, other: null };
  }
  const other = c.other && e.now - c.other.seen > TIMEOUT_MS ? null : c.other;
  const lost = c.status === "connected" && c.lastSeen !== null && e.now - c.lastSeen > TIMEOUT_MS;
  if (!lost && other === c.other) return c;
  return { ...c, status: lost ? "lost" : c.status, other };
}

// ---- the speaker's own timer

/**
 * The elapsed time the view shows: from the projected window's startedAt, unless the speaker reset it here
 * (`zeroAt`); frozen while paused. Nothing of it goes to the projected window.
 */
export interface Timer {
  /** the moment that reads 0:00 (ms); null: the projected window's startedAt */
  zeroAt: number | null;
  /** when the speaker paused (ms); null while running */
  pausedAt: number | null;
}

export const runningTimer: Timer = { zeroAt: null, pausedAt: null };

/** Milliseconds to show. Example: startedAt 1000, running, now 66000 → 65000 (reads "01:05") */
export function elapsedMs(timer: Timer, startedAt: number, now: number): number {
  return Math.max(0, (timer.pausedAt ?? now) - (timer.zeroAt ?? startedAt));
}

export function pauseTimer(timer: Timer, now: number): Timer {
  return timer.pausedAt === null ? { ...timer, pausedAt: now } : timer;
}

/** Resuming moves the zero by the paused time, so the reading continues where it stopped. */
export function resumeTimer(timer: Timer, startedAt: number, now: number): Timer {
  if (timer.pausedAt === null) return timer;
  return { zeroAt: (timer.zeroAt ?? startedAt) + (now - timer.pausedAt), pausedAt: null };
}

/** Back to 0:00; a paused timer stays paused at 0:00. */
export function resetTimer(timer: Timer, now: number): Timer {
  return { zeroAt: now, pausedAt: timer.pausedAt === null ? null : now };
}

// ---- keys

/** What a key does in the speaker's view: drive the projected window, jump to an end, or show or hide the key list. */
export type ViewAction = { kind: "command"; command: PresenterCommand } | { kind: "goto"; to: "first" | "last" } | { kind: "keys"; open?: boolean };

/**
 * The speaker's view's meaning of a presenter key (keys.ts's presenterCommand reads the event with the projected
 * window's rules: no modifiers, never while typing). "?" and Escape show and close the key list here instead of on
 * the projector; the projected window's own Q, S and P do nothing here.
 * Examples: "next" → command next; { preset: 3 } → command preset 3; "last" → goto last; "keys" → toggle the list
 */
export function viewAction(key: PresenterKey | null): ViewAction | null {
  if (key === null) return null;
  if (typeof key === "object") return { kind: "command", command: key };
  switch (key) {
    case "first":
    case "last":
      return { kind: "goto", to: key };
    case "keys":
      return { kind: "keys" };
    case "escape":
      return { kind: "keys", open: false };
    case "qr":
    case "speaker":
    case "leave":
      return null;
    default:
      return { kind: "command", command: key };
  }
}

// ---- the next slide's preview

/** The label a directive gets in the preview, in place of the widget or exercise it would mount. */
export type PlaceholderKind = { kind: "widget"; name: string } | { kind: "exercise"; id: string } | { kind: "codeExercise"; id: string } | { kind: "codeTabs" };

export function placeholderOf(name: string, attributes: Record<string, string | null | undefined> | null | undefined): PlaceholderKind {
  if (name === "exercise") return { kind: "exercise", id: attributes?.id ?? "" };
  if (name === "code-exercise") return { kind: "codeExercise", id: attributes?.id ?? "" };
  if (name === "code-tabs") return { kind: "codeTabs" };
  return { kind: "widget", name };
}

/**
 * remark plugin for the preview (and the notes): every leaf or container directive becomes a
 * `<dojo-placeholder data-placeholder="{…}">` with no children, so no widget, exercise or TF.js loads there;
 * text directives (`:x`, colons in prose) go back to their text.
 */
export function remarkPlaceholders() {
  return (tree: Root) => {
    const walk = (nodes: RootContent[]): RootContent[] =>
      nodes.flatMap((node): RootContent[] => {
        if (node.type === "leafDirective" || node.type === "containerDirective") {
          if (node.name === "notes" || node.name === "slide") return [];
          const placeholder = placeholderOf(node.name, node.attributes);
          return [{ type: "paragraph", children: [], data: { hName: "dojo-placeholder", hProperties: { dataPlaceholder: JSON.stringify(placeholder) } } }];
        }
        if (node.type === "textDirective") {
          return [{ type: "text", value: `:${node.name}` }, ...walk(node.children as RootContent[])];
        }
        if ("children" in node) (node as { children: RootContent[] }).children = walk(node.children as RootContent[]);
        return [node];
      });
    tree.children = walk(tree.children) as Root["children"];
  };
}
