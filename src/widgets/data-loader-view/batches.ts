import { Random } from "../../core/random";
import type { TokenArray } from "../../core/train/data";

/**
 * What the DataLoaderView draws, computed the way the engine's getBatch (src/core/train/data.ts) draws it, but
 * with plain arrays instead of tensors so the page needs no TF.js. getBatch takes, for each of the B rows,
 * start = rng.int(data.length − T) and copies x = data[start .. start+T), y = data[start+1 .. start+T].
 * tests/widgets/data-loader-view.test.ts checks that these offsets give exactly getBatch's x and y.
 */

export interface Window {
  offset: number; // first token of the window in the split
  x: number[]; // T inputs
  y: number[]; // T targets: x shifted left by one
}

/** Limits of the widget's controls (the engine takes any positive B and T). */
export const LIMITS = { B: { min: 1, max: 16 }, T: { min: 2, max: 64 }, accum: { min: 1, max: 64 }, batch: { max: 999 } } as const;

/**
 * The offsets of batch number `batch` (0 = the first getBatch call) for a generator seeded with `seed`:
 * getBatch makes B draws per call, so batch k is draws k·B … k·B + B − 1 of one stream.
 * Example: batchOffsets(1000, 2, 8, 1337, 0) are the two starts getBatch(data, 2, 8, new Random(1337)) picks.
 */
export function batchOffsets(dataLength: number, B: number, T: number, seed: number, batch = 0): number[] {
  if (!(Number.isInteger(B) && B >= 1)) throw new Error(`The batch size B must be a whole number of at least 1, got ${B}.`);
  if (!(Number.isInteger(T) && T >= 1)) throw new Error(`The block size T must be a whole number of at least 1, got ${T}.`);
  if (!(Number.isInteger(batch) && batch >= 0)) throw new Error(`The batch number must be a whole number of 0 or more, got ${batch}.`);
  if (dataLength < T + 1)
    throw new Error(`Cannot draw a batch: the split has ${dataLength} tokens, but one window needs T + 1 = ${T + 1}. Use a longer text or a smaller T.`);
  const rng = new Random(seed);
  for (let i = 0; i < batch * B; i++) rng.int(dataLength - T); // the earlier batches' draws
  return Array.from({ length: B }, () => rng.int(dataLength - T));
}

/** The B windows at `offsets`: x = T tokens, y = the same T tokens shifted by one. */
export function windowsAt(data: TokenArray, offsets: number[], T: number): Window[] {
  return offsets.map((offset) => {
    if (offset < 0 || offset + T + 1 > data.length)
      throw new Error(`A window at offset ${offset} needs tokens up to ${offset + T}, but the split ends at ${data.length - 1}.`);
    return { offset, x: Array.from(data.subarray(offset, offset + T)), y: Array.from(data.subarray(offset + 1, offset + T + 1)) };
  });
}

/**
 * Tokens the model learns from in one optimizer step: every position of every window is a prediction.
 * Example: nanoGPT's GPT-2 run, 40 × 12 × 1024 = 491,520 (train.py prints "tokens per iteration will be: 491,520").
 */
export function tokensPerStep(gradAccumSteps: number, B: number, T: number): number {
  for (const [name, v] of [["gradAccumSteps", gradAccumSteps], ["B", B], ["T", T]] as const)
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} must be a whole number of at least 1, got ${v}.`);
  return gradAccumSteps * B * T;
}

/** The training split as the engine's splitData cuts it: the first 90% of the tokens (no TF.js needed here). */
export function trainSplit(tokens: TokenArray, trainFraction = 0.9): TokenArray {
  return tokens.subarray(0, Math.floor(tokens.length * trainFraction));
}

