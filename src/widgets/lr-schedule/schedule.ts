import { getLr } from "../../core";

/**
 * The learning-rate shapes the LRSchedule widget draws. "cosine" IS the trainer's schedule: it calls the
 * engine's getLr (nanoGPT's get_lr), so the chart and the lab cannot disagree. The other two share its linear
 * warmup and are here for comparison:
 *   constant  warmup, then maxLr for ever (no decay);
 *   linear    warmup, then a straight line from maxLr to 0 at decaySteps ("decay to zero", D2Z), then 0.
 */
export const shapes = ["cosine", "linear", "constant"] as const;
export type Shape = (typeof shapes)[number];

export interface Schedule {
  maxLr: number; // learningRate: the peak, reached at the end of warmup
  minLr: number; // where the cosine ends (linear goes to 0, constant never decays)
  warmup: number; // warmupIters
  decaySteps: number; // lrDecayIters: the decay ends here and the lr is held after it
  totalSteps: number; // maxIters: how far the chart goes
}

/** nanoGPT's config/train_shakespeare_char.py, the curriculum's exercise. */
export const presetSchedules = {
  "shakespeare-char": { maxLr: 1e-3, minLr: 1e-4, warmup: 100, decaySteps: 5000, totalSteps: 5000 },
  "moby-char": { maxLr: 3e-3, minLr: 3e-4, warmup: 50, decaySteps: 1200, totalSteps: 1200 },
  minitrain: { maxLr: 3e-3, minLr: 3e-4, warmup: 20, decaySteps: 300, totalSteps: 300 },
  "gpt2-124m": { maxLr: 6e-4, minLr: 6e-5, warmup: 2000, decaySteps: 600000, totalSteps: 600000 },
} as const satisfies Record<string, Schedule>;
export type PresetName = keyof typeof presetSchedules;
export const presetNames = Object.keys(presetSchedules) as PresetName[];

/** null if the schedule is usable, else a message that names the values (the same rules as validateTrainConfig). */
export function scheduleProblem(s: Schedule): string | null {
  for (const key of ["maxLr", "minLr", "warmup", "decaySteps", "totalSteps"] as const)
    if (!Number.isFinite(s[key])) return `${key} must be a number, got ${s[key]}.`;
  if (!(s.maxLr > 0)) return `max lr must be above 0, got ${s.maxLr}.`;
  if (s.minLr < 0 || s.minLr > s.maxLr) return `min lr ${s.minLr} must be between 0 and max lr ${s.maxLr}.`;
  if (s.warmup < 0 || !Number.isInteger(s.warmup)) return `warmup must be a whole number of steps, 0 or more, got ${s.warmup}.`;
  if (s.warmup >= s.decaySteps) return `warmup ${s.warmup} must be below decay steps ${s.decaySteps}, or the schedule never decays.`;
  if (!(s.totalSteps >= 1) || !Number.isInteger(s.totalSteps)) return `total steps must be a whole number of at least 1, got ${s.totalSteps}.`;
  return null;
}

/**
 * The learning rate at step `iter` (0-based, as nanoGPT's iter_num).
 * Example (shakespeare-char): lrAt("cosine", 50, s) = 1e-3 · 51/101 ≈ 5.05e-4; lrAt("cosine", 2550, s) = 5.5e-4,
 * halfway down the cosine; lrAt("linear", 2550, s) = 5e-4, halfway down the line.
 */
export function lrAt(shape: Shape, iter: number, s: Schedule): number {
  const problem = scheduleProblem(s);
  if (problem) throw new Error(problem);
  if (shape === "cosine") return getLr(iter, { learningRate: s.maxLr, minLr: s.minLr, warmupIters: s.warmup, lrDecayIters: s.decaySteps });
  if (iter < s.warmup) return (s.maxLr * (iter + 1)) / (s.warmup + 1); // the same warmup as get_lr
  if (shape === "constant") return s.maxLr;
  if (iter > s.decaySteps) return 0;
  return s.maxLr * (1 - (iter - s.warmup) / (s.decaySteps - s.warmup));
}

/** At most `points` (step, lr) pairs across 0 … totalSteps − 1, always including the warmup's end and the decay's end. */
export function curve(shape: Shape, s: Schedule, points = 400): { step: number; lr: number }[] {
  const last = s.totalSteps - 1;
  const steps = new Set<number>();
  for (let i = 0; i < points; i++) steps.add(Math.round((i * last) / Math.max(1, points - 1)));
  for (const k of [s.warmup - 1, s.warmup, s.decaySteps, s.decaySteps + 1]) if (k >= 0 && k <= last) steps.add(k);
  return [...steps].sort((a, b) => a - b).map((step) => ({ step, lr: lrAt(shape, step, s) }));
}

/** Example: formatLr(5.0495e-4) → "5.05e-4"; formatLr(0.001) → "1.00e-3"; formatLr(0) → "0". */
export function formatLr(lr: number): string {
  if (lr === 0) return "0";
  const [m, e] = lr.toExponential(2).split("e");
  return `${m}e${Number(e)}`;
}
