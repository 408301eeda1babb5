/**
 * The model and training configuration: nanoGPT's GPTConfig and train.py settings, in camelCase.
 * Resolved once, defaults ← preset ← overrides, with unknown keys and bad values as errors that name the
 * value and the fix; the resolved config is saved with every checkpoint.
 */
import { DojoError } from "./errors";

export interface GPTConfig {
  vocabSize: number; // number of token ids: 65 for Shakespeare's characters, 50257 for GPT-2's BPE
  blockSize: number; // the longest context the model sees (positions 0..blockSize-1)
  nLayer: number; // transformer blocks
  nHead: number; // attention heads per block; each gets nEmbd / nHead channels
  nEmbd: number; // width of the residual stream
  dropout: number; // 0 for pretraining small models; 0.1+ when overfitting
  bias: boolean; // biases in Linear and LayerNorm layers, as GPT-2 has; false is a bit better and faster
}

export interface TrainConfig {
  batchSize: number; // sequences per micro-batch
  learningRate: number; // peak learning rate, reached after warmup
  minLr: number; // the cosine decay ends here (nanoGPT: about learningRate / 10)
  warmupIters: number; // linear warmup from ~0 to learningRate over this many steps
  lrDecayIters: number; // cosine decay ends at this step; after it the lr stays at minLr
  maxIters: number; // total training steps
  weightDecay: number; // AdamW decoupled weight decay, on 2-D weights only
  beta1: number; // AdamW's first-moment decay
  beta2: number; // AdamW's second-moment decay; 0.99 for small models that take few steps
  gradClip: number; // clip the global gradient norm at this value; 0 disables clipping
  gradAccumSteps: number; // micro-batches per optimizer step (a larger effective batch for the same memory)
  evalInterval: number; // evaluate train and val loss every this many steps
  evalIters: number; // batches averaged by each evaluation
  seed: number; // one seed for init, batches, dropout and sampling: a shared link replays the run
}

export const defaultGPTConfig: GPTConfig = {
  vocabSize: 65,
  blockSize: 64,
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  dropout: 0,
  bias: true,
};

export const defaultTrainConfig: TrainConfig = {
  batchSize: 12,
  learningRate: 1e-3,
  minLr: 1e-4,
  warmupIters: 100,
  lrDecayIters: 2000,
  maxIters: 2000,
  weightDecay: 0.1,
  beta1: 0.9,
  beta2: 0.99,
  gradClip: 1.0,
  gradAccumSteps: 1,
  evalInterval: 250,
  evalIters: 20,
  seed: 1337,
};

export interface Preset {
  model: Partial<GPTConfig>;
  train: Partial<TrainConfig>;
}

