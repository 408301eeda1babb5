import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/core/generate";
import { createModel, disposeModel, forward } from "../../src/core/model";
import { resolveConfig } from "../../src/core/config";
import { argmax, entropy, filterTopK, filterTopP, logSoftmax, pickToken, sampleFrom, softmax, tokenDistribution } from "../../src/core/sample";
import { Random } from "../../src/core/random";
import { loadGolden } from "./helpers";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const close = (a: ArrayLike<number>, b: number[], tol = 1e-6) => b.forEach((x, i) => expect(Math.abs(a[i] - x), `index ${i}`).toBeLessThan(tol));

describe("sampling functions (hand-worked)", () => {
  it("softmax([1, 2, 3]) = [0.09003057, 0.24472847, 0.66524096]", () => close(softmax([1, 2, 3]), [0.09003057, 0.24472847, 0.66524096]));
  it("stays finite at huge logits and tiny temperatures; temperature 0 is one-hot", () => {
    close(softmax([1000, 1000, -1000]), [0.5, 0.5, 0]);
    close(softmax([1, 2, 3], 1e-6), [0, 0, 1]);
    close(softmax([1, 3, 3], 0), [0, 1, 0]);
    expect(Array.from(softmax([5, 4], 1e-30)).every(Number.isFinite)).toBe(true);
    close(Array.from(logSoftmax([1, 2, 3])), [Math.log(0.09003057), Math.log(0.24472847), Math.log(0.66524096)], 1e-6);
  });
  it("top-k and top-p keep and renormalise the right tokens", () => {
    close(filterTopK([0.1, 0.5, 0.15, 0.25], 2), [0, 0.5 / 0.75, 0, 0.25 / 0.75]);
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 0.8), [0.625, 0.375, 0, 0]);
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 0.01), [1, 0, 0, 0]);
    expect(() => filterTopP([1], 1.5)).toThrow("topP must be in (0, 1], got 1.5.");
    expect(tokenDistribution([3, 1, 2], { topK: 2 }).kept).toEqual([true, false, true]);
  });
  it("top-k 1 equals greedy", () => {
    const rng = new Random(1);
    const logits = [0.3, 2.5, -1, 2.4];
    for (let i = 0; i < 20; i++) expect(pickToken(logits, { topK: 1, temperature: 1.5 }, rng).id).toBe(argmax(logits));
  });
  it("seeded sampling repeats and its histogram follows the probabilities", () => {
    const probs = [0.1, 0.6, 0.3];
    const draw = (seed: number) => Array.from({ length: 10000 }, ((rng) => () => sampleFrom(probs, rng))(new Random(seed)));
    const a = draw(7), b = draw(7);
    expect(a).toEqual(b);
    const counts = [0, 0, 0];
    for (const i of a) counts[i]++;
    // binomial sd for n = 10000: sqrt(n p (1 − p)) ≤ 50; allow 4 sd
    probs.forEach((p, i) => expect(Math.abs(counts[i] - 10000 * p)).toBeLessThan(200));
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
  });
});

describe("generate()", () => {
  const config = resolveConfig("projector", { model: { vocabSize: 20 } }).model;

  it("gives the same tokens with and without the KV cache, past blockSize too", async () => {
    const model = createModel({ ...config, blockSize: 8 }, 3);
    const o = { maxNewTokens: 14, greedy: true };
    const cached = await generate(model, [1, 2, 3], o);
    const full = await generate(model, [1, 2, 3], { ...o, useCache: false });
    expect(cached).toEqual(full);
    // and each greedy token is the argmax of a plain forward over the last blockSize tokens (nanoGPT's crop)
    const ctx = [1, 2, 3];
    for (const id of cached) {
      const win = ctx.slice(-8);
      const logits = tf.tidy(() => Array.from(forward(model, tf.tensor2d([win], undefined, "int32")).slice([0, win.length - 1, 0], [1, 1, -1]).dataSync()));
      expect(id).toBe(argmax(logits));
      ctx.push(id);
    }
    disposeModel(model);
  });

  it("repeats exactly with a seed and stops at the stop token", async () => {
    const model = createModel(config, 5);
    const a = await generate(model, [0], { maxNewTokens: 30, temperature: 1.2, topK: 10, seed: 42 });
    const b = await generate(model, [0], { maxNewTokens: 30, temperature: 1.2, topK: 10, seed: 42 });
    expect(a).toEqual(b);
    const stop = a[4];
    const stopped = await generate(model, [0], { maxNewTokens: 30, temperature: 1.2, topK: 10, seed: 42, stopToken: stop });
    expect(stopped).toEqual(a.slice(0, a.indexOf(stop) + 1));
    disposeModel(model);
  });

  it("top-k 1 and temperature 0 generate the greedy text", async () => {
    const model = createModel(config, 6);
    const greedy = await generate(model, [2, 4], { maxNewTokens: 20, greedy: true });
    expect(await generate(model, [2, 4], { maxNewTokens: 20, topK: 1, temperature: 1.3, seed: 9 })).toEqual(greedy);
    expect(await generate(model, [2, 4], { maxNewTokens: 20, temperature: 0 })).toEqual(greedy);
    disposeModel(model);
  });

  it("stops when onToken returns false, and refuses ids outside the vocabulary", async () => {
    const model = createModel(config, 6);
    const seen: number[] = [];
    const out = await generate(model, [1], { maxNewTokens: 20, seed: 1, onToken: (id) => seen.push(id) < 3 });
    expect(out).toHaveLength(3);
    expect(seen).toEqual(out);
    await expect(generate(model, [1, 20], { maxNewTokens: 1 })).rejects.toThrow("Prompt token 20 is not a token id of this model (0..19).");
    await expect(generate(model, [], { maxNewTokens: 1 })).rejects.toThrow("generate() needs a prompt of at least one token");
    disposeModel(model);
  });

  it("matches the golden inference probabilities for its first step", async () => {
    const g = loadGolden("tiny");
    const gf = g.c.generate_forward!;
    const seen: Float32Array[] = [];
    await generate(g.model, gf.idx[0], { maxNewTokens: 1, temperature: 1, onToken: (_, p) => void seen.push(p) });
    close(seen[0], gf.probs_last.values.slice(0, 11), 1e-5);
    tf.dispose([g.idx, g.targets]);
    disposeModel(g.model);
  });

  it("leaves no tensors behind", async () => {
    const model = createModel(config, 1);
    await generate(model, [1], { maxNewTokens: 5 });
    const before = tf.memory().numTensors;
    await generate(model, [1, 2], { maxNewTokens: 50, temperature: 0.8 });
    await generate(model, [1, 2], { maxNewTokens: 10, useCache: false });
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(model);
  });
});
