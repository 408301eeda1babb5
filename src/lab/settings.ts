import type { PropSpec } from "../course/widgetSpecs";
import type { StateOf } from "../course/urlState";
import { trainingBytesFor, vocabFor } from "./modelSize";
import { labProblemsEn } from "../i18n/lessons/labProblems";

/**
 * Every lab setting, declared once: its type, default and range. The lab keeps them in the URL (under
 * "lab."), so a shared link replays the same run with the same seed; `hide` lists controls an instructor hid.
 */
export const labSchema = {
  preset: { type: "enum", default: "projector", values: ["projector", "nanogpt-cpu", "custom"] },
  corpus: { type: "enum", default: "moby-dick", values: ["moby-dick", "first-names", "course-ja", "own"] },
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

const GB = 2 ** 30;

/**
 * Memory a tab can spend on training here: half the device's memory (navigator.deviceMemory, which browsers cap at
 * 8 GB), between 1 and 4 GB (WebAssembly's 32-bit memory tops out at 4 GB). Example: deviceMemory 8 → 4 GB.
 */
export function trainingMemoryLimit(deviceMemoryGB = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory): number {
  return Math.min(4, Math.max(1, (deviceMemoryGB ?? 8) / 2)) * GB;
}

/**
 * The memory estimate of modelSize.ts against the device's limit: { gb, limitGb } when training would not fit,
 * else null (also while an own text is still empty, so its vocabulary is unknown).
 * Example: 24 layers × 2048 wide, blockSize 2048, batch 1024 on Moby-Dick → about 47 thousand GB: too large.
 */
export function memoryProblem(s: LabSettings, ownText?: string, limit = trainingMemoryLimit()): { gb: number; limitGb: number } | null {
  const vocab = vocabFor(s, ownText);
  if (!vocab) return null;
  const bytes = trainingBytesFor({ vocabSize: vocab.size, blockSize: s.blockSize, nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, bias: s.bias }, s.batchSize).total;
  return bytes > limit ? { gb: Math.round(bytes / GB), limitGb: Math.round(limit / GB) } : null;
}

/** Formats one of the lab's setting messages; the page passes i18next's t for the reader's language. */
export type ProblemText = (key: keyof typeof labProblemsEn, params: Record<string, string | number>) => string;

/** The English messages, formatted without i18next (tests, workers). Example: ("whole", { name: "nLayer", x: 2.5 }). */
export const englishProblem: ProblemText = (key, params) => labProblemsEn[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

/** A number setting outside its range, named: "nLayer 1000000000 is above 24, the largest the lab builds." */
function rangeProblem(name: SettingName, x: number, text: ProblemText): string | null {
  const spec = labSchema[name];
  if (spec.type !== "number") return null;
  const builds = (modelFields as readonly string[]).includes(name);
  if (!Number.isFinite(x)) return text("notNumber", { name, x: String(x) });
  if (x > spec.max) return text(builds ? "aboveBuilds" : "aboveTakes", { name, x: String(x), max: String(spec.max) });
  if (x < spec.min) return text(builds ? "belowBuilds" : "belowTakes", { name, x: String(x), min: spec.min.toLocaleString("en-US", { maximumFractionDigits: 20 }) });
  if ("integer" in spec && spec.integer && !Number.isInteger(x)) return text("whole", { name, x: String(x) });
  return null;
}

/**
 * Problems with the settings, by field, in words a learner can act on: a value outside its range, a combination
 * that cannot work, and ("memory") a model too large for this device.
 * Example: { nEmbd: 100, nHead: 3 } → { nEmbd: "nEmbd 100 is not divisible by nHead 3: try 99 or 102." }
 */
export function settingProblems(s: LabSettings, limit = trainingMemoryLimit(), text: ProblemText = englishProblem): Partial<Record<SettingName | "memory", string>> {
  const p: Partial<Record<SettingName | "memory", string>> = {};
  for (const name of Object.keys(labSchema) as SettingName[]) {
    const problem = rangeProblem(name, Number(s[name]), text);
    if (problem) p[name] = problem;
  }
  if (Object.keys(p).length) return p; // combinations of out-of-range values would only confuse
  const memory = memoryProblem(s, undefined, limit);
  if (memory) p.memory = text("memory", { gb: memory.gb.toLocaleString("en-US"), limit: memory.limitGb });
  if (s.nEmbd % s.nHead !== 0) {
    const lo = Math.floor(s.nEmbd / s.nHead) * s.nHead, hi = lo + s.nHead;
    p.nEmbd = text("divisible", { nEmbd: s.nEmbd, nHead: s.nHead, suggest: lo > 0 ? text("tryTwo", { lo, hi }) : hi });
  }
  if (s.minLr > s.learningRate) p.minLr = text("minLr", { minLr: s.minLr, lr: s.learningRate });
  if (s.warmupIters >= s.lrDecayIters) p.warmupIters = text("warmup", { warmup: s.warmupIters, decay: s.lrDecayIters });
  if (s.tokenizer === "bpe" && s.bpeVocab < 257) p.bpeVocab = text("bpe", { v: s.bpeVocab });
  return p;
}

/**
 * Values in a link that the lab could not use (decodeState replaced them by defaults), each with its allowed range.
 * Example: "lab.nLayer=0&lab.seed=abc" → [{ key: "lab.nLayer", raw: "0", name: "nLayer", range: "1 to 24" }, { key: "lab.seed", … }]
 */
export function badLinkValues(schema: Record<string, PropSpec>, params: URLSearchParams, prefix: string): { key: string; raw: string; name: string; range: string }[] {
  const out: { key: string; raw: string; name: string; range: string }[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const key = `${prefix}.${name}`;
    const raw = params.get(key);
    if (raw === null) continue;
    let ok: boolean, range: string;
    switch (spec.type) {
      case "number": {
        const x = Number(raw);
        ok = raw.trim() !== "" && Number.isFinite(x) && (!spec.integer || Number.isInteger(x)) && (spec.min === undefined || x >= spec.min) && (spec.max === undefined || x <= spec.max);
        range = `${spec.min ?? "−∞"} to ${spec.max ?? "∞"}`;
        break;
      }
      case "boolean":
        ok = ["1", "0", "true", "false"].includes(raw);
        range = "1 or 0";
        break;
      case "enum":
        ok = spec.values.includes(raw);
        range = spec.values.join(", ");
        break;
      case "string":
        ok = spec.maxLength === undefined || raw.length <= spec.maxLength;
        range = `up to ${spec.maxLength} characters`;
        break;
    }
    if (!ok) out.push({ key, raw, name, range });
  }
  return out;
}
