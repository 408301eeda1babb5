/**
 * Errors a learner can cause (a text too short for blockSize, a prompt too long, a checkpoint of another model),
 * with a code and the values the sentence names, so the page can say it in the reader's language. `message`
 * stays the English sentence (tests, logs, nanoGPT users reading a console); the page looks up the code
 * (src/i18n/lessons/labErrors.ts, src/lab/messageText.ts errorText) and falls back to `message` for others.
 * Framework-free: the worker sends `errorInfo(e)` across postMessage, where classes do not survive.
 * Example: new DojoError("blockSize", { t: 70, blockSize: 64 }, "Cannot forward 70 tokens: blockSize is 64. …")
 */
export type ErrorValues = Record<string, string | number>;

export class DojoError extends Error {
  constructor(
    readonly code: string,
    readonly values: ErrorValues,
    message: string,
  ) {
    super(message);
    this.name = "DojoError";
  }
}

/** An error as plain data: the English message, and the code and values when the error has them. */
export interface ErrorInfo {
  message: string;
  code?: string;
  values?: ErrorValues;
}

/** Out-of-memory as TF.js backends and browsers word it (wasm aborts, WebGL/WebGPU allocation failures). */
const OUT_OF_MEMORY = /out of memory|\bOOM\b|failed to allocate|allocation failed|Cannot enlarge memory|Array buffer allocation failed|Aborted\(OOM\)/i;

/**
 * Any thrown value as ErrorInfo: a DojoError's code and values; a CheckpointError's category (checkpointTruncated,
 * …) with its English detail; a full storage quota (storageQuota) and an out-of-memory failure (outOfMemory) by
 * their browser names and wording; anything else as its message alone.
 */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof DojoError) return { message: e.message, code: e.code, values: { ...e.values } };
  const err = e as { name?: unknown; message?: unknown; code?: unknown } | null;
  const message = err && typeof err.message === "string" ? err.message : String(e);
  const name = err && typeof err.name === "string" ? err.name : "";
  if (name === "CheckpointError" && typeof err?.code === "string") {
    const category = err.code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    return { message, code: `checkpoint${category[0].toUpperCase()}${category.slice(1)}`, values: { detail: message } };
  }
  if (name === "QuotaExceededError") return { message, code: "storageQuota", values: { detail: message } };
  if (OUT_OF_MEMORY.test(message)) return { message, code: "outOfMemory", values: { detail: message } };
  return { message };
}
