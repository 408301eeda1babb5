import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { fromNanoGPTArgs, type NanoGPTArgs } from "../../src/core/config";
import { modelFromTensors, type GPTModel, type TensorRecord } from "../../src/core/model";

/** The nanoGPT golden vectors (tests/fixtures/gpt-tiny.json, copied from shared/golden; see its README). */
export type GoldenTensor = { shape: number[]; values: number[] };
export interface GoldenCase {
  config: NanoGPTArgs;
  params: Record<string, GoldenTensor>;
  param_names_in_order: string[];
  num_params: number;
  idx: number[][];
  targets: number[][];
  activations?: Record<string, GoldenTensor>;
  logits: GoldenTensor;
  loss: number;
  grads: Record<string, GoldenTensor>;
  optimizer?: { lr: number; betas: [number, number]; eps: number; weight_decay_groups: Record<string, string[]> | { decay: string[]; no_decay: string[] } | unknown; grad_clip_max_norm: number; grad_norm_before_clip: number; clip_coef: number };
  grads_clipped?: Record<string, GoldenTensor>;
  params_after_step?: Record<string, GoldenTensor>;
  adam_state_after_step?: Record<string, { exp_avg: number[]; exp_avg_sq: number[] }>;
  loss_after_step?: number;
  generate_forward?: { idx: number[][]; logits_last: GoldenTensor; probs_last: GoldenTensor };
}

let cached: { tiny: GoldenCase; nobias_4head: GoldenCase } | null = null;
export function golden() {
  cached ??= JSON.parse(readFileSync(join(__dirname, "../fixtures/gpt-tiny.json"), "utf8"));
  return cached!;
}

export function toRecord(params: Record<string, GoldenTensor>): TensorRecord {
  return Object.fromEntries(Object.entries(params).map(([k, t]) => [k, { shape: t.shape, values: Float32Array.from(t.values) }]));
}

export function loadGolden(name: "tiny" | "nobias_4head"): { c: GoldenCase; model: GPTModel; idx: tf.Tensor2D; targets: tf.Tensor2D } {
  const c = golden()[name];
  const model = modelFromTensors(fromNanoGPTArgs(c.config), toRecord(c.params));
  return { c, model, idx: tf.tensor2d(c.idx, undefined, "int32"), targets: tf.tensor2d(c.targets, undefined, "int32") };
}

/** Largest |a − b| / max(1, |b|) (absolute for small values, relative for large). */
export function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} vs expected ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  return worst;
}

/** Largest |a − b| / (|b| + floor): relative error for gradients, with a floor for values near zero. */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (Math.abs(expected[i]) + floor));
  return worst;
}

/** max |a − b| / max |b|: the error relative to the tensor's scale (how "1e-5 relative" is read here). */
export function maxScaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0, scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? worst : worst / scale;
}
