import * as tf from "@tensorflow/tfjs";
import type { GPTConfig } from "../config";
import { Random } from "../random";
import { DojoError } from "../errors";
import type { Architecture } from "./architecture";

/**
 * Parameters under nanoGPT's names, verbatim ("transformer.h.0.attn.c_attn.weight"), in PyTorch's layout:
 * a Linear weight is (out, in). The names are map keys, not tf.variable names: TF.js has one global variable
 * registry, and two models on one page (two widgets) must not collide in it.
 */
export type Params = Record<string, tf.Variable>;
export type TensorRecord = Record<string, { shape: number[]; values: Float32Array }>;

export interface GPTModel {
  config: GPTConfig;
  params: Params;
  /** Pieces switched off (lesson 7's ladder rungs; see Architecture in gpt.ts). Absent: nanoGPT's GPT. */
  arch?: Partial<Architecture>;
}

/** Every parameter's name and shape, in nanoGPT's named_parameters() order (lm_head is tied to wte). */
export function paramShapes(c: GPTConfig): [string, number[]][] {
  const C = c.nEmbd;
  const out: [string, number[]][] = [
    ["transformer.wte.weight", [c.vocabSize, C]],
    ["transformer.wpe.weight", [c.blockSize, C]],
  ];
  const ln = (name: string) => {
    out.push([`${name}.weight`, [C]]);
    if (c.bias) out.push([`${name}.bias`, [C]]);
  };
  const linear = (name: string, nOut: number, nIn: number) => {
    out.push([`${name}.weight`, [nOut, nIn]]);
    if (c.bias) out.push([`${name}.bias`, [nOut]]);
  };
  for (let i = 0; i < c.nLayer; i++) {
    const h = `transformer.h.${i}`;
    ln(`${h}.ln_1`);
    linear(`${h}.attn.c_attn`, 3 * C, C);
    linear(`${h}.attn.c_proj`, C, C);
    ln(`${h}.ln_2`);
    linear(`${h}.mlp.c_fc`, 4 * C, C);
    linear(`${h}.mlp.c_proj`, C, 4 * C);
  }
  ln("transformer.ln_f");
  return out;
}

/**
 * nanoGPT's init: normal(0, 0.02) for Linear and Embedding weights, zeros for biases, LayerNorm weight 1 and
 * bias 0, and the residual projections (*.c_proj.weight) normal(0, 0.02/sqrt(2·nLayer)) per GPT-2.
 * Values come from the project's seeded Random, so the same seed gives the same model on every backend.
 */
export function initialValues(c: GPTConfig, seed: number): TensorRecord {
  const rng = new Random(seed);
  const out: TensorRecord = {};
  for (const [name, shape] of paramShapes(c)) {
    const n = shape.reduce((a, b) => a * b, 1);
    let values: Float32Array;
    if (name.endsWith(".bias")) values = new Float32Array(n);
    else if (/\.ln_\d\.weight$|ln_f\.weight$/.test(name)) values = new Float32Array(n).fill(1);
    else if (name.endsWith("c_proj.weight")) values = rng.normalArray(n, 0, 0.02 / Math.sqrt(2 * c.nLayer));
    else values = rng.normalArray(n, 0, 0.02);
    out[name] = { shape, values };
  }
  return out;
}

/**
 * Builds a model from named tensors (golden files, checkpoints). Missing, extra or mis-shaped tensors are
 * errors that name them; a tied lm_head.weight (equal to transformer.wte.weight) is accepted and dropped.
 * The variables are trainable and unnamed, so any number of models can live on one page.
 */
export function modelFromTensors(config: GPTConfig, tensors: TensorRecord): GPTModel {
  const expected = paramShapes(config);
  const known = new Set(expected.map(([n]) => n));
  const extra = Object.keys(tensors).filter((n) => !known.has(n) && n !== "lm_head.weight");
  if (extra.length)
    throw new DojoError("unexpectedTensors", { names: extra.join(", "), expected: [...known].join(", ") }, `Unexpected tensors for this config: ${extra.join(", ")}. Expected: ${[...known].join(", ")}.`);
  const missing = expected.filter(([n]) => !(n in tensors)).map(([n]) => n);
  if (missing.length) throw new DojoError("missingTensors", { names: missing.join(", ") }, `Missing tensors: ${missing.join(", ")}.`);
  for (const [name, shape] of expected) {
    const t = tensors[name];
    if (t.shape.join(",") !== shape.join(",") || t.values.length !== shape.reduce((a, b) => a * b, 1))
      throw new DojoError("tensorShape", { name, shape: t.shape.join(", "), need: shape.join(", ") }, `Tensor "${name}" has shape (${t.shape.join(", ")}) but this config needs (${shape.join(", ")}).`);
  }
  const head = tensors["lm_head.weight"];
  if (head) {
    // nanoGPT's state_dict lists the tied matrix twice; anything else is an untied model we cannot represent
    const wte = tensors["transformer.wte.weight"].values;
    if (head.values.length !== wte.length || head.values.some((x, i) => x !== wte[i]))
      throw new DojoError("lmHeadUntied", {}, "lm_head.weight differs from transformer.wte.weight, but this GPT ties them (as nanoGPT does). Drop lm_head.weight or load a tied model.");
  }
  const params: Params = {};
  for (const [name, shape] of expected) params[name] = tf.tidy(() => tf.variable(tf.tensor(tensors[name].values, shape, "float32"), true));
  return { config, params };
}

export function createModel(config: GPTConfig, seed: number): GPTModel {
  return modelFromTensors(config, initialValues(config, seed));
}

/** Reads every parameter back to the CPU (one read per tensor), e.g. for a checkpoint. */
export async function modelToTensors(model: GPTModel): Promise<TensorRecord> {
  const out: TensorRecord = {};
  for (const [name, v] of Object.entries(model.params)) out[name] = { shape: v.shape.slice(), values: (await v.data()) as Float32Array };
  return out;
}

/** Number of parameter elements (the tied lm_head counted once, as nanoGPT counts). */
export function numParams(model: GPTModel): number {
  return Object.values(model.params).reduce((s, v) => s + v.size, 0);
}

export function disposeModel(model: GPTModel): void {
  for (const v of Object.values(model.params)) v.dispose();
}
