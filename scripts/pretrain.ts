/**
 * Trains the course's pretrained tiny model with the project's own engine and writes it to public/models/:
 *   moby-char.safetensors   the weights, the character tokenizer and the training config (no optimizer state)
 *   moby-char.json          the config, steps, time, and the losses it reaches, measured the way the test re-measures them
 *
 *   npx tsx scripts/pretrain.ts                      the shipped model (wasm backend, a few minutes on 2 cores)
 *   npx tsx scripts/pretrain.ts --steps 50 --out /tmp/m   a quick try
 *
 * Everything is seeded (initial weights, batches), so the same command on the same backend gives the same file.
 * tests/core/pretrained.test.ts loads the shipped file and reproduces the recorded validation loss.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import * as core from "../src/core";
import { mobyDick } from "./corpora";
import { evaluatePretrained, pretrainedRecipe } from "../src/core/pretrained";

const { values: args } = parseArgs({
  options: {
    steps: { type: "string" },
    backend: { type: "string", default: "wasm" },
    out: { type: "string", default: "public/models" },
    log: { type: "string", default: "100" },
  },
});

const recipe = pretrainedRecipe;
const steps = args.steps ? Number(args.steps) : recipe.train.maxIters;
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps needs a whole number above 0, got ${args.steps}.`);
const backend = args.backend;
if (!core.isBackend(backend) || (backend !== "wasm" && backend !== "cpu")) throw new Error(`--backend must be wasm or cpu in Node, got ${backend}.`);

if (backend === "wasm") {
  const require = createRequire(import.meta.url);
  core.configureWasm(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
}
const attempt = await core.trySetBackend(backend);
if (!attempt.ok) throw new Error(`Could not start the ${backend} backend: ${attempt.error}`);

const text = mobyDick();
const tok = core.CharTokenizer.fromText(text);
const tokens = Uint16Array.from(tok.encode(text));
const splits = core.splitData(tokens);
const train = core.validateTrainConfig({ ...core.defaultTrainConfig, ...recipe.train, maxIters: steps, lrDecayIters: Math.min(recipe.train.lrDecayIters, steps), warmupIters: Math.min(recipe.train.warmupIters, Math.floor(steps / 10)) });
const config = core.validateGPTConfig({ ...core.defaultGPTConfig, ...recipe.model, vocabSize: tok.vocabSize });
const model = core.createModel(config, train.seed);
const opt = new core.AdamW(model.params, { beta1: train.beta1, beta2: train.beta2, weightDecay: train.weightDecay });
const rng = new core.Random(train.seed);
console.log(`${core.numParams(model)} parameters, vocab ${tok.vocabSize}, ${splits.train.length} train / ${splits.val.length} val tokens, ${steps} steps on ${backend}`);

const t0 = performance.now();
const logEvery = Number(args.log);
for (let iter = 0; iter < steps; iter++) {
  const lr = core.getLr(iter, train);
  const { loss } = await core.trainStep(model, opt, () => core.getBatch(splits.train, train.batchSize, config.blockSize, rng), lr, train, rng);
  if (!Number.isFinite(loss)) throw new Error(`The loss became ${loss} at step ${iter} (lr ${lr}).`);
  if (iter % logEvery === 0 || iter === steps - 1) {
    const s = (performance.now() - t0) / 1000;
    console.log(`step ${iter}: loss ${loss.toFixed(4)}, lr ${lr.toExponential(2)}, ${s.toFixed(0)} s`);
  }
}
const seconds = (performance.now() - t0) / 1000;
const losses = await evaluatePretrained(model, splits);
console.log(`after ${steps} steps: train ${losses.train.toFixed(4)}, val ${losses.val.toFixed(4)} (${seconds.toFixed(0)} s)`);

const runCard = {
  corpus: "moby-dick",
  backend,
  seconds: Math.round(seconds),
  date: new Date().toISOString().slice(0, 10),
  command: `npx tsx scripts/pretrain.ts${args.steps ? ` --steps ${steps}` : ""} --backend ${backend}`,
};
const bytes = await core.saveCheckpoint(model, { tokenizer: tok.toJSON(), trainConfig: train, step: steps, runCard });
mkdirSync(args.out!, { recursive: true });
writeFileSync(join(args.out!, "moby-char.safetensors"), bytes);
const card = {
  file: "moby-char.safetensors",
  bytes: bytes.length,
  parameters: core.numParams(model),
  model: config,
  train,
  steps,
  ...runCard,
  evaluation: { ...recipe.evaluation, train: losses.train, val: losses.val },
};
writeFileSync(join(args.out!, "moby-char.json"), JSON.stringify(card, null, 2) + "\n");
console.log(`wrote ${join(args.out!, "moby-char.safetensors")} (${(bytes.length / 1024).toFixed(0)} KiB)`);
