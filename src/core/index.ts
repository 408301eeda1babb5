/**
 * GPT Dojo's engine: nanoGPT in TensorFlow.js. Everything outside src/core imports from here.
 * Framework-free: it runs in Node (Vitest), in the training worker and on the main thread.
 */
import type * as tf from "@tensorflow/tfjs";
import { forward as forwardModel, type ForwardOptions, type GPTModel } from "./model";
import { decodeCheckpoint, encodeCheckpoint, type CheckpointData } from "./checkpoint";
import { modelFromTensors, modelToTensors } from "./model";

export { Random } from "./random";
export * from "./config";
export { tf, BACKENDS, isBackend, selectBackend, trySetBackend, configureWasm, measureMatmulGflops, type Backend, type BackendAttempt, type WasmPaths } from "./backend";
export { createModel, modelFromTensors, modelToTensors, numParams, disposeModel, paramShapes, crossEntropy, forwardCached, createKVCache, disposeKVCache } from "./model";
export type { GPTModel, Params, TensorRecord, ForwardOptions, Trace, KVCache } from "./model";
export { AdamW, getLr, getBatch, splitData, clipGradNorm, trainStep, evaluate } from "./train";
export type { AdamWOptions, AdamWState, Batch, TokenArray, StepResult } from "./train";
export { generate, modelStep, type GenerateOptions } from "./generate";
export { softmax, logSoftmax, filterTopK, filterTopP, argmax, sampleFrom, pickToken, tokenDistribution, entropy, type SamplingOptions } from "./sample";
export { beamSearch, type Beam, type BeamOptions } from "./beam";
export { encodeCheckpoint, decodeCheckpoint, checkpointTensorNames, CheckpointError, type CheckpointData } from "./checkpoint";
export { readSafetensors, writeSafetensors, type NamedTensors } from "./safetensors";
export * from "./tokenizers";
export { validateText, encodeCorpus, prepareCorpus, minCorpusTokens } from "./data";
export * from "./embeddings";
export { forwardOrder, shufflePermutation, shuffleProbe, type OrderOptions, type ShuffleResult } from "./orderProbe";
export * as bigram from "./bigram";

/** Logits (B, T, vocab) for token ids (B, T); see model/gpt.ts for the trace and training options. */
export function forward(model: GPTModel, idx: tf.Tensor2D, opts?: ForwardOptions): tf.Tensor3D {
  return forwardModel(model, idx, opts);
}

/**
 * A model from .safetensors bytes (GPT Dojo's or a nanoGPT export). The model carries its config; `meta`
 * holds the rest of the file (tokenizer, training config, step, optimizer state) for the caller to use.
 */
export async function loadCheckpoint(bytes: Uint8Array): Promise<GPTModel & { meta: Omit<CheckpointData, "config" | "tensors"> }> {
  const { config, tensors, ...meta } = decodeCheckpoint(bytes);
  return { ...modelFromTensors(config, tensors), meta };
}

/** .safetensors bytes for a model, with optional tokenizer, training config, step and optimizer state. */
export async function saveCheckpoint(model: GPTModel, meta: Omit<CheckpointData, "config" | "tensors"> = {}): Promise<Uint8Array> {
  return encodeCheckpoint({ ...meta, config: model.config, tensors: await modelToTensors(model) });
}
export { DojoError, errorInfo, type ErrorInfo, type ErrorValues } from "./errors";
