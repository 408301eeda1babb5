import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/core/config";
import { generate } from "../../src/core/generate";
import { createModel, crossEntropy, disposeModel, forward } from "../../src/core/model";
import { Random } from "../../src/core/random";
import { AdamW, clipGradNorm, evaluate, getBatch, getLr, splitData, trainStep, type Batch } from "../../src/core/train";
import { loadGolden, maxScaledError, mobyChars, useWasm } from "./helpers";

beforeAll(async () => {
  await tf.setBackend("cpu"); // importing the wasm backend makes it the default: pick cpu explicitly
});

describe("getLr (nanoGPT's get_lr, worked by hand)", () => {
  const c = resolveConfig("nanogpt-cpu").train; // lr 1e-3, minLr 1e-4, warmup 100, decay 2000
  it.each([
    [0, 1e-3 / 101], // warmup is (it + 1) / (warmup + 1): never exactly 0
    [49, 1e-3 * 50 / 101],
    [99, 1e-3 * 100 / 101],
    [100, 1e-3], // cosine starts at the peak
    [575, 1e-4 + 0.5 * (1 + Math.SQRT1_2) * 9e-4], // a quarter of the way: cos(π/4) = √½
    [1050, 5.5e-4], // halfway: minLr + ½ (lr − minLr)
    [2000, 1e-4],
    [2500, 1e-4],
  ])("nanogpt-cpu: iter %i → %f", (iter, lr) => expect(getLr(iter, c)).toBeCloseTo(lr, 12));

  it("shakespeare-char: iter 2550 is the midpoint 5.5e-4", () => {
    expect(getLr(2550, resolveConfig("shakespeare-char").train)).toBeCloseTo(5.5e-4, 12);
  });
});

describe("batches", () => {
  it("are shifted windows drawn with the seeded rng", () => {
    const data = Uint16Array.from({ length: 100 }, (_, i) => i);
    const { x, y } = getBatch(data, 3, 5, new Random(9));
    expect([x.dtype, y.dtype]).toEqual(["int32", "int32"]);
    const xs = x.arraySync(), ys = y.arraySync();
    for (let b = 0; b < 3; b++) {
      expect(ys[b]).toEqual(xs[b].map((t) => t + 1)); // y is x shifted by one token
      expect(xs[b]).toEqual(Array.from({ length: 5 }, (_, t) => xs[b][0] + t)); // a contiguous window
      expect(xs[b][0] + 5).toBeLessThan(100); // the target of the last position exists
    }
    const again = getBatch(Int32Array.from(data), 3, 5, new Random(9));
    expect(again.x.arraySync()).toEqual(xs);
    tf.dispose([x, y, again.x, again.y]);
    expect(() => getBatch(data.subarray(0, 5), 1, 5, new Random(1))).toThrow("the split has 5 tokens, but one window needs blockSize + 1 = 6");
    const { train, val } = splitData(data);
    expect([train.length, val.length]).toEqual([90, 10]);
    expect(val[0]).toBe(90);
  });
});

describe("clipGradNorm", () => {
  it("scales by min(1, max / (norm + 1e-6)); 0 disables", () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) }; // global norm 5
      const clipped = clipGradNorm(grads, 1);
      expect(clipped.normBeforeClip.dataSync()[0]).toBeCloseTo(5, 6);
      expect(Array.from(clipped.grads.a.dataSync())[0]).toBeCloseTo(3 / (5 + 1e-6), 7);
      expect(Array.from(clipGradNorm(grads, 10).grads.b.dataSync())).toEqual([0, 4]); // below the max: unchanged
      const off = clipGradNorm(grads, 0);
      expect(off.grads).toBe(grads);
      expect(off.normBeforeClip.dataSync()[0]).toBeCloseTo(5, 6);
    });
  });
});

