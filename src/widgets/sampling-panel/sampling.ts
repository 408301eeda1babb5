import { Random, sampleFrom, softmax, tokenDistribution, type SamplingOptions } from "../../core";

/**
 * SamplingPanel's logic, framework-free: the rasbt toy, the panel's settings → the engine's tokenDistribution
 * (the very rule generate() uses), a seeded histogram of draws, and the log-scale temperature slider.
 */

/**
 * The 9-word toy of Raschka's "Build a Large Language Model (From Scratch)", ch. 5 §5.3: the next-token logits
 * after "every effort moves you". Numbers carried over from rasbt/LLMs-from-scratch; at T = 1 they give
 * forward 0.5721, toward 0.3576, closer 0.0609.
 */
export const TOY_VOCAB = ["closer", "every", "effort", "forward", "inches", "moves", "pizza", "toward", "you"] as const;
export const TOY_LOGITS = [4.51, 0.89, -1.9, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79] as const;
export const TOY_PROMPT = "every effort moves you";

export interface PanelSettings {
  temperature: number; // 0.05–5 on the slider
  topK: number; // 0 = off
  topP: number; // 1 = off
  greedy: boolean;
}

export interface PanelRow {
  id: number;
  raw: number; // softmax at T = 1, no filters: the model's own belief
  scaled: number; // softmax at the chosen temperature, before filtering
  final: number; // after top-k and top-p, renormalised: what a draw uses
  kept: boolean;
}

/**
 * The three stages of the distribution for every token, in vocabulary order. Throws, naming the value, for a
 * top-k outside 0…n or a top-p outside (0, 1].
 * Example: panelRows(TOY_LOGITS, { temperature: 1, topK: 3, topP: 1, greedy: false })[3].final → 0.5775
 */
export function panelRows(logits: ArrayLike<number>, s: PanelSettings): PanelRow[] {
  const n = logits.length;
  if (!(Number.isInteger(s.topK) && s.topK >= 0 && s.topK <= n)) throw new Error(`top-k must be 0 (off) or 1–${n}, got ${s.topK}.`);
  if (!(s.topP > 0 && s.topP <= 1)) throw new Error(`top-p must be in (0, 1], got ${s.topP}.`);
  if (!(s.temperature > 0 && Number.isFinite(s.temperature))) throw new Error(`temperature must be a number above 0 (tick "greedy" for T → 0), got ${s.temperature}.`);
  const raw = softmax(logits, 1);
  const scaled = softmax(logits, s.greedy ? 0 : s.temperature);
  const { probs, kept } = tokenDistribution(logits, toOptions(s));
  return Array.from({ length: n }, (_, id) => ({ id, raw: raw[id], scaled: scaled[id], final: probs[id], kept: kept[id] }));
}

export function toOptions(s: PanelSettings): SamplingOptions {
  return { temperature: s.temperature, topK: s.topK, topP: s.topP, greedy: s.greedy };
}

/**
 * `n` seeded draws from `probs` with the engine's sampler (one rng.next() per draw): counts per token.
 * The same seed gives the same counts on every machine. Greedy needs no randomness: all n go to the argmax,
 * which is where the one-hot probs put them anyway.
 */
export function drawCounts(probs: ArrayLike<number>, n: number, seed: number): number[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`the number of draws must be a whole number ≥ 1, got ${n}.`);
  const rng = new Random(seed);
  const counts = new Array<number>(probs.length).fill(0);
  for (let i = 0; i < n; i++) counts[sampleFrom(probs, rng)]++;
  return counts;
}

/** The indices of the `count` largest values, largest first (ties: lower index). For a long vocabulary's bars. */
export function topIds(values: ArrayLike<number>, count: number): number[] {
  const ids = Array.from({ length: values.length }, (_, i) => i);
  ids.sort((a, b) => values[b] - values[a] || a - b);
  return ids.slice(0, count);
}

// ---- the temperature slider: log scale, 0.05 … 5, so T = 1 sits in the middle -------------------------

export const T_MIN = 0.05;
export const T_MAX = 5;
export const SLIDER_STEPS = 200;

/** Slider position 0…200 → temperature, geometric. Example: sliderToT(100) ≈ 0.5 (the geometric middle). */
export function sliderToT(pos: number): number {
  const t = T_MIN * (T_MAX / T_MIN) ** (pos / SLIDER_STEPS);
  return Number(t.toPrecision(3));
}

/** Temperature → the nearest slider position. Example: tToSlider(0.05) → 0, tToSlider(5) → 200 */
export function tToSlider(t: number): number {
  const clamped = Math.min(T_MAX, Math.max(T_MIN, t));
  return Math.round((SLIDER_STEPS * Math.log(clamped / T_MIN)) / Math.log(T_MAX / T_MIN));
}

