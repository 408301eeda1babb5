import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";


/**
 * The engine in real Chromium on every backend: the nanoGPT golden forward, loss and gradients, and no
 * tensor leaks across training, evaluation and generation. WebGPU and WebGL run on SwiftShader here, so
 * the models stay tiny.
 */
const golden = JSON.parse(readFileSync(new URL("../fixtures/gpt-tiny.json", import.meta.url), "utf8")).tiny;
const small = { params: golden.params, config: golden.config, idx: golden.idx, targets: golden.targets, logits: golden.logits, loss: golden.loss, grads: golden.grads };

async function openEngine(page: Page) {
  await page.goto("./engine-check.html");
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
}

// The README's float32 tolerance, on every backend: measured worst errors here are ~5e-8 on logits and
// ~6e-7 (relative to each gradient's scale) on gradients, on cpu, wasm, and SwiftShader WebGL and WebGPU.
const tolerance = { abs: 1e-5, grad: 1e-5 };

for (const backend of ["cpu", "wasm", "webgl", "webgpu"] as const) {
  test(`${backend}: nanoGPT's golden logits, loss and gradients`, async ({ page }) => {
    test.setTimeout(240_000);
    await openEngine(page);
    const result = await page.evaluate(
      async ({ g, backend }) => {
        const { core, tf, use } = (globalThis as unknown as { dojo: { core: typeof import("../../src/core"); tf: typeof import("@tensorflow/tfjs"); use: (b: string) => Promise<string> } }).dojo;
        const used = await use(backend);
        const tensors = Object.fromEntries(Object.entries(g.params as Record<string, { shape: number[]; values: number[] }>).map(([k, t]) => [k, { shape: t.shape, values: Float32Array.from(t.values) }]));
        const model = core.modelFromTensors(core.fromNanoGPTArgs(g.config), tensors);
        const idx = tf.tensor2d(g.idx, undefined, "int32");
        const targets = tf.tensor2d(g.targets, undefined, "int32");
        const vars = Object.values(model.params);
        const { value, grads } = tf.variableGrads(() => core.crossEntropy(core.forward(model, idx), targets), vars);
        const logits = core.forward(model, idx);
        const maxAbs = (a: ArrayLike<number>, b: number[]) => b.reduce((m, x, i) => Math.max(m, Math.abs(a[i] - x)), 0);
        const scaled = (a: ArrayLike<number>, b: number[]) => maxAbs(a, b) / Math.max(...b.map(Math.abs));
        const gradErr: Record<string, number> = {};
        for (const [name, v] of Object.entries(model.params)) gradErr[name] = scaled(await grads[v.name].data(), g.grads[name].values);
        const out = { used, logits: maxAbs(await logits.data(), g.logits.values), loss: Math.abs((await value.data())[0] - g.loss), gradErr };
        tf.dispose([idx, targets, value, logits, ...Object.values(grads)]);
        core.disposeModel(model);
        return out;
      },
      { g: small, backend },
    );
    console.log(`${backend}: logits ${result.logits.toExponential(2)}, loss ${result.loss.toExponential(2)}, worst grad ${Math.max(...Object.values(result.gradErr)).toExponential(2)}`);
    expect(result.used).toBe(backend);
    expect(result.logits).toBeLessThan(tolerance.abs);
    expect(result.loss).toBeLessThan(tolerance.abs);
    for (const [name, err] of Object.entries(result.gradErr)) expect(err, name).toBeLessThan(tolerance.grad);
  });
}

for (const backend of ["wasm", "webgl"] as const) {
  test(`${backend}: numTensors flat across 20 train steps, an evaluate() and a 50-token generate()`, async ({ page }) => {
    test.setTimeout(240_000);
    await openEngine(page);
    const { before, after, losses } = await page.evaluate(async (backend) => {
      const { core, tf, use } = (globalThis as unknown as { dojo: { core: typeof import("../../src/core"); tf: typeof import("@tensorflow/tfjs"); use: (b: string) => Promise<string> } }).dojo;
      await use(backend);
      const cfg = { ...core.resolveConfig("projector").model, vocabSize: 30, nEmbd: 32, blockSize: 16 };
      const model = core.createModel(cfg, 1);
      const opt = new core.AdamW(model.params, { beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });
      const data = Uint16Array.from({ length: 2000 }, (_, i) => (i * 7 + (i >> 3)) % 30);
      const rng = new core.Random(3);
      const step = () => core.trainStep(model, opt, () => core.getBatch(data, 8, 16, rng), 3e-3, { gradAccumSteps: 1, gradClip: 1 });
      const losses = [(await step()).loss];
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) losses.push((await step()).loss);
      await core.evaluate(model, core.splitData(data), { evalIters: 2, batchSize: 8 }, rng);
      await core.generate(model, [1, 2], { maxNewTokens: 50, temperature: 0.8, seed: 1 });
      const after = tf.memory().numTensors;
      opt.dispose();
      core.disposeModel(model);
      return { before, after, losses };
    }, backend);
    expect(after).toBe(before);
    expect(losses[20]).toBeLessThan(losses[0]); // and it learns: a periodic sequence is easy
  });
}
