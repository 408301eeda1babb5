import * as tf from "@tensorflow/tfjs";
import type { Random } from "../random";
import { DojoError } from "../errors";

export type TokenArray = Uint16Array | Uint32Array | Int32Array;

/** The first 90% of the tokens for training, the rest for validation, as nanoGPT's prepare.py splits. */
export function splitData(tokens: TokenArray, trainFraction = 0.9): { train: TokenArray; val: TokenArray } {
  const n = Math.floor(tokens.length * trainFraction);
  return { train: tokens.subarray(0, n), val: tokens.subarray(n) };
}

export interface Batch {
  x: tf.Tensor2D; // (B, T) int32 inputs
  y: tf.Tensor2D; // (B, T) int32 targets: x shifted left by one
}

/**
 * B random windows of T + 1 tokens: x = window[0..T), y = window[1..T]. Offsets come from `rng`, so a seed
 * replays the same batches. The caller disposes x and y.
 */
export function getBatch(data: TokenArray, batchSize: number, blockSize: number, rng: Random): Batch {
  if (data.length < blockSize + 1)
    throw new DojoError("batchTooShort", { n: data.length, need: blockSize + 1 }, `Cannot draw a batch: the split has ${data.length} tokens, but one window needs blockSize + 1 = ${blockSize + 1}. Use more text or a smaller blockSize.`);
  const x = new Int32Array(batchSize * blockSize);
  const y = new Int32Array(batchSize * blockSize);
  for (let b = 0; b < batchSize; b++) {
    const start = rng.int(data.length - blockSize);
    for (let t = 0; t < blockSize; t++) {
      x[b * blockSize + t] = data[start + t];
      y[b * blockSize + t] = data[start + t + 1];
    }
  }
  return { x: tf.tensor2d(x, [batchSize, blockSize], "int32"), y: tf.tensor2d(y, [batchSize, blockSize], "int32") };
}
