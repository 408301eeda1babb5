/**
 * Where a training step's time goes, kernel by kernel (tf.profile), on the wasm or cpu backend in Node:
 *   npx tsx scripts/profile-step.ts [--preset projector|nanogpt-cpu] [--backend wasm|cpu] [--steps 3]
 * Prints the kernels sorted by total time over the profiled steps, with call counts. A tool for `npm run bench`'s
 * questions (issue #7); the browser's wasm runs the same kernels, so the ranking carries over.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import * as core from "../src/core";

const { values: args } = parseArgs({ options: { preset: { type: "string", default: "projector" }, backend: { type: "string", default: "wasm" }, steps: { type: "string", default: "3" } } });
const preset = args.preset as "projector" | "nanogpt-cpu";
if (args.backend === "wasm") {
  const require = createRequire(import.meta.url);
  core.configureWasm(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
}
const attempt = await core.trySetBackend(args.backend as core.Backend);
if (!attempt.ok) throw new Error(attempt.error);
const { model: mc, train } = core.resolveConfig(preset, { model: { vocabSize: 65 } });
const model = core.createModel(mc, 1);
const opt = new core.AdamW(model.params, { beta1: train.beta1, beta2: train.beta2, weightDecay: train.weightDecay });
const rng = new core.Random(1);
const data = Uint16Array.from({ length: 100_000 }, () => rng.nextUint32() % 65);
const step = () => core.trainStep(model, opt, () => core.getBatch(data, train.batchSize, mc.blockSize, rng), 1e-3, train);
for (let i = 0; i < 2; i++) await step(); // warm-up
const steps = Number(args.steps);
const t0 = performance.now();
for (let i = 0; i < steps; i++) await step();
const plain = (performance.now() - t0) / steps;
const info = await core.tf.profile(async () => {
  for (let i = 0; i < steps; i++) await step();
});
const byKernel = new Map<string, { ms: number; n: number }>();
for (const k of info.kernels) {
  const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
  e.ms += typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
  e.n += 1;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
console.log(`${preset} on ${args.backend}: ${plain.toFixed(1)} ms/step unprofiled; kernels ${(total / steps).toFixed(1)} ms/step, ${(info.kernels.length / steps).toFixed(0)} kernel calls/step`);
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
  console.log(`${name.padEnd(28)} ${(e.ms / steps).toFixed(2).padStart(8)} ms  ${String(e.n / steps).padStart(5)} calls  ${((100 * e.ms) / total).toFixed(1).padStart(5)}%`);

if (process.env.SHAPES) {
  const mm = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels.filter((k) => k.name === "BatchMatMul")) {
    const key = `${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)} ${JSON.stringify((k as unknown as { extraInfo?: string }).extraInfo ?? "")}`;
    const e = mm.get(key) ?? { ms: 0, n: 0 };
    e.ms += k.kernelTimeMs as number;
    e.n++;
    mm.set(key, e);
  }
  for (const [key, e] of [...mm].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${(e.ms / steps).toFixed(2).padStart(8)} ms ${String(e.n / steps).padStart(4)}×  ${key}`);
}
