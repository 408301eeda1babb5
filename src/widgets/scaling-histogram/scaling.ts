import { Random, softmax } from "../../core";

/**
 * Why attention divides by √d_k, measured. For q, k with independent standard-normal entries,
 * q·k = Σ_i q_i k_i is a sum of d_k terms of mean 0 and variance 1, so Var(q·k) = d_k (Vaswani et al. 2017,
 * footnote 4). Dividing by √d_k brings the variance back to 1 whatever the head size.
 */

/** The slider's values: powers of two from 1 to 512 (log steps). */
export const DK_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] as const;

/**
 * n dot products q·k of fresh standard-normal vectors of size dk, from Random(seed). Each pair draws q's dk
 * entries, then k's. Example: the mean is near 0 and the variance near dk.
 */
export function sampleDots(dk: number, n: number, seed: number): Float64Array {
  if (!Number.isInteger(dk) || dk < 1) throw new Error(`d_k must be a whole number ≥ 1, got ${dk}.`);
  if (!Number.isInteger(n) || n < 2) throw new Error(`need at least 2 samples to measure a variance, got ${n}.`);
  const rng = new Random(seed);
  const out = new Float64Array(n);
  const q = new Float64Array(dk);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < dk; i++) q[i] = rng.normal();
    let d = 0;
    for (let i = 0; i < dk; i++) d += q[i] * rng.normal();
    out[s] = d;
  }
  return out;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** The sample variance, Σ(x − x̄)² / (n − 1). Example: [1, 2, 3, 4] → 5/3 */
export function variance(xs: ArrayLike<number>): number {
  if (xs.length < 2) throw new Error(`a variance needs at least 2 numbers, got ${xs.length}.`);
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

/**
 * The standard error of the sample variance of q·k: Var(s²) ≈ (μ₄ − σ⁴)/n, and for a sum of dk products of
 * independent standard normals μ₄ = 3dk² + 6dk and σ⁴ = dk², so SE ≈ √((2dk² + 6dk)/n).
 */
export function varianceStdError(dk: number, n: number): number {
  return Math.sqrt((2 * dk * dk + 6 * dk) / n);
}

/** Counts of xs in `bins` equal bins over [lo, hi); values outside go to the end bins. Example: ([0, 0.5, 1.5], 0, 2, 2) → [2, 1] */
export function histogram(xs: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  if (!(hi > lo)) throw new Error(`a histogram needs hi > lo, got [${lo}, ${hi}).`);
  const counts = new Array<number>(bins).fill(0);
  const w = (hi - lo) / bins;
  for (let i = 0; i < xs.length; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor((xs[i] - lo) / w)))]++;
  return counts;
}

/** Multiplies every value by c: the scaled scores are scale(dots, 1/√dk). */
export function scaleAll(xs: ArrayLike<number>, c: number): Float64Array {
  return Float64Array.from(xs, (x) => x * c);
}

/**
 * One attention row: a query against `keys` keys, all standard normal of size dk (its own stream: seed + 1).
 * Returns the raw scores and the softmax weights with and without the 1/√dk.
 */
export function attentionRow(dk: number, keys: number, seed: number) {
  const rng = new Random(seed + 1);
  const q = Array.from({ length: dk }, () => rng.normal());
  const raw = Array.from({ length: keys }, () => q.reduce((s, qi) => s + qi * rng.normal(), 0));
  return { raw, unscaled: Array.from(softmax(raw)), scaled: Array.from(softmax(raw.map((s) => s / Math.sqrt(dk)))) };
}

/** softmax(c · [1, 2, 3]) for the "multiply the scores" table: c = 1 gives [0.0900, 0.2447, 0.6652]; c = 100 is one-hot. */
export function softmaxTimes(c: number, scores: readonly number[] = [1, 2, 3]): number[] {
  return Array.from(softmax(scores.map((s) => s * c)));
}
