import { checkTextLength } from "./config";
import { splitData, type TokenArray } from "./train/data";

/**
 * Corpora: checks on the text a learner brings, and encoding it to the compact token arrays that getBatch
 * reads (nanoGPT's prepare.py writes uint16 train.bin/val.bin the same way).
 */

/** The part of a tokenizer that encoding needs; every tokenizer in core/tokenizers has it. */
export interface Encoder {
  readonly vocabSize: number;
  encode(text: string): number[];
}

/**
 * Throws, naming the lengths, unless `text` can hold one training window: at least blockSize + 1 characters
 * (a window and its shifted target). This is the check that can run before tokenizing; a tokenizer that
 * merges characters needs more text, which checkTextLength catches on the tokens.
 * Example: validateText("hello", 8) throws "The text has 5 characters, but blockSize 8 needs at least 9. …"
 */
export function validateText(text: string, blockSize: number): void {
  if (typeof text !== "string") throw new Error(`The corpus must be text, got ${text === null ? "null" : typeof text}.`);
  if (text.length === 0) throw new Error("The text is empty. Paste or load some text to train on (a few thousand characters at least).");
  const n = [...text].length; // code points, as a character tokenizer counts them
  if (n < blockSize + 1)
    throw new Error(`The text has ${n} characters, but blockSize ${blockSize} needs at least ${blockSize + 1}. Use a longer text or a smaller blockSize.`);
}

/**
 * Token ids as a Uint16Array when every id fits in 16 bits (vocabSize ≤ 65536: characters, GPT-2's 50257),
 * else a Uint32Array (cl100k, o200k). An id outside 0..vocabSize-1 is an error, not a silent wrap-around.
 * Example: encodeCorpus(charTokenizer("abc"), "cab") → Uint16Array [2, 0, 1]
 */
export function encodeCorpus(tokenizer: Encoder, text: string): Uint16Array | Uint32Array {
  const ids = tokenizer.encode(text);
  const V = tokenizer.vocabSize;
  const out = V <= 65536 ? new Uint16Array(ids.length) : new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!(Number.isInteger(id) && id >= 0 && id < V))
      throw new Error(`The tokenizer produced id ${id} at position ${i}, outside its vocabulary 0..${V - 1}. The tokenizer's vocabSize is wrong.`);
    out[i] = id;
  }
  return out;
}

/**
 * Validates, encodes and splits a corpus in one go, 90% train / 10% val by default. Each split must hold a
 * window of blockSize + 1 tokens, or batches (train) and evaluate() (val) cannot be drawn; the error says
 * which split is short and by how much.
 */
export function prepareCorpus(tokenizer: Encoder, text: string, blockSize: number, trainFraction = 0.9): { tokens: TokenArray; train: TokenArray; val: TokenArray } {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new Error(`trainFraction must be between 0 and 1, got ${trainFraction}.`);
  validateText(text, blockSize);
  const tokens = encodeCorpus(tokenizer, text);
  checkTextLength(tokens.length, blockSize);
  const { train, val } = splitData(tokens, trainFraction);
  const need = blockSize + 1;
  for (const [name, split, share] of [["training", train, trainFraction], ["validation", val, 1 - trainFraction]] as const) {
    if (split.length < need) {
      const total = minCorpusTokens(blockSize, trainFraction);
      throw new Error(
        `The ${name} split (${Math.round(share * 100)}% of the text) has ${split.length} tokens, but needs blockSize + 1 = ${need}. ` +
          `Use a text of at least ${total} tokens (it has ${tokens.length}) or a smaller blockSize.`,
      );
    }
  }
  return { tokens, train, val };
}

/**
 * The fewest tokens whose split (as splitData cuts it) leaves blockSize + 1 tokens on both sides.
 * Example: minCorpusTokens(10, 0.9) → 101 (90 train, 11 val).
 */
export function minCorpusTokens(blockSize: number, trainFraction = 0.9): number {
  const need = blockSize + 1;
  // subtle: the floor in splitData gives the remainder to val, so the answer is below need / 0.1; a plain
  // count up (at most ~need / min(f, 1−f) steps) finds it exactly, float rounding of n·f included
  let n = need;
  while (Math.floor(n * trainFraction) < need || n - Math.floor(n * trainFraction) < need) n++;
  return n;
}
