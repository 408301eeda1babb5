import type { Random } from "./random";
import { DojoError } from "./errors";

/**
 * Turning logits into a next token: pure functions on arrays of numbers (a Float32Array from the model, or a
 * plain array in a widget), no TF.js. Widgets call them on the main thread; generate() calls them after its
 * one GPU→CPU read per token. Randomness comes in as a seeded Random, so a shared seed replays the same text.
 *
 * The pipeline, as nanoGPT's sample.py and Hugging Face's generate() order it:
 *   logits ─(÷ temperature, softmax)→ probs ─(top-k)→ ─(top-p)→ renormalised probs ─(draw)→ token id
 */

// ---------------------------------------------------------------------------------------------------------
// checks shared by the functions below: errors name the value that broke them

function checkTemperature(temperature: number): void {
  if (typeof temperature !== "number" || Number.isNaN(temperature) || temperature === Infinity)
    throw new Error(`temperature must be a finite number (≤ 0 means greedy), got ${temperature}.`);
}

/** The largest logit, after checking there is one and that no logit is NaN. */
function maxLogit(logits: ArrayLike<number>, fn: string): number {
  if (logits.length === 0) throw new Error(`${fn} needs at least one logit, got an empty array.`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    if (Number.isNaN(z)) throw new DojoError("nanLogits", { fn, i }, `${fn}: logit ${i} is NaN. The model's output is broken (did training diverge? check the loss).`);
    if (z > max) max = z;
  }
  if (max === -Infinity) throw new Error(`${fn}: all ${logits.length} logits are -Infinity, so no token is possible.`);
  return max;
}

