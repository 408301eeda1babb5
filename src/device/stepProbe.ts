/**
 * Times the real training step (core.trainStep: forward, backward, clipping, AdamW) of a tiny GPT on one
 * backend, in whatever thread calls it: the measuring worker (stepProbe.worker.ts), or the main thread when
 * workers are unavailable. src/bench/bench.ts does the same at the bench's size and length; this one takes seconds.
 */
import * as core from "../core";
import type { BackendTiming } from "./backendChoice";

/** Small enough for seconds on software WebGPU, big enough that per-kernel overhead doesn't decide alone. */
export const PROBE_MODEL: core.GPTConfig = { nLayer: 1, nHead: 2, nEmbd: 32, blockSize: 16, vocabSize: 65, dropout: 0, bias: true };
export const PROBE_BATCH = 8;

export interface ProbeLimits {
  maxSteps: number; // timed steps after the warm-up
  timedMs: number; // stop timing once this much time is spent (at least 2 steps)
}
export const DEFAULT_LIMITS: ProbeLimits = { maxSteps: 5, timedMs: 1500 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One backend: start it, build the model, one warm-up step, then up to maxSteps timed steps; dispose all. */
export async function timeTrainStep(backend: core.Backend, limits: ProbeLimits = DEFAULT_LIMITS): Promise<BackendTiming> {
  const attempt = await core.trySetBackend(backend);
  if (!attempt.ok) return { backend, status: "failed", error: attempt.error };
  const before = core.tf.memory().numTensors;
  const model = core.createModel(PROBE_MODEL, 1337);
  const opt = new core.AdamW(model.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
  try {
    const rng = new core.Random(1);
    const data = Uint16Array.from({ length: 4096 }, () => rng.int(PROBE_MODEL.vocabSize));
    const step = async () => {
      const t0 = performance.now();
      const { loss } = await core.trainStep(model, opt, () => core.getBatch(data, PROBE_BATCH, PROBE_MODEL.blockSize, rng), 1e-3, { gradAccumSteps: 1, gradClip: 1 });
      if (!Number.isFinite(loss)) throw new Error(`The ${backend} backend computed a loss of ${loss} on the probe model (expected about ln 65 = 4.17).`);
      return performance.now() - t0;
    };
    const firstStepMs = await step();
    const times: number[] = [];
    let spent = 0;
    while (times.length < limits.maxSteps && (times.length < 2 || spent < limits.timedMs)) {
      times.push(await step());
      spent += times[times.length - 1];
    }
    return { backend, status: "ok", msPerStep: median(times), firstStepMs, steps: times.length };
  } catch (e) {
    return { backend, status: "failed", error: e instanceof Error ? e.message : String(e) };
  } finally {
    opt.dispose();
    core.disposeModel(model);
    const left = core.tf.memory().numTensors - before;
    // a leak here would accumulate in the page when the probe runs on the main thread
    if (left !== 0) console.warn(`The backend probe left ${left} tensors behind on ${backend}.`);
  }
}

/** Several backends in turn, then back to the backend that was in use before (on the main thread it matters). */
export async function timeBackendsHere(
  backends: readonly core.Backend[],
  limits: ProbeLimits,
  on: { start(b: core.Backend): void; result(t: BackendTiming): void },
): Promise<BackendTiming[]> {
  const previous = core.tf.getBackend() as core.Backend | undefined;
  const out: BackendTiming[] = [];
  try {
    for (const b of backends) {
      on.start(b);
      const t = await timeTrainStep(b, limits);
      out.push(t);
      on.result(t);
    }
  } finally {
    if (previous && core.isBackend(previous) && core.tf.getBackend() !== previous) await core.trySetBackend(previous);
  }
  return out;
}
