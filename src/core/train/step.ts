import * as tf from "@tensorflow/tfjs";
import type { TrainConfig } from "../config";
import { crossEntropy, forward, type GPTModel } from "../model";
import type { Random } from "../random";
import type { AdamW } from "./adamw";
import { getBatch, type Batch, type TokenArray } from "./data";

/**
 * Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the global L2 norm over all of them, as
 * torch.nn.utils.clip_grad_norm_. Returns the clipped grads and the norm before clipping; maxNorm 0 disables.
 */
export function clipGradNorm(grads: Record<string, tf.Tensor>, maxNorm: number): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => g.square().sum()))) as tf.Scalar;
  if (maxNorm <= 0) return { grads, norm };
  const coef = tf.minimum(1, tf.div(maxNorm, norm.add(1e-6)));
  return { grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.mul(coef)])), norm };
}

export interface StepResult {
  loss: number; // mean loss over the micro-batches
  gradNorm: number; // global gradient norm before clipping
}

/**
 * One optimizer step: gradAccumSteps micro-batches (each loss scaled by 1/gradAccumSteps and the grads
 * summed, as nanoGPT does), clipping, AdamW at learning rate `lr`. Everything runs inside tf.tidy; the
 * loss and the norm come back in one GPU→CPU read. `nextBatch` gives each micro-batch (it may be reused).
 */
export async function trainStep(model: GPTModel, opt: AdamW, nextBatch: () => Batch, lr: number, c: Pick<TrainConfig, "gradAccumSteps" | "gradClip">, rng?: Random): Promise<StepResult> {
  const accum = c.gradAccumSteps;
  const vars = Object.values(model.params);
  const names = Object.keys(model.params);
  const stats = tf.tidy(() => {
    let total: tf.Tensor[] | null = null;
    let lossSum: tf.Scalar = tf.scalar(0);
    for (let micro = 0; micro < accum; micro++) {
      const { x, y } = nextBatch();
      const { value, grads } = tf.variableGrads(() => crossEntropy(forward(model, x, { training: true, rng }), y).div(accum) as tf.Scalar, vars);
      tf.dispose([x, y]);
      lossSum = lossSum.add(value);
      const g: tf.Tensor[] = names.map((_, i) => grads[vars[i].name]);
      total = total ? total.map((t, i) => t.add(g[i])) : g;
    }
    const { grads, norm } = clipGradNorm(Object.fromEntries(names.map((n, i) => [n, total![i]])), c.gradClip);
    opt.applyGradients(grads, lr);
    return tf.stack([lossSum, norm]);
  });
  const [loss, gradNorm] = await stats.data(); // the step's one read
  stats.dispose();
  return { loss, gradNorm };
}

/** Mean loss over `iters` random batches of each split, in eval mode (no dropout). */
export async function evaluate(model: GPTModel, splits: { train: TokenArray; val: TokenArray }, c: Pick<TrainConfig, "evalIters" | "batchSize">, rng: Random): Promise<{ train: number; val: number }> {
  const out: Record<string, number> = {};
  for (const split of ["train", "val"] as const) {
    const mean = tf.tidy(() => {
      let sum: tf.Scalar = tf.scalar(0);
      for (let i = 0; i < c.evalIters; i++) {
        const { x, y } = getBatch(splits[split], c.batchSize, model.config.blockSize, rng);
        sum = sum.add(crossEntropy(forward(model, x), y));
      }
      return sum.div(c.evalIters);
    });
    out[split] = (await mean.data())[0];
    mean.dispose();
  }
  return { train: out.train, val: out.val };
}
