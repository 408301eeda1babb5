import * as tf from "@tensorflow/tfjs";
import type { TrainConfig } from "../config";
import { crossEntropy, forward, type GPTModel } from "../model";
import type { Random } from "../random";
import type { AdamW } from "./adamw";
import { getBatch, type Batch, type TokenArray } from "./data";

/**
 * Scales every gradient by clip_coef = min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the global L2 norm over all of
 * them, as torch.nn.utils.clip_grad_norm_. Returns the clipped grads and the norm before clipping; maxNorm 0
 * disables clipping (the grads come back unchanged). Call it inside a tidy: the new tensors are the caller's.
 * Example (golden tiny): norm 1.7349842, maxNorm 1 → every gradient × 0.5763738.
 */
export function clipGradNorm(grads: Record<string, tf.Tensor>, maxNorm: number): { grads: Record<string, tf.Tensor>; normBeforeClip: tf.Scalar } {
  // one vector of every gradient end to end: 4 kernels for the norm instead of 2 per parameter and an addN
  const normBeforeClip = tf.concat(Object.values(grads).map((g) => g.reshape([-1]))).square().sum().sqrt() as tf.Scalar;
  if (maxNorm <= 0) return { grads, normBeforeClip };
  const coef = tf.minimum(1, tf.div(maxNorm, normBeforeClip.add(1e-6)));
  return { grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.mul(coef)])), normBeforeClip };
}

export interface StepResult {
  loss: number; // mean loss over the micro-batches
  gradNorm: number; // global gradient norm before clipping
}

/**
 * One optimizer step, as one iteration of nanoGPT's train.py loop: gradAccumSteps micro-batches, each loss
 * scaled by 1/gradAccumSteps so the summed grads are those of the mean over the big batch; then clipping and
 * AdamW at learning rate `lr`. Everything runs inside one tf.tidy, and the loss and the norm come back in a
 * single GPU→CPU read.
 *
 * `batches` is either a function called once per micro-batch, whose tensors this step disposes, or an array
 * of exactly gradAccumSteps batches, which stay the caller's. `rng` draws the dropout masks (needed when
 * the model's dropout is above 0).
 */
export async function trainStep(
  model: GPTModel,
  opt: AdamW,
  batches: (() => Batch) | Batch[],
  lr: number,
  c: Pick<TrainConfig, "gradAccumSteps" | "gradClip">,
  rng?: Random,
): Promise<StepResult> {
  const accum = c.gradAccumSteps;
  if (Array.isArray(batches) && batches.length !== accum)
    throw new Error(`trainStep got ${batches.length} batches but gradAccumSteps is ${accum}: pass one batch per micro-step.`);
  const vars = Object.values(model.params);
  const names = Object.keys(model.params);
  const stats = tf.tidy(() => {
    let total: tf.Tensor[] | null = null;
    let lossSum: tf.Scalar = tf.scalar(0);
    for (let micro = 0; micro < accum; micro++) {
      const { x, y } = Array.isArray(batches) ? batches[micro] : batches();
      const loss = () => crossEntropy(forward(model, x, { training: true, rng }), y).div(accum) as tf.Scalar;
      const { value, grads } = tf.variableGrads(loss, vars);
      if (!Array.isArray(batches)) tf.dispose([x, y]);
      lossSum = lossSum.add(value);
      // variableGrads keys by the variables' auto-generated names; line them up with ours by position
      const g = vars.map((v) => grads[v.name]);
      total = total ? total.map((t, i) => t.add(g[i])) : g;
    }
    const { grads, normBeforeClip } = clipGradNorm(Object.fromEntries(names.map((n, i) => [n, total![i]])), c.gradClip);
    opt.applyGradients(grads, lr);
    return tf.stack([lossSum, normBeforeClip]); // (2): both numbers, so one read
  });
  const [loss, gradNorm] = await stats.data(); // the step's one read
  stats.dispose();
  return { loss, gradNorm };
}

/**
 * Mean loss over `evalIters` random batches of each split, in eval mode (no dropout), as nanoGPT's
 * estimate_loss. Both means come back in one read.
 */
export async function evaluate(
  model: GPTModel,
  splits: { train: TokenArray; val: TokenArray },
  c: Pick<TrainConfig, "evalIters" | "batchSize">,
  rng: Random,
): Promise<{ train: number; val: number }> {
  const means = tf.tidy(() => {
    const mean = (data: TokenArray) => {
      let sum: tf.Scalar = tf.scalar(0);
      for (let i = 0; i < c.evalIters; i++) {
        const { x, y } = getBatch(data, c.batchSize, model.config.blockSize, rng);
        sum = sum.add(crossEntropy(forward(model, x), y));
      }
      return sum.div(c.evalIters);
    };
    return tf.stack([mean(splits.train), mean(splits.val)]); // (2): train, val
  });
  const [train, val] = await means.data();
  means.dispose();
  return { train, val };
}
