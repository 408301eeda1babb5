import { presets } from "../core/config";
import type { BackendChoiceRecord } from "../device/backendChoice";
import type { Backend } from "../core/backend";
import { numParamsFor, type SizeConfig } from "./modelSize";
import type { LabSettings } from "./settings";

/** The lab fields a preset sets (the engine's presets, flattened onto the lab's settings). */
export function presetValues(name: LabSettings["preset"]): Partial<LabSettings> {
  if (name === "custom") return {};
  const p = presets[name];
  return { ...p.model, ...p.train } as Partial<LabSettings>;
}

/** Published results a preset can be compared with (shown as a reference line on the loss chart). */
export function publishedReference(s: LabSettings): { label: string; y: number } | null {
  // nanoGPT's README: the CPU run (this preset, characters) reaches a validation loss of about 1.88 on Shakespeare.
  if (s.preset === "nanogpt-cpu" && s.tokenizer === "char") return { label: "nanoGPT CPU run, Shakespeare: 1.88", y: 1.88 };
  return null;
}

// ---- how long a run takes on this device

/**
 * Training FLOPs of one step, nanoGPT's estimate_mfu (as bench.ts reports): 6N + 12·L·C·T per token, forward and
 * backward, times B·T·gradAccumSteps tokens. Example: the backend probe's model (1 layer, 32 wide, block 16,
 * vocabulary 65, batch 8) has N = 15,360 and 6·15,360 + 12·1·32·16 = 98,304 FLOPs per token, × 128 tokens =
 * 12,582,912 per step; the projector preset at vocabulary 65 (N = 106,304, batch 32) does 703,463,424.
 */
export function flopsPerStep(c: SizeConfig, batchSize: number, gradAccumSteps = 1): number {
  const N = numParamsFor(c);
  return (6 * N + 12 * c.nLayer * c.nEmbd * c.blockSize) * batchSize * c.blockSize * gradAccumSteps;
}

/** The probe's model and batch (src/device/stepProbe.ts PROBE_MODEL, PROBE_BATCH): 12,582,912 FLOPs a step. */
export const PROBE_FLOPS = flopsPerStep({ vocabSize: 65, blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 32, bias: true }, 8);

/**
 * How step time grows with FLOPs: ms ∝ FLOPs^0.68. Bigger steps use the machine better (fewer, larger kernels),
 * so time grows slower than work. Measured on wasm on the 2-core development machine in one browser session,
 * medians: the probe 6.5 ms, projector 94 ms (55.9× the probe's FLOPs), nanogpt-cpu 340 ms (320.6×); a
 * least-squares line through the origin in log-log gives 0.678, which predicts 15.3× and 49.9× the probe's time
 * against the 14.5× and 52× measured (within 5%).
 */
export const STEP_TIME_EXPONENT = 0.678;

/**
 * ms per training step at `flops`, from the probe's measured ms per step on the same backend.
 * Example: probe 6.5 ms, projector's 703,463,424 FLOPs → 6.5 · 55.906^0.678 ≈ 99.5 ms.
 */
export function msPerStepFromProbe(probeMs: number, flops: number): number {
  return probeMs * Math.pow(flops / PROBE_FLOPS, STEP_TIME_EXPONENT);
}

/**
 * Evaluations a run of maxIters steps makes: at every multiple of evalInterval below maxIters, and at the last
 * step. Example: maxIters 500, evalInterval 50 → steps 0, 50, …, 450 and 499 = 11.
 */
export function evalCount(maxIters: number, evalInterval: number): number {
  const last = maxIters - 1;
  return Math.floor(last / evalInterval) + 1 + (last % evalInterval === 0 ? 0 : 1);
}

type RunShape = Pick<LabSettings, "nLayer" | "nHead" | "nEmbd" | "blockSize" | "bias" | "batchSize" | "gradAccumSteps" | "maxIters" | "evalInterval" | "evalIters">;

/**
 * Seconds for a whole run (maxIters steps) at `msPerStep`: the steps, plus the evaluations, each 2·evalIters
 * forward passes (train and val splits) of a batch at about a third of a training step's cost (no backward).
 * Example: projector (500 steps, 11 evaluations of 2·10 batches) at 99.5 ms → (500 + 220/3) · 0.0995 ≈ 57 s.
 */
export function runSeconds(s: RunShape, msPerStep: number): number {
  const evalSteps = (evalCount(s.maxIters, s.evalInterval) * 2 * s.evalIters * s.gradAccumSteps) / 3;
  return ((s.maxIters + evalSteps) * msPerStep) / 1000;
}

/** The probe's ms per step on `backend` in this device's measurement, if it finished there. */
export function probeMsFor(record: BackendChoiceRecord | null | undefined, backend: Backend | null | undefined): number | undefined {
  const t = record?.results.find((r) => r.backend === backend && r.status === "ok");
  return t?.msPerStep;
}

export interface RunEstimate {
  seconds: number;
  msPerStep: number;
  /** "run": this run's own recent steps; "probe": scaled from the backend measurement's tiny model */
  source: "run" | "probe";
}

/**
 * The time a run with these settings takes here: from this run's own measured steps when it has some (same
 * settings), else scaled from the backend probe. Null when neither exists (nothing measured yet).
 */
export function estimateRun(s: RunShape, vocabSize: number, o: { probeMs?: number; runMsPerStep?: number }): RunEstimate | null {
  if (o.runMsPerStep !== undefined && o.runMsPerStep > 0) return { seconds: runSeconds(s, o.runMsPerStep), msPerStep: o.runMsPerStep, source: "run" };
  if (o.probeMs === undefined || !(o.probeMs > 0)) return null;
  const flops = flopsPerStep({ vocabSize, blockSize: s.blockSize, nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, bias: s.bias }, s.batchSize, s.gradAccumSteps);
  const ms = msPerStepFromProbe(o.probeMs, flops);
  return { seconds: runSeconds(s, ms), msPerStep: ms, source: "probe" };
}

/**
 * A duration as people say it, rounded to what an estimate can promise: under a minute to 5 s (at least 5),
 * under 90 minutes to whole minutes, beyond that to half hours.
 * Examples: 3 → { s: 5 }, 57 → { min: 1 }, 52 → { s: 50 }, 130 → { min: 2 }, 5900 → { h: 1.5 }.
 */
export function roughDuration(seconds: number): { unit: "s" | "min" | "h"; n: number } {
  if (seconds < 55) return { unit: "s", n: Math.max(5, Math.round(seconds / 5) * 5) };
  if (seconds < 90 * 60) return { unit: "min", n: Math.max(1, Math.round(seconds / 60)) };
  return { unit: "h", n: Math.round(seconds / 1800) / 2 };
}

/** The settings of a preset as a full run shape (the lab's defaults under it), for the preset menu's estimates. */
export function presetShape(name: Exclude<LabSettings["preset"], "custom">, base: LabSettings): RunShape {
  return { ...base, ...presetValues(name) };
}
