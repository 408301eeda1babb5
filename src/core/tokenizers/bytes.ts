/**
 * Joins token byte strings and decodes them as UTF-8, as Python's bytes.decode(errors="replace") does:
 * a broken sequence becomes U+FFFD. A leading BOM is kept (ignoreBOM), since it is part of the text.
 * Example: decodeTokenBytes([Uint8Array.of(0xe3, 0x81), Uint8Array.of(0x82)]) → "あ"
 */
export function decodeTokenBytes(parts: Uint8Array[]): string {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(all);
}
