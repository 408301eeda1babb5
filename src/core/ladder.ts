import { defaultGPTConfig, defaultTrainConfig, validateGPTConfig, validateTrainConfig, type GPTConfig, type TrainConfig } from "./config";
import { createModel, fullArchitecture, numParams, variantUses, type Architecture, type GPTModel } from "./model";
import { Random } from "./random";
import { AdamW, evaluate, getBatch, getLr, trainStep, type TokenArray } from "./train";

/**
 * Lesson 7's build-up ladder: the same data, budget, settings and seed, one piece of the GPT added per rung,
 * as in Karpathy's "Let's build GPT". Every rung is the engine's one forward with some pieces switched off
 * (Architecture in model/gpt.ts); the last rung is nanoGPT's GPT. scripts/ladder.ts records a run of it
 * (public/ladder/moby-char.json) and the lesson's widget runs it again in the page.
 */

export type RungId = "bigram" | "head" | "heads" | "mlp" | "residual" | "layernorm" | "stack";

export interface Rung {
  id: RungId;
  arch: Architecture;
  nHead: number; // 1 for the one-head rung, else the settings' nHead
  nLayer: number; // 1 until the last rung stacks the settings' nLayer blocks
}

/** What every rung shares. Small enough that all seven rungs train in a few minutes on a laptop CPU. */
export interface LadderSettings {
  model: Pick<GPTConfig, "nEmbd" | "nHead" | "nLayer" | "blockSize" | "bias" | "dropout">;
  train: Pick<TrainConfig, "batchSize" | "learningRate" | "minLr" | "warmupIters" | "lrDecayIters" | "maxIters" | "weightDecay" | "beta1" | "beta2" | "gradClip" | "seed">;
  /** the recorded losses: evalIters batches of each split, drawn by Random(seed), the same batches for every rung */
  evaluation: { evalIters: number; batchSize: number; seed: number };
}

export const ladderSettings: LadderSettings = {
  model: { nEmbd: 64, nHead: 4, nLayer: 3, blockSize: 32, bias: true, dropout: 0 },
  train: { batchSize: 16, learningRate: 3e-3, minLr: 3e-4, warmupIters: 20, lrDecayIters: 300, maxIters: 300, weightDecay: 0.1, beta1: 0.9, beta2: 0.99, gradClip: 1, seed: 1337 },
  evaluation: { evalIters: 10, batchSize: 32, seed: 2024 },
};

/**
 * What the first rung already has: the token embedding and the tied head, with ln_f between them. subtle: ln_f
 * stays on in every rung because the tied head needs it. Without it the logits are wte[a] · wte[b], products of
 * two numbers of size ~0.02 (nanoGPT's init), and the model spends its whole budget growing them.
 */
/**
 * The same ladder with `steps` steps per rung (a quick try, or a slow laptop): the cosine schedule ends at the
 * last step and warmup is at most a tenth of the run. Example: withSteps(ladderSettings, 100) decays over 100.
 */
export function withSteps(s: LadderSettings, steps: number): LadderSettings {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`The ladder needs a whole number of steps per rung, at least 2; got ${steps}.`);
  if (steps === s.train.maxIters) return s;
  const t = s.train;
  return { ...s, train: { ...t, maxIters: steps, lrDecayIters: steps, warmupIters: Math.min(t.warmupIters, Math.floor(steps / 10)) } };
}

const off: Architecture = { positions: false, attention: false, mlp: false, residual: false, layerNorm: false, finalNorm: true };

/** The rungs in order; each adds one piece to the one before (the last stacks nLayer full blocks). */
export function ladderRungs(s: LadderSettings = ladderSettings): Rung[] {
  const nh = s.model.nHead;
  return [
    { id: "bigram", arch: off, nHead: nh, nLayer: 1 }, // logits = ln_f(wte[token]) · wteᵀ: the current token only
    { id: "head", arch: { ...off, positions: true, attention: true }, nHead: 1, nLayer: 1 },
    { id: "heads", arch: { ...off, positions: true, attention: true }, nHead: nh, nLayer: 1 },
    { id: "mlp", arch: { ...off, positions: true, attention: true, mlp: true }, nHead: nh, nLayer: 1 },
    { id: "residual", arch: { ...off, positions: true, attention: true, mlp: true, residual: true }, nHead: nh, nLayer: 1 },
    { id: "layernorm", arch: { ...fullArchitecture }, nHead: nh, nLayer: 1 },
    { id: "stack", arch: { ...fullArchitecture }, nHead: nh, nLayer: s.model.nLayer },
  ];
}

