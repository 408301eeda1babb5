import type { TFunction } from "i18next";
import type { Message } from "./machine";
import { errorInfo, type ErrorInfo } from "../core/errors";
import { labErrorsEn } from "../i18n/lessons/labErrors";

/**
 * The English sentences of errors the page has seen with a code (from the worker's error and fault replies,
 * or thrown on the page), so an error that reaches the lab's state as a plain string is still shown in the
 * reader's language. Bounded: the oldest are forgotten.
 */
const seen = new Map<string, ErrorInfo>();
const SEEN_MAX = 200;

/** Remembers an error's code and values under its English message (see errorText). Returns the message. */
export function rememberError(e: unknown): string {
  const info = isInfo(e) ? { message: e.message, code: e.code, values: e.values } : errorInfo(e);
  if (info.code) {
    seen.delete(info.message);
    seen.set(info.message, info);
    if (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value as string);
  }
  return info.message;
}

/** Messages without values (e.g. "The training worker stopped."): known by their English text alone. */
const staticCodes = new Map(Object.entries(labErrorsEn).filter(([, en]) => !en.includes("{{")).map(([code, en]) => [en, code]));

/** The code and values behind an English message: remembered, or a message without values; else null. */
function lookup(message: string): ErrorInfo | null {
  const bare = message.replace(/^Uncaught (\w*Error: )?/, ""); // a worker's uncaught error, as its error event words it
  for (const m of [message, bare, `${message}.`, `${bare}.`]) {
    const known = seen.get(m);
    if (known) return known;
    const code = staticCodes.get(m);
    if (code) return { message: m, code, values: {} };
  }
  return null;
}

/**
 * An error in the reader's language: an Error (a DojoError's code and values, a CheckpointError's category, a
 * full storage quota, running out of memory), an ErrorInfo from the worker, or an English message the page has
 * seen with a code. Anything else (an unknown code, the runtime's own words) falls back to its English message.
 * Example: errorText(new DojoError("blockSize", { t: 70, blockSize: 64 }, "Cannot forward 70 tokens: …"), t)
 * → "70 トークンは順伝播できません：blockSize は 64 です。…" in Japanese.
 */
export function errorText(err: unknown, t: TFunction): string {
  const info: ErrorInfo = typeof err === "string" ? { message: err } : isInfo(err) ? err : errorInfo(err);
  const found = info.code ? info : lookup(info.message);
  if (!found?.code || !(found.code in labErrorsEn)) return info.message;
  const text = t(`labErrors.${found.code}`, { ...found.values, defaultValue: info.message });
  // a message the page shortened (a fault note drops the final period) stays short
  const shortened = found.message.endsWith(".") && !info.message.endsWith(".");
  return shortened ? text.replace(/[。.]$/, "") : text;
}

function isInfo(x: unknown): x is ErrorInfo {
  return typeof x === "object" && x !== null && !(x instanceof Error) && typeof (x as ErrorInfo).message === "string";
}

/**
 * A machine Message in the page's language. Plain text, such as an engine error, and a value named `message`
 * (the error inside a note about a fault or a save) go through errorText, so they are translated when their code
 * is known and shown as they are otherwise.
 */
export function messageText(t: TFunction, m: Message): string {
  if ("text" in m) return errorText(m.text, t);
  const values = m.values && typeof m.values.message === "string" ? { ...m.values, message: errorText(m.values.message, t) } : (m.values ?? {});
  return t(m.key, values);
}
