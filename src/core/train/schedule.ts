import type { TrainConfig } from "../config";

/**
 * nanoGPT's get_lr: linear warmup over warmupIters, then cosine decay from learningRate to minLr, reached at
 * lrDecayIters and held after it. Example (nanogpt-cpu: lr 1e-3, min 1e-4, warmup 100, decay 2000):
 * iter 0 → 1e-3·1/101, iter 100 → 1e-3, iter 1050 → 5.5e-4 (the midpoint), iter 2000+ → 1e-4.
 */
export function getLr(iter: number, c: Pick<TrainConfig, "learningRate" | "minLr" | "warmupIters" | "lrDecayIters">): number {
  if (iter < c.warmupIters) return (c.learningRate * (iter + 1)) / (c.warmupIters + 1);
  if (iter > c.lrDecayIters) return c.minLr;
  const ratio = (iter - c.warmupIters) / (c.lrDecayIters - c.warmupIters); // 0 → 1
  const coeff = 0.5 * (1 + Math.cos(Math.PI * ratio)); // 1 → 0
  return c.minLr + coeff * (c.learningRate - c.minLr);
}