export function rungConfig(rung: Rung, s: LadderSettings, vocabSize: number): GPTConfig {
  return validateGPTConfig({ ...defaultGPTConfig, ...s.model, nHead: rung.nHead, nLayer: rung.nLayer, vocabSize });
}

export function ladderTrainConfig(s: LadderSettings): TrainConfig {
  return validateTrainConfig({ ...defaultTrainConfig, ...s.train });
}

/**
 * A model of `config` with only the parameters `arch` reads: nanoGPT's init from `seed` (the same draws as
 * createModel, so the pieces a variant keeps start equal to the full model's), then the unused ones freed.
 * trainStep needs this: a parameter the loss never reads has no gradient.
 */
export function createVariant(config: GPTConfig, arch: Architecture, seed: number): GPTModel {
  const full = createModel(config, seed);
  const params: GPTModel["params"] = {};
  for (const [name, v] of Object.entries(full.params)) {
    if (variantUses(name, arch)) params[name] = v;
    else v.dispose();
  }
  return { config, params, arch: { ...arch } };
}

export interface RungResult {
  id: RungId;
  params: number;
  train: number; // loss on the fixed evaluation batches after the last step
  val: number;
  seconds: number;
}

export interface RungProgress {
  id: RungId;
  step: number;
  loss: number; // this step's training loss
}

/**
 * Trains one rung from scratch and measures it: maxIters AdamW steps on batches drawn by Random(seed) (so
 * every rung sees the same batches), then the fixed evaluation. `onStep` runs after every step (await it to
 * yield to a Stop); returning false stops early, and then the result is null. Everything is disposed.
 */
export async function trainRung(
  rung: Rung,
  s: LadderSettings,
  splits: { train: TokenArray; val: TokenArray },
  vocabSize: number,
  onStep?: (p: RungProgress) => boolean | void | Promise<boolean | void>,
  now: () => number = () => Date.now(),
): Promise<RungResult | null> {
  const config = rungConfig(rung, s, vocabSize);
  const train = ladderTrainConfig(s);
  const t0 = now();
  const model = createVariant(config, rung.arch, train.seed);
  const opt = new AdamW(model.params, { beta1: train.beta1, beta2: train.beta2, weightDecay: train.weightDecay });
  const rng = new Random(train.seed);
  try {
    for (let iter = 0; iter < train.maxIters; iter++) {
      const lr = getLr(iter, train);
      const { loss } = await trainStep(model, opt, () => getBatch(splits.train, train.batchSize, config.blockSize, rng), lr, train, rng);
      if (!Number.isFinite(loss)) throw new Error(`Rung "${rung.id}": the loss became ${loss} at step ${iter} (lr ${lr.toExponential(2)}).`);
      if (onStep && (await onStep({ id: rung.id, step: iter, loss })) === false) return null;
    }
    const e = s.evaluation;
    const losses = await evaluate(model, splits, { evalIters: e.evalIters, batchSize: e.batchSize }, new Random(e.seed));
    return { id: rung.id, params: numParams(model), train: losses.train, val: losses.val, seconds: (now() - t0) / 1000 };
  } finally {
    opt.dispose();
    for (const v of Object.values(model.params)) v.dispose();
  }
}

/**
 * The counting bigram (lesson 3) as a reference line: P(b | a) = (count(a, b) + alpha) / (count(a, ·) + alpha·V)
 * from the training split, and its mean negative log-likelihood on the validation split.
 * Example: train "abab", val "ba", V 2, alpha 1: P(a | b) = (1 + 1) / (1 + 2) = 2/3, loss = ln(3/2) = 0.405.
 */
export function bigramBaseline(train: TokenArray, val: TokenArray, vocabSize: number, alpha = 1): number {
  const V = vocabSize;
  const counts = new Float64Array(V * V);
  for (let i = 0; i + 1 < train.length; i++) counts[train[i] * V + train[i + 1]]++;
  const rows = new Float64Array(V);
  for (let a = 0; a < V; a++) for (let b = 0; b < V; b++) rows[a] += counts[a * V + b];
  let nll = 0;
  for (let i = 0; i + 1 < val.length; i++) {
    const a = val[i], b = val[i + 1];
    nll -= Math.log((counts[a * V + b] + alpha) / (rows[a] + alpha * V));
  }
  return nll / (val.length - 1);
}

