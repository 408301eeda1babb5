/**
 * Chinchilla's rules of thumb (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
 * arXiv:2203.15556): for a compute-optimal run, train a model of N parameters on D* ≈ 20·N tokens; training
 * costs C ≈ 6·N·D floating-point operations (2 for the forward multiply-add, 4 for the backward pass, per
 * parameter per token; Kaplan et al. 2020, arXiv:2001.08361).
 */

export const TOKENS_PER_PARAM = 20;
export const FLOPS_PER_PARAM_TOKEN = 6;

function checkPositive(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`${name} must be a number above 0, got ${v}.`);
}

/** D* = 20·N. Example: chinchillaTokens(124e6) = 2.48e9; chinchillaTokens(70e9) = 1.4e12. */
export function chinchillaTokens(N: number): number {
  checkPositive("The parameter count N", N);
  return TOKENS_PER_PARAM * N;
}

/** C = 6·N·D. Example: trainingFlops(124e6, 2.48e9) = 1.8451e18; trainingFlops(70e9, 1.4e12) = 5.88e23. */
export function trainingFlops(N: number, D: number): number {
  checkPositive("The parameter count N", N);
  checkPositive("The token count D", D);
  return FLOPS_PER_PARAM_TOKEN * N * D;
}

/** Seconds to spend C FLOPs at `flopsPerSecond` on each of `devices` machines. */
export function trainingSeconds(C: number, flopsPerSecond: number, devices = 1): number {
  checkPositive("The compute C", C);
  checkPositive("The throughput", flopsPerSecond);
  if (!(Number.isInteger(devices) && devices >= 1)) throw new Error(`The number of devices must be a whole number of at least 1, got ${devices}.`);
  return C / (flopsPerSecond * devices);
}

/** Model sizes the widget marks; `trained` is the tokens the real run saw, where the project's sources state it. */
export interface ModelMark {
  key: string;
  N: number;
  trained?: number;
}

/**
 * GPT-2 124M: nanoGPT's reproduction (config/train_gpt2.py) runs 600,000 steps of 491,520 tokens.
 * shakespeare-char: nanoGPT reports 10.65M parameters; 5,000 steps × 64 sequences × 256 tokens.
 * Chinchilla: 70B parameters on 1.4T tokens, the rule's own example. The course model is added from
 * public/models/moby-char.json when it loads.
 */
export const modelMarks: ModelMark[] = [
  { key: "shakespeare", N: 10.65e6, trained: 5000 * 64 * 256 },
  { key: "gpt2", N: 124e6, trained: 600_000 * 491_520 },
  { key: "chinchilla", N: 70e9, trained: 1.4e12 },
];

/** Throughputs to pick from, in FLOP/s actually achieved (peak × MFU). */
export const throughputs = {
  laptop: 1e12, // about 1 TFLOP/s: a laptop GPU in a browser, roughly
  a100: 312e12 * 0.4, // A100 bf16 dense peak 312 TFLOP/s at 40% model FLOPs utilisation
  h100: 989e12 * 0.4, // H100 SXM bf16 dense peak 989 TFLOP/s at 40% MFU
} as const;
export type ThroughputName = keyof typeof throughputs;

/** The course model's tokens seen in training, from its card: steps × batch × block × accumulation. */
export function cardTokens(card: { steps: number; train: { batchSize: number; gradAccumSteps?: number }; model: { blockSize: number } }): number {
  return card.steps * card.train.batchSize * (card.train.gradAccumSteps ?? 1) * card.model.blockSize;
}

export type Duration = { unit: "seconds" | "minutes" | "hours" | "days" | "years"; value: number };

/**
 * A duration in the largest unit that keeps the number at least 1.
 * Example: humanDuration(14_823) → { unit: "hours", value: 4.1175 }; humanDuration(45) → { unit: "seconds", value: 45 }.
 */
export function humanDuration(seconds: number): Duration {
  if (!(seconds >= 0)) throw new Error(`A duration must be 0 seconds or more, got ${seconds}.`);
  const units: [Duration["unit"], number][] = [["years", 365.25 * 86400], ["days", 86400], ["hours", 3600], ["minutes", 60]];
  for (const [unit, size] of units) if (seconds >= size) return { unit, value: seconds / size };
  return { unit: "seconds", value: seconds };
}

/** Example: sci(1.8451e18) → { mantissa: "1.85", exponent: 18 }. */
export function sci(x: number, digits = 3): { mantissa: string; exponent: number } {
  const [m, e] = x.toExponential(digits - 1).split("e");
  return { mantissa: m, exponent: Number(e) };
}

const suffixes: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/**
 * A count as people write model sizes: "124M", "10.65m", "70B", "1.4T", "124e6", "124,000,000", "5k".
 * Example: parseCount("124M") → 124000000; parseCount("70 B") → 7e10; parseCount("lots") → null.
 */
export function parseCount(input: string): number | null {
  const s = input.trim().replace(/[\s_]/g, "").replace(/,(?=\d{3}(\D|$))/g, "").toLowerCase();
  const m = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?([kmbgt])?$/.exec(s);
  if (!m) return null;
  const x = Number(m[1] + (m[2] ?? "")) * (m[3] ? suffixes[m[3]] : 1);
  return Number.isFinite(x) ? x : null;
}