function checkProbs(probs: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p < Infinity)) throw new Error(`${fn}: probability ${i} is ${p}; probabilities must be finite and ≥ 0.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// logits → probabilities

/** Index of the largest value; ties go to the lowest index. Example: argmax([1, 3, 3]) → 1 */
export function argmax(arr: ArrayLike<number>): number {
  if (arr.length === 0) throw new Error("argmax of an empty array: there is no index to return.");
  let best = 0;
  for (let i = 1; i < arr.length; i++) if (arr[i] > arr[best] || Number.isNaN(arr[best])) best = i;
  return best;
}

/**
 * softmax(logits / temperature). Example: softmax([1, 2, 3]) → [0.0900, 0.2447, 0.6652]
 *
 * Stable at any temperature: the largest logit is subtracted first, so every exponent is ≤ 0 and nothing
 * overflows; at temperature 1e-6 the non-max exponents underflow to exactly 0 and the max ones are exp(0) = 1,
 * so the result is one-hot (or uniform over tied maxima), never NaN. temperature ≤ 0 means greedy: one-hot at
 * the argmax, ties to the lowest index. A -Infinity logit (a masked token) gets probability 0.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  checkTemperature(temperature);
  const max = maxLogit(logits, "softmax");
  const n = logits.length;
  const out = new Float32Array(n);
  if (temperature <= 0) {
    out[argmax(logits)] = 1;
    return out;
  }
  if (max === Infinity) {
    // the limit of the formula: the +Infinity logits share all the probability
    let count = 0;
    for (let i = 0; i < n; i++) if (logits[i] === Infinity) count++;
    for (let i = 0; i < n; i++) out[i] = logits[i] === Infinity ? 1 / count : 0;
    return out;
  }
  const e = new Float64Array(n); // exponentials in double precision, rounded to float32 once at the end
  let sum = 0;
  for (let i = 0; i < n; i++) {
    e[i] = Math.exp((logits[i] - max) / temperature);
    sum += e[i];
  }
  for (let i = 0; i < n; i++) out[i] = e[i] / sum; // sum ≥ 1: the max term is exp(0)
  return out;
}

/**
 * log softmax(logits / temperature) = (z − max)/τ − log Σ exp((z − max)/τ), in double precision because
 * beam search adds these up over many tokens. temperature ≤ 0 (greedy) gives 0 at the argmax and -Infinity
 * elsewhere, the log of softmax's one-hot. Example: logSoftmax([0, 0]) → [−0.6931, −0.6931] (log ½ each)
 */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  checkTemperature(temperature);
  const max = maxLogit(logits, "logSoftmax");
  const n = logits.length;
  const out = new Float64Array(n);
  if (temperature <= 0) {
    out.fill(-Infinity);
    out[argmax(logits)] = 0;
    return out;
  }
  if (max === Infinity) {
    let count = 0;
    for (let i = 0; i < n; i++) if (logits[i] === Infinity) count++;
    for (let i = 0; i < n; i++) out[i] = logits[i] === Infinity ? -Math.log(count) : -Infinity;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp((logits[i] - max) / temperature);
  const lse = Math.log(sum);
  for (let i = 0; i < n; i++) out[i] = (logits[i] - max) / temperature - lse;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// filters: each returns which tokens survive; the exported versions zero the rest and renormalise

/** Indices sorted by probability, largest first; ties keep the lower index first. */
function rank(probs: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(probs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => probs[b] - probs[a] || a - b);
}

function checkTopK(k: number): void {
  if (!Number.isInteger(k)) throw new Error(`topK must be a whole number (0 = off), got ${k}.`);
}

function checkTopP(p: number): void {
  if (!(p > 0 && p <= 1)) throw new Error(`topP must be in (0, 1], got ${p}.`);
}

/** The k most probable tokens (ties at the boundary: the lower indices). k ≤ 0 or k ≥ n keeps all. */
function topKMask(probs: ArrayLike<number>, k: number): Uint8Array {
  const n = probs.length;
  if (k <= 0 || k >= n) return new Uint8Array(n).fill(1);
  const keep = new Uint8Array(n);
  const order = rank(probs);
  for (let r = 0; r < k; r++) keep[order[r]] = 1;
  return keep;
}

/**
 * The nucleus: the most probable tokens, in order, until their total reaches p (at least one token).
 *
 * subtle: probabilities are float32 (about 7 significant digits), so a total that equals p on paper can land
 * a hair below it (float32 0.7 + 0.1 = 0.79999999 < 0.8) and pull in one more token. Totals within a relative
 * 1e-6 of the target count as reaching it. Probabilities that do not sum to 1 are measured against their sum.
 */
function topPMask(probs: ArrayLike<number>, p: number): Uint8Array {
  const n = probs.length;
  if (p >= 1) return new Uint8Array(n).fill(1);
  let total = 0;
  for (let i = 0; i < n; i++) total += probs[i];
  const target = p * total * (1 - 1e-6);
  const keep = new Uint8Array(n);
  let cum = 0;
  for (const i of rank(probs)) {
    keep[i] = 1;
    cum += probs[i];
    if (cum >= target) break;
  }
  return keep;
}

/** Zeroes the tokens the mask drops and renormalises the rest to sum to 1. */
function applyMask(probs: ArrayLike<number>, keep: Uint8Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) if (keep[i]) sum += probs[i];
  const out = new Float32Array(probs.length);
  if (sum > 0) for (let i = 0; i < probs.length; i++) if (keep[i]) out[i] = probs[i] / sum;
  return out;
}

/**
 * Keeps the k most probable tokens, renormalised; ties at the boundary keep the lower indices.
 * k ≤ 0 (off) or k ≥ n returns an unchanged copy. Example: filterTopK([0.1, 0.5, 0.15, 0.25], 2) → [0, 2/3, 0, 1/3]
 */
export function filterTopK(probs: ArrayLike<number>, k: number): Float32Array {
  checkTopK(k);
  checkProbs(probs, "filterTopK");
  if (k <= 0 || k >= probs.length) return Float32Array.from(probs);
  return applyMask(probs, topKMask(probs, k));
}

/**
 * Nucleus (top-p) filter: the smallest set of most probable tokens whose total is ≥ p (always at least one),
 * renormalised; p = 1 returns an unchanged copy. Example: filterTopP([0.5, 0.3, 0.15, 0.05], 0.8) → [0.625, 0.375, 0, 0]
 */
export function filterTopP(probs: ArrayLike<number>, p: number): Float32Array {
  checkTopP(p);
  checkProbs(probs, "filterTopP");
  if (p >= 1) return Float32Array.from(probs);
  return applyMask(probs, topPMask(probs, p));
}

// ---------------------------------------------------------------------------------------------------------
// drawing a token

/**
 * Inverse-CDF sampling: one rng.next() = u, then the first token whose running total passes u × (sum of probs).
 * Scaling by the sum makes it exact for probabilities that sum to 0.9999999 after float32 rounding, and a
 * token of probability 0 is never returned: it adds nothing to the running total, and if u lands in the
 * rounding gap at the very top, the answer is the last token with probability above 0.
 * Example: with probs [0.25, 0, 0.75], u = 0.5 → token 2.
 */
export function sampleFrom(probs: ArrayLike<number>, rng: Random): number {
  checkProbs(probs, "sampleFrom");
  let total = 0;
  for (let i = 0; i < probs.length; i++) total += probs[i];
  if (!(total > 0)) throw new Error(`Cannot sample: all ${probs.length} probabilities are 0.`);
  const target = rng.next() * total;
  let cum = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (target < cum) return i;
  }
  return last;
}

export interface SamplingOptions {
  temperature?: number; // 1 = the model's own distribution; < 1 sharper; > 1 flatter; ≤ 0 = greedy
  topK?: number; // keep only the k most probable tokens; 0 or undefined = off
  topP?: number; // keep the smallest set of tokens with total probability ≥ topP; 1 or undefined = off
  greedy?: boolean; // always the most probable token (same as temperature 0)
}

/**
 * The distribution the next token is drawn from, after temperature, top-k and top-p, and which tokens
 * survived the filters (for a widget that greys out the rest). Greedy keeps only the argmax.
 * Example: tokenDistribution([3, 1, 2], { topK: 2 }).kept → [true, false, true]
 *
 * subtle: `kept` says what the filters did, not whether a probability is above 0: a token 200 logits below
 * the best has probability 0 in float32, yet top-k did not remove it.
 */
export function tokenDistribution(logits: ArrayLike<number>, o: SamplingOptions = {}): { probs: Float32Array; kept: boolean[] } {
  const temperature = o.temperature ?? 1;
  checkTemperature(temperature);
  if (o.topK !== undefined) checkTopK(o.topK);
  if (o.topP !== undefined) checkTopP(o.topP);
  const n = logits.length;
  if (o.greedy || temperature <= 0) {
    const probs = softmax(logits, 0);
    return { probs, kept: Array.from(probs, (p) => p > 0) };
  }
  let probs = softmax(logits, temperature);
  const kept = new Uint8Array(n).fill(1);
  if (o.topK !== undefined && o.topK > 0 && o.topK < n) {
    const keep = topKMask(probs, o.topK);
    probs = applyMask(probs, keep);
    for (let i = 0; i < n; i++) kept[i] &= keep[i];
  }
  if (o.topP !== undefined && o.topP < 1) {
    // on the top-k survivors, renormalised, as Hugging Face chains the two
    const keep = topPMask(probs, o.topP);
    for (let i = 0; i < n; i++) keep[i] &= kept[i];
    probs = applyMask(probs, keep);
    kept.set(keep);
  }
  return { probs, kept: Array.from(kept, (k) => k === 1) };
}

/**
 * Picks the next token: the argmax when greedy (or temperature ≤ 0), which uses no randomness; otherwise one
 * draw from tokenDistribution's probs with the seeded rng. `probs` is the distribution it picked from.
 */
export function pickToken(logits: ArrayLike<number>, o: SamplingOptions, rng: Random): { id: number; probs: Float32Array } {
  const { probs } = tokenDistribution(logits, o);
  const greedy = o.greedy || (o.temperature ?? 1) <= 0;
  return { id: greedy ? argmax(logits) : sampleFrom(probs, rng), probs };
}

/** Shannon entropy in nats (probs should sum to 1). Example: entropy([0.5, 0.5]) = ln 2 ≈ 0.693 */
export function entropy(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) h -= probs[i] * Math.log(probs[i]);
  return h;
}
