import { argmax, createKVCache, disposeKVCache, forward, forwardCached, tf, type GPTModel } from "../../core";

/**
 * KVCacheRace's logic, framework-free: greedy decoding written out step by step, with or without the engine's
 * KV cache, counting the positions whose keys and values each step computes. No clock in here: the widget
 * times each step; tests check the tokens and the counts.
 */

export interface DecodeStep {
  id: number; // the token chosen (greedy: the argmax)
  kvRows: number; // positions run through the model this step = rows of K and V computed, per layer and head
  context: number; // tokens the model attended over this step
}

/**
 * The largest prompt that still lets `n` new tokens fit in the block without cropping: the last token
 * generated is never fed back, so prompt + n − 1 ≤ blockSize. Example: blockSize 64, n 48 → 17
 */
export function maxPromptFor(blockSize: number, n: number): number {
  return blockSize - n + 1;
}

/**
 * Greedy decoding, one step per `next()`. Without the cache every step runs the whole context (prompt and the
 * tokens so far) through the model, so step i computes K and V for P + i positions; with the cache, the first
 * step (the prefill) runs the prompt once and every later step (a decode step) runs only the newest token,
 * attending to the cached keys and values. Throws if the prompt and n do not fit in the block (no cropping
 * here, so the two runs stay comparable). Breaking out of the loop early disposes the cache (finally).
 */
export async function* decode(model: GPTModel, prompt: number[], n: number, useCache: boolean): AsyncGenerator<DecodeStep> {
  const { blockSize } = model.config;
  if (prompt.length === 0) throw new Error("The prompt is empty: type at least one character.");
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`the number of new tokens must be a whole number ≥ 1, got ${n}.`);
  if (prompt.length + n - 1 > blockSize)
    throw new Error(`A prompt of ${prompt.length} tokens and ${n} new tokens need ${prompt.length + n - 1} positions; the model's block is ${blockSize}. Use at most ${maxPromptFor(blockSize, n)} prompt tokens.`);
  const context = [...prompt];
  const cache = createKVCache();
  try {
    for (let i = 0; i < n; i++) {
      const feed = useCache && i > 0 ? [context[context.length - 1]] : context; // prefill, then only the new token
      const logits = tf.tidy(() => {
        const idx = tf.tensor2d([feed], [1, feed.length], "int32");
        if (useCache) return forwardCached(model, idx, cache);
        const T = feed.length;
        return forward(model, idx).slice([0, T - 1, 0], [1, 1, -1]).reshape([1, -1]); // (1, V): the last position
      });
      const values = await logits.data();
      logits.dispose();
      const id = argmax(values);
      const step = { id, kvRows: feed.length, context: useCache ? cache.length : feed.length }; // before the push: feed may be context itself
      context.push(id);
      yield step;
    }
  } finally {
    disposeKVCache(cache);
  }
}

/** Runs decode() to the end: the tokens and the rows computed at each step. */
export async function decodeAll(model: GPTModel, prompt: number[], n: number, useCache: boolean): Promise<{ tokens: number[]; kvRows: number[] }> {
  const tokens: number[] = [];
  const kvRows: number[] = [];
  for await (const s of decode(model, prompt, n, useCache)) {
    tokens.push(s.id);
    kvRows.push(s.kvRows);
  }
  return { tokens, kvRows };
}

/**
 * The work both runs do, in K/V rows per layer and head, for a prompt of P tokens and N new tokens:
 *   without the cache  Σ_{i=0}^{N−1} (P + i) = N·P + N(N−1)/2     (every step recomputes the whole context)
 *   with the cache     P + (N − 1)                                 (the prefill, then one row per step)
 * Example: P = 16, N = 48 → 1,896 vs 63, a 30× difference in K/V work.
 */
export function kvWork(P: number, N: number): { without: number; with: number } {
  return { without: N * P + (N * (N - 1)) / 2, with: P + N - 1 };
}
