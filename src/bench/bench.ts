/**
 * The in-page half of `npm run bench` (scripts/bench.mjs drives it through engine-check.html): times the
 * real training step, the matmul ceiling and generation on one backend, with synthetic token data.
 */
import * as core from "../core";
import { tf } from "../core/backend";

export interface BenchOptions {
  backend: core.Backend;
  preset: "projector" | "nanogpt-cpu";
  vocabSize: number; // 65, Shakespeare's characters
  steps: number; // timed steps (median reported)
  warmup: number; // untimed steps first (shader compilation, AdamW moments)
  memorySteps: number; // steps before reading numTensors / memory
  genTokens: number; // tokens generated for the cache comparison
}

export interface BenchResult {
  backend: string;
  preset: string;
  numParams: number;
  msPerStep: number; // median
  msPerStepMin: number;
  firstStepMs: number;
  tokensPerSec: number;
  flopsPerStep: number;
  gflops: number; // achieved by the training step
  matmulGflops: number; // large-matmul ceiling on this backend
  mfu: number; // gflops / matmulGflops
  genTokPerSecCache: number;
  genTokPerSecNoCache: number;
  cacheSpeedup: number;
  numTensorsStart: number;
  numTensorsEnd: number;
  memoryBytesEnd: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  await core.selectBackend({ forced: o.backend });
  const { model: cfg, train: tc } = core.resolveConfig(o.preset, { model: { vocabSize: o.vocabSize } });
  const model = core.createModel(cfg, 1337);
  const opt = new core.AdamW(model.params, { beta1: tc.beta1, beta2: tc.beta2, weightDecay: tc.weightDecay });
  const rng = new core.Random(1);
  const data = Uint16Array.from({ length: 100_000 }, () => rng.int(o.vocabSize));
  const step = async () => {
    const t0 = performance.now();
    await core.trainStep(model, opt, () => core.getBatch(data, tc.batchSize, cfg.blockSize, rng), tc.learningRate, tc);
    return performance.now() - t0;
  };
  const firstStepMs = await step();
  for (let i = 1; i < o.warmup; i++) await step();
  const numTensorsStart = tf.memory().numTensors;
  const times: number[] = [];
  for (let i = 0; i < o.steps; i++) times.push(await step());
  for (let i = o.steps; i < o.memorySteps; i++) await step();
  const numTensorsEnd = tf.memory().numTensors;
  const memoryBytesEnd = tf.memory().numBytes;
  const ms = median(times);
  // nanoGPT's estimate_mfu: 6N + 12·L·H·Q·T FLOPs per token (forward and backward), T = blockSize
  const N = core.numParams(model);
  const flopsPerToken = 6 * N + 12 * cfg.nLayer * cfg.nHead * (cfg.nEmbd / cfg.nHead) * cfg.blockSize;
  const tokens = tc.batchSize * cfg.blockSize * tc.gradAccumSteps;
  const flopsPerStep = flopsPerToken * tokens;
  const gflops = flopsPerStep / (ms / 1000) / 1e9;
  const matmulGflops = await core.measureMatmulGflops(o.backend === "cpu" ? 256 : 512, 3);
  opt.dispose();
  core.disposeModel(model);

  // generation at 256 tokens of context: a model of the preset's width with room for 256 + genTokens
  const genModel = core.createModel({ ...cfg, blockSize: 256 + o.genTokens }, 2);
  const prompt = Array.from({ length: 256 }, () => rng.int(o.vocabSize));
  const gen = async (useCache: boolean) => {
    await core.generate(genModel, prompt, { maxNewTokens: 2, useCache, greedy: true }); // warm-up
    const t0 = performance.now();
    await core.generate(genModel, prompt, { maxNewTokens: o.genTokens, useCache, greedy: true });
    return o.genTokens / ((performance.now() - t0) / 1000);
  };
  const genTokPerSecCache = await gen(true);
  const genTokPerSecNoCache = await gen(false);
  core.disposeModel(genModel);

  return {
    backend: o.backend,
    preset: o.preset,
    numParams: N,
    msPerStep: ms,
    msPerStepMin: Math.min(...times),
    firstStepMs,
    tokensPerSec: tokens / (ms / 1000),
    flopsPerStep,
    gflops,
    matmulGflops,
    mfu: gflops / matmulGflops,
    genTokPerSecCache,
    genTokPerSecNoCache,
    cacheSpeedup: genTokPerSecCache / genTokPerSecNoCache,
    numTensorsStart,
    numTensorsEnd,
    memoryBytesEnd,
  };
}
