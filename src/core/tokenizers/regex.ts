import { BpeTokenizer, type ByteChunks } from "./bpe";
import type { TokenizerSpec } from "./types";

/**
 * minbpe's RegexTokenizer. Unlike BasicTokenizer, it first cuts the text into chunks with a split pattern
 * (letters, numbers, punctuation, whitespace) and never merges across two chunks, so no token ends up
 * holding "dog." or " the" + "\n". With the GPT-4 pattern this is how cl100k_base was built.
 */

/** The GPT-4 split pattern exactly as minbpe writes it (Python `regex` syntax). Saved in specs. */
export const GPT4_SPLIT_PATTERN =
  "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+";

/** The GPT-2 split pattern as minbpe writes it. */
export const GPT2_SPLIT_PATTERN = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

// Python's and Rust's \s (Unicode White_Space) spelled out: JavaScript's \s differs (it has U+FEFF, lacks U+0085).
const WS = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/**
 * Rewrites \s and \S in a RegExp source to mean Unicode White_Space, as in Python's `regex` module and Rust's
 * `regex` crate (which tiktoken uses).
 * Example: "[^\s\p{L}]+|\s+(?!\S)" → "[^\t-\r …\p{L}]+|[\t-\r …]+(?![^\t-\r …])"
 */
export function withUnicodeWhitespace(source: string): string {
  let out = "";
  let inClass = false; // inside [...]
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      i++;
      if (next === "s") out += inClass ? WS : `[${WS}]`;
      else if (next === "S" && !inClass) out += `[^${WS}]`;
      else if (next === "S") throw new Error(`withUnicodeWhitespace cannot rewrite \\S inside a character class: ${source}`);
      else out += c + next;
    } else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      out += c;
    }
  }
  return out;
}

/**
 * The GPT-4 pattern for a JavaScript RegExp with flags "gu"; it splits exactly like GPT4_SPLIT_PATTERN.
 * - Possessive `?+` and `++` become plain `?` and `+`. Giving characters back could only matter if the rest
 *   of the branch then matched, and it cannot: in `[^\r\n\p{L}\p{N}]?\p{L}+` the optional character is never
 *   a letter, and in ` ?[^\s\p{L}\p{N}]+[\r\n]*` the tail may match nothing anyway.
 * - `(?i:...)` becomes explicit cases. subtle: Python's case-insensitive `s` also matches "ſ" (U+017F,
 *   long s), so it is listed too.
 * - `\s` / `\S` become Unicode White_Space (withUnicodeWhitespace).
 */
export const GPT4_SPLIT_PATTERN_JS = withUnicodeWhitespace(
  "'(?:[sdmtSDMT\\u017f]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}" +
    "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+",
);

/** The GPT-2 pattern for a JavaScript RegExp with flags "gu" (only \s needs rewriting). */
export const GPT2_SPLIT_PATTERN_JS = withUnicodeWhitespace(GPT2_SPLIT_PATTERN);

const PYTHON_TO_JS = new Map([
  [GPT4_SPLIT_PATTERN, GPT4_SPLIT_PATTERN_JS],
  [GPT2_SPLIT_PATTERN, GPT2_SPLIT_PATTERN_JS],
]);

/**
 * Compiles a split pattern: minbpe's GPT-4 and GPT-2 patterns are translated, anything else must already be
 * a JavaScript RegExp source (it is compiled with flags "gu").
 */
export function compileSplitPattern(pattern: string): RegExp {
  try {
    return new RegExp(PYTHON_TO_JS.get(pattern) ?? pattern, "gu");
  } catch (e) {
    throw new Error(
      `Split pattern ${JSON.stringify(pattern)} is not a valid JavaScript RegExp with flags "gu" ` +
        `(${(e as Error).message}). Python-only syntax such as possessive quantifiers (?+, ++) does not work; ` +
        `minbpe's GPT-4 and GPT-2 patterns are translated automatically.`,
      { cause: e },
    );
  }
}

/**
 * The chunks a pattern cuts text into, like Python's regex.findall.
 * Example: splitText("Hello world!!!? (how") → ["Hello", " world", "!!!?", " (", "how"]
 */
export function splitText(text: string, pattern: string | RegExp = GPT4_SPLIT_PATTERN): string[] {
  const re = typeof pattern === "string" ? compileSplitPattern(pattern) : pattern;
  return Array.from(text.matchAll(re), (m) => m[0]);
}

const utf8 = new TextEncoder();

export class RegexTokenizer extends BpeTokenizer {
  readonly kind = "bpe-regex" as const;
  private readonly re: RegExp;

  /** @param pattern minbpe's GPT-4 pattern by default; see compileSplitPattern for what else works. */
  constructor(readonly pattern: string = GPT4_SPLIT_PATTERN) {
    super();
    this.re = compileSplitPattern(pattern);
  }

  protected split(text: string): ByteChunks {
    // Write every chunk's UTF-8 straight into one buffer (3 bytes per UTF-16 unit is the most UTF-8 needs).
    const buffer = new Uint8Array(text.length * 3);
    const chunkEnds: number[] = [];
    let end = 0;
    for (const m of text.matchAll(this.re)) {
      end += utf8.encodeInto(m[0], buffer.subarray(end)).written;
      chunkEnds.push(end);
    }
    return { bytes: buffer.subarray(0, end), chunkEnds };
  }

  toJSON(): TokenizerSpec {
    return { kind: "bpe-regex", merges: this.merges.map(([a, b]) => [a, b]), pattern: this.pattern };
  }
}
