import type { GPTConfig, TrainConfig } from "./config";
import type { GPTModel } from "./model";
import { Random } from "./random";
import { evaluate, type TokenArray } from "./train";

/**
 * The course's pretrained tiny model (public/models/moby-char.safetensors): a character-level GPT trained on
 * Moby-Dick by scripts/pretrain.ts, so the attention and decoding lessons show a real model at page load.
 * The recipe lives here so the script, the test that re-measures the model and the lesson text agree.
 */
export const pretrainedRecipe = {
  model: { nLayer: 3, nHead: 4, nEmbd: 64, blockSize: 64, dropout: 0, bias: true } satisfies Partial<GPTConfig>,
  train: {
    batchSize: 24,
    learningRate: 3e-3,
    minLr: 3e-4,
    warmupIters: 50,
    lrDecayIters: 1200,
    maxIters: 1200,
    beta2: 0.99,
    weightDecay: 0.1,
    gradClip: 1,
    seed: 1337,
  } satisfies Partial<TrainConfig>,
  /** How the recorded losses are measured: evalIters batches of each split, drawn by a Random(seed). */
  evaluation: { evalIters: 20, batchSize: 32, seed: 2024 },
} as const;

/** The model's train and validation loss by the recipe's fixed evaluation batches (same numbers every time). */
export function evaluatePretrained(model: GPTModel, splits: { train: TokenArray; val: TokenArray }): Promise<{ train: number; val: number }> {
  const e = pretrainedRecipe.evaluation;
  return evaluate(model, splits, e, new Random(e.seed));
}
