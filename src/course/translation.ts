/**
 * Which version of en.md a ja.md translates. Each ja.md's front matter says `translationOf: <hash of en.md>`;
 * when en.md changes, its hash changes, so tests/course/translations.test.ts fails and the page shows a banner
 * that the translation is behind, until a translator brings ja.md up to date and writes the new hash
 * (`npm run ja:hash` prints them).
 */

/**
 * A 64-bit fingerprint of a lesson file as 16 hex digits: two 32-bit FNV-1a passes (different offset bases) over
 * its UTF-8 bytes, after line endings are normalised and trailing blank space removed, so a checkout with CRLF
 * line endings gives the same hash. Example: translationHash("") === "811c9dc5050c5d1f".
 */
export function translationHash(source: string): string {
  const bytes = new TextEncoder().encode(source.replace(/\r\n?/g, "\n").trimEnd());
  let a = 0x811c9dc5, b = 0x050c5d1f;
  for (const x of bytes) {
    a = Math.imul(a ^ x, 0x01000193) >>> 0;
    b = Math.imul(b ^ x, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

export type TranslationState = "current" | "stale" | "missing";

/** Whether a lesson's Japanese file is there and translates the current English one. */
export function translationState(enSource: string, jaTranslationOf: string | undefined, hasJa: boolean): TranslationState {
  if (!hasJa) return "missing";
  return jaTranslationOf === translationHash(enSource) ? "current" : "stale";
}
