import type { PropSpec } from "../course/widgetSpecs";
import type { StateOf } from "../course/urlState";

/**
 * Every lab setting, declared once: its type, default and range. The lab keeps them in the URL (under
 * "lab."), so a shared link replays the same run with the same seed; `hide` lists controls an instructor hid.
 */
export const labSchema = {
  preset: { type: "enum", default: "projector", values: ["projector", "nanogpt-cpu", "custom"] },
  corpus: { type: "enum", default: "moby-dick", values: ["moby-dick", "first-names", "own"] },
  tokenizer: { type: "enum", default: "char", values: ["char", "bpe", "gpt2"] },
  bpeVocab: { type: "number", default: 512, min: 257, max: 8192, integer: true },
  nLayer: { type: "number", default: 2, min: 1, max: 24, integer: true },
  nHead: { type: "number", default: 4, min: 1, max: 32, integer: true },
  nEmbd: { type: "number", default: 64, min: 4, max: 2048, integer: true },
  blockSize: { type: "number", default: 32, min: 2, max: 2048, integer: true },
  dropout: { type: "number", default: 0, min: 0, max: 0.9 },
  bias: { type: "boolean", default: true },
  batchSize: { type: "number", default: 32, min: 1, max: 1024, integer: true },
  // huge values are allowed on purpose: a class can watch training blow up (NaN) and the lab recover
  learningRate: { type: "number", default: 3e-3, min: 1e-6, max: 1e30 },
  minLr: { type: "number", default: 3e-4, min: 0, max: 1 },
  warmupIters: { type: "number", default: 20, min: 0, max: 100000, integer: true },
  lrDecayIters: { type: "number", default: 500, min: 1, max: 1000000, integer: true },
  maxIters: { type: "number", default: 500, min: 1, max: 1000000, integer: true },
  weightDecay: { type: "number", default: 0.1, min: 0, max: 1 },
  beta1: { type: "number", default: 0.9, min: 0, max: 0.9999 },
  beta2: { type: "number", default: 0.99, min: 0, max: 0.99999 },
  gradClip: { type: "number", default: 1, min: 0, max: 100 },
  gradAccumSteps: { type: "number", default: 1, min: 1, max: 64, integer: true },
  evalInterval: { type: "number", default: 50, min: 1, max: 100000, integer: true },
  evalIters: { type: "number", default: 10, min: 1, max: 1000, integer: true },
  seed: { type: "number", default: 1337, min: 0, max: 2 ** 31 - 1, integer: true },
  sampleEvery: { type: "number", default: 50, min: 1, max: 100000, integer: true },
  autosaveEvery: { type: "number", default: 100, min: 1, max: 100000, integer: true },
  hide: { type: "string", default: "", maxLength: 400 },
} as const satisfies Record<string, PropSpec>;

export type LabSettings = StateOf<typeof labSchema>;
export type SettingName = keyof typeof labSchema;

export const modelFields = ["nLayer", "nHead", "nEmbd", "blockSize", "dropout", "bias"] as const;
export const trainFields = [
  "batchSize", "learningRate", "minLr", "warmupIters", "lrDecayIters", "maxIters", "weightDecay",
  "beta1", "beta2", "gradClip", "gradAccumSteps", "evalInterval", "evalIters", "seed",
] as const;

/** The controls an instructor's link hides: `lab.hide=tokenizer,learningRate`. */
export function hiddenControls(s: LabSettings): Set<string> {
  return new Set(s.hide.split(",").map((x) => x.trim()).filter(Boolean));
}

/**
 * Problems with a combination of settings, by field, in words a learner can act on.
 * Example: { nEmbd: 100, nHead: 3 } → { nEmbd: "nEmbd 100 is not divisible by nHead 3: try 99 or 102." }
 */
export function settingProblems(s: LabSettings): Partial<Record<SettingName, string>> {
  const p: Partial<Record<SettingName, string>> = {};
  if (s.nEmbd % s.nHead !== 0) {
    const lo = Math.floor(s.nEmbd / s.nHead) * s.nHead, hi = lo + s.nHead;
    p.nEmbd = `nEmbd ${s.nEmbd} is not divisible by nHead ${s.nHead}: each head gets nEmbd / nHead channels. Try ${lo > 0 ? `${lo} or ` : ""}${hi}.`;
  }
  if (s.minLr > s.learningRate) p.minLr = `minLr ${s.minLr} is above learningRate ${s.learningRate}: the cosine decay would go up. Use a value ≤ ${s.learningRate}.`;
  if (s.warmupIters >= s.lrDecayIters) p.warmupIters = `warmupIters ${s.warmupIters} must be below lrDecayIters ${s.lrDecayIters}, or the schedule never decays.`;
  if (s.tokenizer === "bpe" && s.bpeVocab < 257) p.bpeVocab = `A BPE vocabulary needs more than the 256 byte tokens; got ${s.bpeVocab}.`;
  return p;
}
