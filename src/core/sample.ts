import type { Random } from "./random";

/**
 * Turning logits into a next token: pure functions on Float32Array, no TF.js, so widgets call them on the
 * main thread and the engine calls them after its one GPU→CPU read per generated token.
 */

/** Index of the largest value; ties go to the lowest index. Example: argmax([1, 3, 3]) → 1 */
export function argmax(arr: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < arr.length; i++) if (arr[i] > arr[best]) best = i;
  return best;
}

/**
 * softmax(logits / temperature), stable at any temperature: the largest logit is subtracted first, so
 * every exponent is ≤ 0 and nothing overflows. temperature ≤ 0 means greedy: one-hot at the argmax.
 * Example: softmax([1, 2, 3]) → [0.0900, 0.2447, 0.6652]
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  const n = logits.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  if (!(temperature > 0)) {
    out[argmax(logits)] = 1;
    return out;
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((logits[i] - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] /= sum; // sum ≥ 1: the max term is exp(0)
  return out;
}

/** log softmax(logits / temperature), computed as (z − max)/τ − log Σ exp((z − max)/τ). */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0)) throw new Error(`logSoftmax needs a temperature above 0, got ${temperature}.`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] - max) / temperature);
  const lse = Math.log(sum);
  return Float64Array.from(logits, (z) => (z - max) / temperature - lse);
}

function renormalise(p: Float32Array): Float32Array {
  let sum = 0;
  for (const x of p) sum += x;
  if (sum > 0) for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** Indices sorted by probability, largest first; ties keep the lower index first. */
function rank(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
}

/** Keeps the k most probable tokens, renormalised. k ≤ 0 or k ≥ n leaves probs unchanged. */
export function filterTopK(probs: ArrayLike<number>, k: number): Float32Array {
  if (!Number.isInteger(k)) throw new Error(`topK must be a whole number, got ${k}.`);
  const out = Float32Array.from(probs);
  if (k <= 0 || k >= probs.length) return out;
  for (const i of rank(probs).slice(k)) out[i] = 0;
  return renormalise(out);
}

/**
 * Nucleus sampling's filter: the smallest set of most probable tokens whose total is ≥ p (always at least
 * one), renormalised. Example: filterTopP([0.5, 0.3, 0.15, 0.05], 0.8) → [0.625, 0.375, 0, 0]
 */
export function filterTopP(probs: ArrayLike<number>, p: number): Float32Array {
  if (!(p > 0 && p <= 1)) throw new Error(`topP must be in (0, 1], got ${p}.`);
  const out = Float32Array.from(probs);
  if (p >= 1) return out;
  let cum = 0;
  let keep = 0;
  const order = rank(probs);
  for (const i of order) {
    cum += probs[i];
    keep++;
    if (cum >= p - 1e-7) break; // float tolerance: 0.5 + 0.3 must count as reaching 0.8
  }
  for (const i of order.slice(keep)) out[i] = 0;
  return renormalise(out);
}

/** Inverse-CDF sampling with rng.next(); never returns a token of probability 0. */
export function sampleFrom(probs: ArrayLike<number>, rng: Random): number {
  const u = rng.next();
  let cum = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (u < cum) return i;
  }
  if (last < 0) throw new Error("Cannot sample: every probability is 0.");
  return last; // u fell in the rounding gap above the float sum: the last possible token
}

export interface SamplingOptions {
  temperature?: number; // 1 = the model's distribution; < 1 sharper; 0 = greedy
  topK?: number; // 0 = off
  topP?: number; // 1 = off
  greedy?: boolean;
}

/** The distribution a token is drawn from after temperature, top-k and top-p, and which tokens survived. */
export function tokenDistribution(logits: ArrayLike<number>, o: SamplingOptions): { probs: Float32Array; kept: boolean[] } {
  const temperature = o.greedy ? 0 : (o.temperature ?? 1);
  let probs = softmax(logits, temperature);
  if (o.topK) probs = filterTopK(probs, o.topK);
  if (o.topP !== undefined && o.topP < 1) probs = filterTopP(probs, o.topP);
  return { probs, kept: Array.from(probs, (p) => p > 0) };
}

/** Picks the next token: the argmax when greedy (or temperature 0), otherwise a seeded sample. */
export function pickToken(logits: ArrayLike<number>, o: SamplingOptions, rng: Random): { id: number; probs: Float32Array } {
  const { probs } = tokenDistribution(logits, o);
  const greedy = o.greedy || !((o.temperature ?? 1) > 0);
  return { id: greedy ? argmax(probs) : sampleFrom(probs, rng), probs };
}

/** Shannon entropy in nats. Example: entropy([0.5, 0.5]) = ln 2 ≈ 0.693 */
export function entropy(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) h -= probs[i] * Math.log(probs[i]);
  return h;
}
