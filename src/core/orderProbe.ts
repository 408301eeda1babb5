import * as tf from "@tensorflow/tfjs";
import type { GPTModel } from "./model";
import { Random } from "./random";

/**
 * Does the model see word order? The same GPT forward pass as model/gpt.ts (inference only: no dropout, no
 * cache), with two switches the real model does not have: leave out the position embeddings (wpe), and leave
 * out the causal mask. With both on it is the engine's forward exactly (tests/core/embeddings.test.ts checks
 * the logits agree). With both off, shuffling the input only shuffles the output: attention is permutation
 * equivariant, and every other layer works on one token at a time.
 */
export interface OrderOptions {
  /** add wpe[t] to each token's embedding (nanoGPT always does) */
  positions: boolean;
  /** mask the scores above the diagonal (a GPT always does; an encoder such as BERT does not) */
  causal: boolean;
}

const linear = (x: tf.Tensor2D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor2D => {
  const y = tf.matMul(x, w as tf.Tensor2D, false, true); // w is (out, in), as in nn.Linear
  return (b ? y.add(b) : y) as tf.Tensor2D;
};

const layerNorm = (x: tf.Tensor2D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor2D => {
  const { mean, variance } = tf.moments(x, -1, true);
  const y = x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(w);
  return (b ? y.add(b) : y) as tf.Tensor2D;
};

const gelu = (x: tf.Tensor): tf.Tensor => x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1).mul(0.5)); // x·Φ(x), exact erf

/** Logits (T, V) for one sequence of ids, read back as a Float32Array; no tensor outlives the call. */
export function forwardOrder(model: GPTModel, ids: readonly number[], opts: OrderOptions): Float32Array {
  const { blockSize, nLayer, nHead: nh, nEmbd: C, vocabSize: V } = model.config;
  const T = ids.length;
  if (T < 1 || T > blockSize) throw new Error(`Cannot forward ${T} tokens: the model reads 1–${blockSize} at once. Shorten the text.`);
  const bad = ids.find((id) => !Number.isInteger(id) || id < 0 || id >= V);
  if (bad !== undefined) throw new Error(`Token id ${bad} is outside the vocabulary 0–${V - 1}.`);
  const P = model.params;
  const hs = C / nh;
  const logits = tf.tidy(() => {
    let x = tf.gather(P["transformer.wte.weight"], tf.tensor1d(ids as number[], "int32")) as tf.Tensor2D; // (T, C)
    if (opts.positions) x = x.add(P["transformer.wpe.weight"].slice([0, 0], [T, C])) as tf.Tensor2D;
    const mask = opts.causal ? tf.linalg.bandPart(tf.ones([T, T]), -1, 0).sub(1).mul(1e9) : null; // 0 on and below the diagonal, −1e9 above
    for (let i = 0; i < nLayer; i++) {
      const h = `transformer.h.${i}`;
      const qkv = linear(layerNorm(x, P[`${h}.ln_1.weight`], P[`${h}.ln_1.bias`]), P[`${h}.attn.c_attn.weight`], P[`${h}.attn.c_attn.bias`]); // (T, 3C)
      const [q, k, v] = tf.split(qkv, 3, -1).map((t) => t.reshape([T, nh, hs]).transpose([1, 0, 2])); // each (nh, T, hs)
      let scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(hs)); // (nh, T, T)
      if (mask) scores = scores.add(mask);
      const y = tf.matMul(tf.softmax(scores, -1), v).transpose([1, 0, 2]).reshape([T, C]) as tf.Tensor2D; // heads side by side
      x = x.add(linear(y, P[`${h}.attn.c_proj.weight`], P[`${h}.attn.c_proj.bias`])) as tf.Tensor2D;
      const m = linear(gelu(linear(layerNorm(x, P[`${h}.ln_2.weight`], P[`${h}.ln_2.bias`]), P[`${h}.mlp.c_fc.weight`], P[`${h}.mlp.c_fc.bias`])) as tf.Tensor2D, P[`${h}.mlp.c_proj.weight`], P[`${h}.mlp.c_proj.bias`]);
      x = x.add(m) as tf.Tensor2D;
    }
    x = layerNorm(x, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"]);
    return linear(x, P["transformer.wte.weight"]); // (T, V): the head is tied to wte
  });
  try {
    return logits.dataSync() as Float32Array;
  } finally {
    logits.dispose();
  }
}

/**
 * A seeded shuffle of 0..T−1 that moves at least one index (for T ≥ 2), so "shuffle" always shuffles.
 * Example: a permutation [2, 0, 1] means the shuffled sequence is [ids[2], ids[0], ids[1]].
 */
export function shufflePermutation(T: number, seed: number): number[] {
  const rng = new Random(seed);
  const perm = Array.from({ length: T }, (_, i) => i);
  for (let i = T - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  if (T >= 2 && perm.every((p, i) => p === i)) [perm[0], perm[1]] = [perm[1], perm[0]];
  return perm;
}

export interface ShuffleResult {
  perm: number[];
  shuffledIds: number[];
  /** logits (T, V) of the original and of the shuffled sequence */
  original: Float32Array;
  shuffled: Float32Array;
  /** max over positions i of |shuffled[i] − original[perm[i]]|: 0 (to float rounding) when the outputs were only permuted */
  permutedDiff: number;
  /** max over positions i of |shuffled[i] − original[i]|: how much the outputs moved at all */
  moved: number;
}

/** Runs the sequence and its shuffle through forwardOrder and compares the outputs, undoing the shuffle. */
export function shuffleProbe(model: GPTModel, ids: readonly number[], perm: readonly number[], opts: OrderOptions): ShuffleResult {
  const T = ids.length;
  if (perm.length !== T || [...perm].sort((a, b) => a - b).some((p, i) => p !== i))
    throw new Error(`The shuffle must be a permutation of 0–${T - 1}, got [${perm.join(", ")}].`);
  const V = model.config.vocabSize;
  const shuffledIds = perm.map((p) => ids[p]);
  const original = forwardOrder(model, ids, opts);
  const shuffled = forwardOrder(model, shuffledIds, opts);
  let permutedDiff = 0, moved = 0;
  for (let i = 0; i < T; i++)
    for (let v = 0; v < V; v++) {
      const s = shuffled[i * V + v];
      permutedDiff = Math.max(permutedDiff, Math.abs(s - original[perm[i] * V + v]));
      moved = Math.max(moved, Math.abs(s - original[i * V + v]));
    }
  return { perm: [...perm], shuffledIds, original, shuffled, permutedDiff, moved };
}
