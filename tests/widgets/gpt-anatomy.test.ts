import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createModel, disposeModel, loadCheckpoint, numParams, tokenizerFromSpec, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { anatomyStages, anatomyValues, gelu, layerNormRows, linearRows, stageParamCount, stats, topNext } from "../../src/widgets/gpt-anatomy/anatomy";

/**
 * The GPT anatomy view: its stage list must describe the engine's model exactly (every shape equal to the traced
 * tensor's, every parameter listed once, the total equal to numParams), and the values it recomputes (ln_2, the
 * MLP's GELU layer) must reproduce what the engine computed (the traced mlp_out) to float32 rounding.
 */
beforeAll(async () => {
  await tf.setBackend("cpu");
});

const gpt2 = { vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768, dropout: 0, bias: true };

describe("hand-worked pieces", () => {
  it("LayerNorm of [1, 2, 3, 4] with γ = 1, β = 0 is [−1.342, −0.447, 0.447, 1.342] (μ 2.5, σ² 1.25)", () => {
    const y = layerNormRows(Float32Array.from([1, 2, 3, 4]), 4, Float32Array.from([1, 1, 1, 1]));
    const want = [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25 + 1e-5));
    want.forEach((w, i) => expect(y[i]).toBeCloseTo(w, 6));
    expect(y[0]).toBeCloseTo(-1.342, 3);
  });
  it("GELU(1) = Φ(1) = 0.841345, GELU(0) = 0, GELU(−1) = −0.158655", () => {
    expect(gelu(1)).toBeCloseTo(0.841345, 6);
    expect(gelu(0)).toBe(0);
    expect(gelu(-1)).toBeCloseTo(-0.158655, 6);
  });
  it("a linear layer stored (out, in): x = [1, 2], W = [[1, 0], [0, 1], [1, 1]], b = [0, 0, 10] → [1, 2, 13]", () => {
    expect(Array.from(linearRows(Float32Array.from([1, 2]), 2, Float32Array.from([1, 0, 0, 1, 1, 1]), 3, Float32Array.from([0, 0, 10])))).toEqual([1, 2, 13]);
  });
  it("stats of [1, 2, 3, 4]: mean 2.5, population std √1.25, min 1, max 4", () => {
    expect(stats([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25), min: 1, max: 4 });
  });
});

describe("the stage list", () => {
  it("GPT-2 small: 8 stages per block, c_attn (2304, 768), the MLP 3072 wide, logits over 50,257, 124,439,808 parameters", () => {
    const st = anatomyStages(gpt2, 5);
    expect(st.length).toBe(4 + 12 * 8 + 2);
    const byKey = Object.fromEntries(st.map((s) => [s.key, s]));
    expect(byKey["h.0.attn"].params[0]).toEqual({ name: "transformer.h.0.attn.c_attn.weight", shape: [2304, 768] });
    expect(byKey["h.11.mlp_hidden"].shape).toEqual([1, 5, 3072]);
    expect(byKey["h.3.attn"].shape).toEqual([1, 12, 5, 5]);
    expect(byKey.logits.shape).toEqual([1, 5, 50257]);
    expect(stageParamCount(st)).toBe(124_439_808); // nanoGPT's count for gpt2 with the tied head
  });
  it("counts exactly the engine's parameters for other configs (no biases, one layer)", () => {
    for (const c of [
      { ...gpt2, bias: false },
      { vocabSize: 83, blockSize: 64, nLayer: 3, nHead: 4, nEmbd: 64, dropout: 0, bias: true },
      { vocabSize: 11, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16, dropout: 0, bias: false },
    ]) {
      const m = createModel(c.nEmbd > 100 ? { ...c, nLayer: 1, vocabSize: 50, blockSize: 16 } : c, 3);
      expect(stageParamCount(anatomyStages(m.config, 2))).toBe(numParams(m));
      disposeModel(m);
    }
  });
  it("refuses more tokens than blockSize, naming both numbers", () => {
    expect(() => anatomyStages({ ...gpt2, blockSize: 4 }, 5)).toThrow("The anatomy needs 1–4 tokens (blockSize), got 5.");
  });
});

describe("the pretrained model (moby-char: 3 layers, 4 heads, 64 wide)", () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let tok: Tokenizer;
  beforeAll(async () => {
    model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });

  it("every stage's values have the shape the stage list says, and tracing leaves no tensors behind", () => {
    const ids = tok.encode("Call me Ishmael.");
    const before = tf.memory().numTensors;
    const values = anatomyValues(model, ids);
    expect(tf.memory().numTensors).toBe(before);
    for (const s of anatomyStages(model.config, ids.length)) {
      expect(values[s.key].shape, s.key).toEqual(s.shape);
      expect(values[s.key].data.length, s.key).toBe(s.shape.reduce((a, b) => a * b, 1));
    }
  });

  it("ln_2 and GELU(c_fc) recomputed here give back the engine's mlp_out within 2e-5, in every block", () => {
    const ids = tok.encode("Call me Ishmael.");
    const v = anatomyValues(model, ids);
    const C = model.config.nEmbd;
    for (let i = 0; i < model.config.nLayer; i++) {
      const h = `transformer.h.${i}`;
      const w = model.params[`${h}.mlp.c_proj.weight`].dataSync() as Float32Array;
      const b = model.params[`${h}.mlp.c_proj.bias`]?.dataSync() as Float32Array | undefined;
      const ours = linearRows(v[`h.${i}.mlp_hidden`].data, 4 * C, w, C, b);
      const engine = v[`h.${i}.mlp_out`].data;
      let worst = 0;
      ours.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - engine[k]))));
      expect(worst, `block ${i}`).toBeLessThan(2e-5);
      // and the residual stream adds up: block_out = resid_1 + mlp_out
      const r = v[`h.${i}.resid_1`].data, o = v[`h.${i}.block_out`].data;
      o.forEach((x, k) => expect(Math.abs(x - (r[k] + engine[k]))).toBeLessThan(1e-6));
    }
  });

  it("the tied head: logits = ln_f · wteᵀ, and after 'Call me Ishmael' the model's first choice is a space (0.2505), then 'y' (0.1715)", () => {
    const ids = tok.encode("Call me Ishmael");
    const v = anatomyValues(model, ids);
    const { nEmbd: C, vocabSize: V } = model.config;
    const wte = model.params["transformer.wte.weight"].dataSync() as Float32Array;
    const ours = linearRows(v.ln_f.data, C, wte, V);
    let worst = 0;
    ours.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - v.logits.data[k]))));
    expect(worst).toBeLessThan(1e-4);
    const top = topNext(v.logits, ids.length - 1, 5);
    expect(top.reduce((s, x) => s + x.p, 0)).toBeLessThanOrEqual(1);
    expect(top[0].p).toBeGreaterThanOrEqual(top[1].p);
    // E2E_TOP: the browser test reads the same first choice
    // the same reading tests/e2e/lesson-gpt-anatomy.spec.ts expects in the browser
    expect(top.slice(0, 2).map((x) => tok.decode([x.id]))).toEqual([" ", "y"]);
    expect(top[0].p).toBeCloseTo(0.2505, 4);
    expect(top[1].p).toBeCloseTo(0.1715, 4);
  });
});