export const presets = {
  /** For a projected live demo: learns visibly (loss below 3 on characters) within a minute on a laptop. */
  projector: {
    model: { nLayer: 2, nHead: 4, nEmbd: 64, blockSize: 32, dropout: 0 },
    train: { batchSize: 32, learningRate: 3e-3, minLr: 3e-4, warmupIters: 20, lrDecayIters: 500, maxIters: 500, beta2: 0.99, evalInterval: 50, evalIters: 10 },
  },
  /** nanoGPT README's CPU run (--device=cpu --compile=False --eval_iters=20 --log_interval=1 ...). */
  "nanogpt-cpu": {
    model: { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64, dropout: 0 },
    train: { batchSize: 12, learningRate: 1e-3, maxIters: 2000, lrDecayIters: 2000, minLr: 1e-4, warmupIters: 100, beta2: 0.99, evalIters: 20, evalInterval: 250 },
  },
  /** nanoGPT's config/train_shakespeare_char.py: a 10.7M-parameter character model for a real GPU. */
  "shakespeare-char": {
    model: { nLayer: 6, nHead: 6, nEmbd: 384, blockSize: 256, dropout: 0.2 },
    train: { batchSize: 64, learningRate: 1e-3, maxIters: 5000, lrDecayIters: 5000, minLr: 1e-4, warmupIters: 100, beta2: 0.99, evalInterval: 250, evalIters: 200 },
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

const integerFields = new Set(["vocabSize", "blockSize", "nLayer", "nHead", "nEmbd", "batchSize", "warmupIters", "lrDecayIters", "maxIters", "gradAccumSteps", "evalInterval", "evalIters", "seed"]);

function checkKeys(kind: string, given: object, known: object): void {
  for (const key of Object.keys(given))
    if (!(key in known)) throw new Error(`Unknown ${kind} key "${key}". Known keys: ${Object.keys(known).join(", ")}.`);
}

/** A value as a learner would type it: strings quoted, NaN and undefined by name. */
function show(value: unknown): string {
  return typeof value === "number" || value === undefined ? String(value) : JSON.stringify(value);
}

function checkNumber(key: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`Config key "${key}" needs a number, got ${show(value)}.`);
  if (integerFields.has(key) && !Number.isInteger(value)) throw new Error(`Config key "${key}" needs a whole number, got ${value}.`);
  return value;
}

/** Throws, naming the value and the fix, unless every field of a GPTConfig is usable. */
export function validateGPTConfig(c: GPTConfig): GPTConfig {
  checkKeys("model config", c, defaultGPTConfig);
  for (const key of ["vocabSize", "blockSize", "nLayer", "nHead", "nEmbd"] as const)
    if (checkNumber(key, c[key]) <= 0) throw new Error(`${key} must be at least 1, got ${c[key]}.`);
  if (c.nEmbd % c.nHead !== 0) {
    const lo = Math.floor(c.nEmbd / c.nHead) * c.nHead;
    throw new Error(`nEmbd ${c.nEmbd} is not divisible by nHead ${c.nHead}: each head gets nEmbd / nHead channels. Pick nEmbd a multiple of ${c.nHead} (e.g. ${lo > 0 ? `${lo} or ` : ""}${lo + c.nHead}).`);
  }
  if (!(checkNumber("dropout", c.dropout) >= 0 && c.dropout < 1)) throw new Error(`dropout must be in [0, 1), got ${c.dropout}. 0 turns it off.`);
  if (typeof c.bias !== "boolean") throw new Error(`bias must be true or false, got ${show(c.bias)}.`);
  return c;
}

/** Throws, naming the value and the fix, unless every field of a TrainConfig is usable. */
export function validateTrainConfig(c: TrainConfig): TrainConfig {
  checkKeys("training config", c, defaultTrainConfig);
  for (const key of Object.keys(defaultTrainConfig) as (keyof TrainConfig)[]) checkNumber(key, c[key]);
  for (const key of ["batchSize", "maxIters", "gradAccumSteps", "evalInterval", "evalIters", "lrDecayIters"] as const)
    if (c[key] <= 0) throw new Error(`${key} must be at least 1, got ${c[key]}.`);
  if (!(c.learningRate > 0)) throw new Error(`learningRate must be above 0, got ${c.learningRate}.`);
  if (c.minLr < 0 || c.minLr > c.learningRate) throw new Error(`minLr ${c.minLr} must be between 0 and learningRate ${c.learningRate}.`);
  if (c.warmupIters < 0) throw new Error(`warmupIters must be 0 or more, got ${c.warmupIters}.`);
  // get_lr's cosine divides by (lrDecayIters − warmupIters): equal values would give a NaN learning rate
  if (c.warmupIters >= c.lrDecayIters)
    throw new Error(`warmupIters ${c.warmupIters} must be below lrDecayIters ${c.lrDecayIters}, or the schedule never decays. Lower warmupIters or raise lrDecayIters.`);
  for (const key of ["beta1", "beta2"] as const) if (!(c[key] >= 0 && c[key] < 1)) throw new Error(`${key} must be in [0, 1), got ${c[key]}.`);
  if (c.weightDecay < 0) throw new Error(`weightDecay must be 0 or more, got ${c.weightDecay}.`);
  if (c.gradClip < 0) throw new Error(`gradClip must be 0 (off) or more, got ${c.gradClip}.`);
  return c;
}

/** defaults ← preset ← overrides, then validated. Unknown keys in any layer are errors. */
export function resolveConfig(preset: PresetName | Preset, overrides: { model?: Partial<GPTConfig>; train?: Partial<TrainConfig> } = {}): { model: GPTConfig; train: TrainConfig } {
  const p: Preset = typeof preset === "string" ? presets[preset] : preset;
  if (!p) throw new Error(`Unknown preset "${String(preset)}". Presets: ${Object.keys(presets).join(", ")}.`);
  checkKeys("model config", p.model, defaultGPTConfig);
  checkKeys("training config", p.train, defaultTrainConfig);
  checkKeys("model config", overrides.model ?? {}, defaultGPTConfig);
  checkKeys("training config", overrides.train ?? {}, defaultTrainConfig);
  return {
    model: validateGPTConfig({ ...defaultGPTConfig, ...p.model, ...overrides.model }),
    train: validateTrainConfig({ ...defaultTrainConfig, ...p.train, ...overrides.train }),
  };
}

/** A text must hold at least blockSize + 1 tokens: one input window plus its shifted target. */
export function checkTextLength(numTokens: number, blockSize: number): void {
  if (numTokens < blockSize + 1)
    throw new DojoError("tokensTooShort", { n: numTokens, need: blockSize + 1 }, `The text has ${numTokens} tokens, but training needs at least blockSize + 1 = ${blockSize + 1}. Use a longer text or a smaller blockSize.`);
}

/** nanoGPT's model_args, as stored in checkpoints. */
export interface NanoGPTArgs {
  n_layer: number;
  n_head: number;
  n_embd: number;
  block_size: number;
  bias: boolean;
  vocab_size: number;
  dropout: number;
}

export function toNanoGPTArgs(c: GPTConfig): NanoGPTArgs {
  return { n_layer: c.nLayer, n_head: c.nHead, n_embd: c.nEmbd, block_size: c.blockSize, bias: c.bias, vocab_size: c.vocabSize, dropout: c.dropout };
}

export function fromNanoGPTArgs(a: NanoGPTArgs): GPTConfig {
  return validateGPTConfig({ vocabSize: a.vocab_size, blockSize: a.block_size, nLayer: a.n_layer, nHead: a.n_head, nEmbd: a.n_embd, dropout: a.dropout ?? 0, bias: a.bias ?? true });
}
