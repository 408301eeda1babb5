/**
 * The one interface every tokenizer in GPT Dojo implements: characters, our own byte-level BPE (minbpe's
 * Basic and Regex tokenizers) and OpenAI's tiktoken encodings. Widgets, the data pipeline and checkpoints
 * only ever see this interface plus the serialisable spec.
 */

export type TokenizerKind = "char" | "bpe-basic" | "bpe-regex" | "gpt2" | "cl100k" | "o200k";

export interface Tokenizer {
  readonly kind: TokenizerKind;
  /** Number of ids; every id is in 0..vocabSize-1 (tiktoken encodings have a few unused ids below the top). */
  readonly vocabSize: number;
  encode(text: string): number[];
  /** Full decode. Invalid UTF-8 (possible for byte-level tokenizers) becomes U+FFFD, as Python's errors="replace". */
  decode(ids: number[]): string;
  /** The raw bytes of one token, for byte-level tokenizers (BPE and tiktoken). A copy: safe to modify. */
  tokenBytes?(id: number): Uint8Array;
  /** A serialisable description, stored as a JSON string in checkpoint metadata; see tokenizerFromSpec. */
  toJSON(): TokenizerSpec;
}

export type TokenizerSpec =
  | { kind: "char"; chars: string[] }
  // merges[i] = [a, b] creates id 256 + i; pattern is the split pattern (Regex only; minbpe's GPT-4 one if absent)
  | { kind: "bpe-basic" | "bpe-regex"; merges: [number, number][]; pattern?: string }
  | { kind: "gpt2" | "cl100k" | "o200k" };

export interface TrainOptions {
  /** Called after every merge with (merges done, merges asked for). */
  onProgress?: (done: number, total: number) => void;
  /** Checked after every merge; returning true ends training early, keeping the merges made so far. */
  shouldStop?: () => boolean;
}

export interface TrainAsyncOptions extends TrainOptions {
  /** Awaited every `yieldEvery` merges so a UI or worker message loop can run. Default: a zero setTimeout. */
  yieldFn?: () => Promise<void>;
  /** Merges between two awaits of yieldFn. Default 8. */
  yieldEvery?: number;
}
