import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";
import { withUnicodeWhitespace } from "./regex";
import type { Tokenizer, TokenizerSpec } from "./types";
import { decodeTokenBytes } from "./bytes";

/**
 * OpenAI's encodings through js-tiktoken: GPT-2 (what nanoGPT's openwebtext and shakespeare use),
 * cl100k_base (GPT-4) and o200k_base (GPT-4o). The rank tables are 1-4 MB of JavaScript each, so they are
 * imported only when first asked for (Vite puts each in its own chunk), and each encoding is built once.
 */

export type TiktokenKind = "gpt2" | "cl100k" | "o200k";

// Literal import() paths, one per encoding, so the bundler can split them into separate lazy chunks.
const loadRanks: Record<TiktokenKind, () => Promise<{ default: TiktokenBPE }>> = {
  gpt2: () => import("js-tiktoken/ranks/gpt2"),
  cl100k: () => import("js-tiktoken/ranks/cl100k_base"),
  o200k: () => import("js-tiktoken/ranks/o200k_base"),
};

const ENCODING_NAMES: Record<TiktokenKind, string> = { gpt2: "gpt2", cl100k: "cl100k_base", o200k: "o200k_base" };

/**
 * The bytes of every ordinary token, read from a js-tiktoken rank table. The table is lines of
 * "<tag> <first rank> <base64 token> <base64 token> ...", ranks counting up from the first.
 * Example: "! 0 IQ== Ig==" → Map { 0 => [33], 1 => [34] } ("!" and "\"").
 */
export function rankTableBytes(ranks: TiktokenBPE): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const line of ranks.bpe_ranks.split("\n")) {
    if (!line) continue;
    const [, first, ...tokens] = line.split(" ");
    const offset = Number.parseInt(first, 10);
    tokens.forEach((b64, i) => out.set(offset + i, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
  }
  return out;
}

export class TiktokenTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly encodingName: string;
  private readonly encoding: Tiktoken;
  private readonly bytes: Map<number, Uint8Array>; // id -> token bytes, special tokens included

  constructor(
    readonly kind: TiktokenKind,
    ranks: TiktokenBPE,
  ) {
    this.encodingName = ENCODING_NAMES[kind];
    // subtle: js-tiktoken runs OpenAI's split pattern with JavaScript's \s, which lacks U+0085 and has U+FEFF,
    // so " \x850" came out [2188, 227, 15] instead of OpenAI's [220, 126, 227, 15] (cl100k). Rust's \s is
    // Unicode White_Space; rewriting the pattern that way makes the ids match tiktoken's.
    this.encoding = new Tiktoken({ ...ranks, pat_str: withUnicodeWhitespace(ranks.pat_str) });
    // js-tiktoken has no public per-token bytes, but its decoder keeps them in `textMap` (rank -> bytes).
    // Reuse that table when it is there (o200k's would cost ~20 MB twice); otherwise parse the ranks ourselves.
    const internal = (this.encoding as unknown as { textMap?: unknown }).textMap;
    this.bytes = internal instanceof Map && internal.size > 0 ? new Map(internal as Map<number, Uint8Array>) : rankTableBytes(ranks);
    const utf8 = new TextEncoder();
    for (const [text, id] of Object.entries(ranks.special_tokens)) this.bytes.set(id, utf8.encode(text));
    let maxId = 0;
    for (const id of this.bytes.keys()) maxId = Math.max(maxId, id); // (spreading 200k keys overflows the stack)
    this.vocabSize = maxId + 1; // gpt2 50257, cl100k 100277, o200k 200019
  }

  /**
   * Ordinary text only, like tiktoken's encode_ordinary (and nanoGPT's prepare.py): "<|endoftext|>" typed in
   * the text is encoded as the characters it is made of, never as the special token.
   */
  encode(text: string): number[] {
    return this.encoding.encode(text, [], []);
  }

  decode(ids: number[]): string {
    return decodeTokenBytes(ids.map((id, i) => this.bytesOf(id, i))); // bad bytes become U+FFFD
  }

  tokenBytes(id: number): Uint8Array {
    return this.bytesOf(id).slice();
  }

  private bytesOf(id: number, position?: number): Uint8Array {
    const bytes = this.bytes.get(id);
    if (bytes === undefined) {
      const where = position === undefined ? "" : ` at position ${position}`;
      throw new Error(`Cannot decode id ${id}${where}: ${this.encodingName} has no token with that id (ids go up to ${this.vocabSize - 1}).`);
    }
    return bytes;
  }

  toJSON(): TokenizerSpec {
    return { kind: this.kind };
  }
}

const cache = new Map<TiktokenKind, Promise<TiktokenTokenizer>>();

/** The tokenizer for one of OpenAI's encodings, loading its ranks on first use; later calls share it. */
export function loadTiktoken(kind: TiktokenKind): Promise<TiktokenTokenizer> {
  const load = loadRanks[kind];
  if (!load) return Promise.reject(new Error(`Unknown tiktoken encoding "${kind}". Known: ${Object.keys(loadRanks).join(", ")}.`));
  let pending = cache.get(kind);
  if (!pending) {
    pending = load().then((m) => new TiktokenTokenizer(kind, m.default));
    pending.catch(() => cache.delete(kind)); // a failed download may be retried
    cache.set(kind, pending);
  }
  return pending;
}
