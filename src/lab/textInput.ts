/**
 * Checks a learner's own text before it reaches the trainer: size, binary content, UTF-8. Pure functions on
 * bytes, so the page and the tests apply the same rules; the messages say what was wrong and what to do.
 */
import { DojoError } from "../core/errors";
import { labErrorEn, type LabErrorCode } from "../i18n/lessons/labErrors";

export const MAX_TEXT_BYTES = 50 * 1024 * 1024;

/**
 * A text the lab cannot train on. `kind` says what is wrong; `code` and `values` name the message
 * (src/i18n/lessons/labErrors.ts), which the page shows in the reader's language; `message` is the English one.
 */
export class TextInputError extends DojoError {
  constructor(
    readonly kind: "empty" | "too-large" | "binary" | "not-utf8" | "too-short",
    code: LabErrorCode,
    values: Record<string, string | number> = {},
  ) {
    super(code, values, labErrorEn(code, values));
    this.name = "TextInputError";
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Throws before reading a file that is too large to train on in a browser tab. */
export function checkFileSize(name: string, size: number): void {
  if (size > MAX_TEXT_BYTES)
    throw new TextInputError("too-large", "fileTooLarge", { name, size: mb(size), max: mb(MAX_TEXT_BYTES) });
  if (size === 0) throw new TextInputError("empty", "fileEmpty", { name });
}

/**
 * Bytes → text, or a clear error. A NUL byte, or many control characters, in the first 8 KB means a binary
 * file (an image, a PDF, a .docx); invalid UTF-8 means another encoding, such as Shift_JIS.
 * Example: decodeText("a.txt", new TextEncoder().encode("あ")) → "あ"
 */
export function decodeText(name: string, bytes: Uint8Array): string {
  checkFileSize(name, bytes.length);
  const utf16 = utf16Order(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes); // drops the byte order mark
    } catch {
      throw new TextInputError("not-utf8", "utf16Broken", { name, encoding: utf16.toUpperCase() });
    }
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new TextInputError("binary", "binaryNul", { name });
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (control > head.length * 0.1) throw new TextInputError("binary", "binaryControl", { name, control, head: head.length });
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TextInputError("not-utf8", "notUtf8", { name });
  }
}

/**
 * UTF-16 (what Windows Notepad calls "Unicode"): a byte order mark, or text whose every other byte is NUL (the
 * high bytes of ASCII and Latin letters). Example: [0xff, 0xfe, 0x61, 0x00] → "utf-16le".
 */
export function utf16Order(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.9 && evenZero === 0) return "utf-16le";
  if (evenZero > pairs * 0.9 && oddZero === 0) return "utf-16be";
  return null;
}

/** A pasted or loaded text must hold at least blockSize + 1 tokens for one (x, y) training window. */
export function checkTextForTraining(text: string, numTokens: number, blockSize: number): void {
  if (text.trim().length === 0) throw new TextInputError("empty", "textEmpty");
  if (numTokens < blockSize + 1)
    throw new TextInputError("too-short", "textTooShort", { n: numTokens, need: blockSize + 1 });
}

/** Reads a File in chunks, reporting progress (0..1), then decodes it with decodeText. */
export async function readTextFile(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  checkFileSize(file.name, file.size);
  const reader = file.stream().getReader();
  const bytes = new Uint8Array(file.size);
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, offset);
    offset += value.length;
    onProgress?.(offset / file.size);
  }
  return decodeText(file.name, bytes.subarray(0, offset));
}