describe("trainStep", () => {
  it("does nanoGPT's step on the golden tiny model: loss, grad norm, updated params, loss after", async () => {
    const g = loadGolden("tiny");
    const o = g.c.optimizer!;
    const opt = new AdamW(g.model.params, { beta1: o.betas[0], beta2: o.betas[1], eps: o.eps, weightDecay: 0.1 });
    const { loss, gradNorm } = await trainStep(g.model, opt, [{ x: g.idx, y: g.targets }], o.lr, { gradAccumSteps: 1, gradClip: o.grad_clip_max_norm });
    expect(Math.abs(loss - g.c.loss)).toBeLessThan(1e-5); // 2.3875358
    expect(Math.abs(gradNorm - o.grad_norm_before_clip)).toBeLessThan(1e-5 * o.grad_norm_before_clip); // 1.7349842
    const w = "transformer.h.0.mlp.c_fc.weight";
    expect(maxScaledError(g.model.params[w].dataSync(), g.c.params_after_step![w].values)).toBeLessThan(1e-5);
    const after = tf.tidy(() => crossEntropy(forward(g.model, g.idx), g.targets).dataSync()[0]);
    expect(Math.abs(after - g.c.loss_after_step!)).toBeLessThan(1e-5); // 2.3469362
    expect(g.idx.isDisposed).toBe(false); // a batch array stays the caller's
    await expect(trainStep(g.model, opt, [], 1e-3, { gradAccumSteps: 2, gradClip: 1 })).rejects.toThrow("trainStep got 0 batches but gradAccumSteps is 2");
    opt.dispose();
    disposeModel(g.model);
    tf.dispose([g.idx, g.targets]);
  });

  it("gradient accumulation of 2 half-batches equals one full batch", async () => {
    const { vocab, tokens } = mobyChars(3000);
    const cfg = { ...resolveConfig("projector").model, vocabSize: vocab, nEmbd: 16, nHead: 2, blockSize: 8 };
    const full = createModel(cfg, 4), halves = createModel(cfg, 4);
    const batch = getBatch(tokens, 4, 8, new Random(5));
    const halvesOf: Batch[] = [0, 2].map((s) => ({ x: batch.x.slice([s, 0], [2, -1]), y: batch.y.slice([s, 0], [2, -1]) }));
    const o1 = new AdamW(full.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    const o2 = new AdamW(halves.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
    const r1 = await trainStep(full, o1, [batch], 1e-3, { gradAccumSteps: 1, gradClip: 0 });
    const r2 = await trainStep(halves, o2, halvesOf, 1e-3, { gradAccumSteps: 2, gradClip: 0 });
    expect(r2.loss).toBeCloseTo(r1.loss, 5);
    expect(r2.gradNorm).toBeCloseTo(r1.gradNorm, 5);
    const a = full.params["transformer.h.0.mlp.c_fc.weight"].dataSync(), b = halves.params["transformer.h.0.mlp.c_fc.weight"].dataSync();
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    tf.dispose([batch.x, batch.y, ...halvesOf.flatMap((h) => [h.x, h.y])]);
    [o1, o2].forEach((o) => o.dispose());
    [full, halves].forEach(disposeModel);
  });
});

describe("AdamW state", () => {
  it("matches nanoGPT's groups and resumes exactly from getState/setState", async () => {
    const { vocab, tokens } = mobyChars(3000);
    const cfg = { ...resolveConfig("projector").model, vocabSize: vocab, nEmbd: 16, nHead: 2, blockSize: 8 };
    const c = { gradAccumSteps: 1, gradClip: 1 };
    const batches = [1, 2, 3].map((s) => getBatch(tokens, 2, 8, new Random(s)));
    // run A: three steps straight; run B: one step, save, restore into a fresh optimizer, two more
    const a = createModel(cfg, 7), b = createModel(cfg, 7);
    const oa = new AdamW(a.params, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
    for (const batch of batches) await trainStep(a, oa, [batch], 1e-3, c);
    const ob = new AdamW(b.params, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
    await trainStep(b, ob, [batches[0]], 1e-3, c);
    const saved = await ob.getState();
    expect(saved.step).toBe(1);
    expect(Object.keys(saved.m)).toEqual(Object.keys(b.params));
    ob.dispose();
    const resumed = new AdamW(b.params, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
    resumed.setState(saved);
    for (const batch of batches.slice(1)) await trainStep(b, resumed, [batch], 1e-3, c);
    for (const n of Object.keys(a.params)) expect(Array.from(b.params[n].dataSync()), n).toEqual(Array.from(a.params[n].dataSync()));
    const bad = { ...saved, v: { ...saved.v, "transformer.wpe.weight": { shape: [1], values: new Float32Array(1) } } };
    expect(() => resumed.setState(bad)).toThrow('Optimizer exp_avg_sq for "transformer.wpe.weight" has shape (1) but the parameter is (8, 16).');
    [oa, resumed].forEach((o) => o.dispose());
    [a, b].forEach(disposeModel);
    tf.dispose(batches.flatMap((x) => [x.x, x.y]));
  });
});

describe("no leaks (cpu)", () => {
  it("numTensors is flat across 20 train steps (with grad accumulation and dropout), an evaluate() and a 50-token generate()", async () => {
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
    const out = await generate(model, [1, 2, 3], { maxNewTokens: 50, temperature: 0.9, seed: 3 });
    expect(out).toHaveLength(50);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before - Object.keys(model.params).length * 3); // params and both moments freed
  });
});

describe("a short real run on wasm (Node)", () => {
  beforeAll(useWasm);
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  it("the projector preset on character-level Moby-Dick goes from ≈ln(vocab) to below 3.0 within 150 steps", async () => {
    const { vocab, tokens } = mobyChars(200_000);
    const { model: cfg, train: tc } = resolveConfig("projector", { model: { vocabSize: vocab } });
    const model = createModel(cfg, tc.seed);
    const opt = new AdamW(model.params, { beta1: tc.beta1, beta2: tc.beta2, weightDecay: tc.weightDecay });
    const rng = new Random(tc.seed);
    const splits = splitData(tokens);
    const ev = { evalIters: 5, batchSize: tc.batchSize };
    const start = await evaluate(model, splits, ev, rng);
    expect(Math.abs(start.val - Math.log(vocab))).toBeLessThan(0.1); // a fresh model is ~uniform
    const t0 = performance.now();
    for (let i = 0; i < 150; i++) await trainStep(model, opt, () => getBatch(splits.train, tc.batchSize, cfg.blockSize, rng), getLr(i, tc), tc, rng);
    const seconds = (performance.now() - t0) / 1000;
    const end = await evaluate(model, splits, ev, rng);
    console.log(`wasm: vocab ${vocab}, val loss ${start.val.toFixed(3)} → ${end.val.toFixed(3)} in 150 steps, ${seconds.toFixed(1)} s (${((seconds / 150) * 1000).toFixed(0)} ms/step)`);
    expect(end.val).toBeLessThan(3.0);
    opt.dispose();
    disposeModel(model);
  });
});
