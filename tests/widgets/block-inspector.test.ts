import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeModel, forward, loadCheckpoint, tokenizerFromSpec, type GPTModel, type Trace, type TokenizerSpec } from "../../src/core";
import { stats, traceStages } from "../../src/widgets/block-inspector/inspect";

/**
 * BlockInspector on the course's pretrained model: its statistics must equal ones computed another way (TF.js's
 * tf.moments on the traced tensors), its recomputed mid-block stream must be what the block then adds the MLP to,
 * and tracing must leave no tensor behind.
 */
let model: GPTModel;
let ids: number[];
beforeAll(async () => {
  await tf.setBackend("cpu");
  const loaded = await loadCheckpoint(new Uint8Array(readFileSync("public/models/moby-char.safetensors")));
  model = loaded;
  const tok = await tokenizerFromSpec(loaded.meta.tokenizer as TokenizerSpec);
  ids = tok.encode("Call me Ishmael. Some years ago");
});
afterAll(() => disposeModel(model));

describe("stats", () => {
  it("works the docstring's example by hand: [1, 2, 3, 4]", () => {
    const s = stats([1, 2, 3, 4], 4, 4, 4);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 12); // deviations ±1.5, ±0.5: (2.25 + 0.25) · 2 / 4
    expect(s.rms).toBeCloseTo(Math.sqrt(30 / 4), 12); // 1 + 4 + 9 + 16 = 30
    expect(s.counts).toEqual([0, 0, 1, 3]); // bins [−4,−2) [−2,0) [0,2) [2,4]; 4 is clamped into the last
  });
  it("averages the per-token RMS over tokens", () => {
    expect(stats([3, 4, 0, 0], 2, 2, 1).rms).toBeCloseTo(Math.sqrt(12.5) / 2, 12); // token 1: √(25/2), token 2: 0
  });
});

describe("traceStages on the pretrained model", () => {
  it("has the 17 stages in forward order and frees every traced tensor", () => {
    const before = tf.memory().numTensors;
    const { stages, T, C } = traceStages(model, ids);
    expect(tf.memory().numTensors).toBe(before);
    expect([T, C]).toEqual([ids.length, 64]);
    expect(stages.map((s) => `${s.key}${s.layer ?? ""}`)).toEqual([
      "emb", "ln_10", "attn0", "resid_mid0", "mlp0", "block0", "ln_11", "attn1", "resid_mid1", "mlp1", "block1", "ln_12", "attn2", "resid_mid2", "mlp2", "block2", "ln_f",
    ]);
  });

  it("its statistics equal tf.moments of the same traced tensors", () => {
    const { stages, C } = traceStages(model, ids);
    const trace: Trace = {};
    tf.tidy(() => void forward(model, tf.tensor2d([ids], [1, ids.length], "int32"), { trace }));
    const keyOf: Record<string, (i?: number) => string> = {
      emb: () => "embeddings_sum", ln_1: (i) => `h.${i}.ln_1_out`, attn: (i) => `h.${i}.attn_out`, mlp: (i) => `h.${i}.mlp_out`, block: (i) => `h.${i}.block_out`, ln_f: () => "ln_f_out",
    };
    let compared = 0;
    for (const st of stages) {
      if (st.key === "resid_mid") continue; // not traced: checked below
      const { mean, variance } = tf.tidy(() => tf.moments(trace[keyOf[st.key](st.layer)]));
      const s = stats(st.values, C, 31, 4);
      expect(s.mean, `${st.key}${st.layer ?? ""} mean`).toBeCloseTo(mean.dataSync()[0], 5);
      expect(s.std, `${st.key}${st.layer ?? ""} std`).toBeCloseTo(Math.sqrt(variance.dataSync()[0]), 5);
      expect(s.counts.reduce((a, b) => a + b, 0)).toBe(st.values.length);
      tf.dispose([mean, variance]);
      compared++;
    }
    expect(compared).toBe(14);
    tf.dispose(Object.values(trace));
  });

  it("the stream after attention is what the block adds the MLP to: block_out = resid_mid + mlp_out", () => {
    const { stages } = traceStages(model, ids);
    for (let i = 0; i < 3; i++) {
      const get = (k: string) => stages.find((s) => s.key === k && s.layer === i)!.values;
      const mid = get("resid_mid"), m = get("mlp"), out = get("block");
      expect(Math.max(...out.map((x, j) => Math.abs(x - (mid[j] + m[j]))))).toBeLessThan(1e-5);
    }
  });

  it("shows LayerNorm at work: the stream's scale grows block by block, while every ln_1 input is rescaled", () => {
    const { stages, C } = traceStages(model, ids);
    const rms = (k: string, i?: number) => stats(stages.find((s) => s.key === k && s.layer === i)!.values, C, 31, 4).rms;
    expect(rms("block", 2)).toBeGreaterThan(rms("emb"));
    // before γ and β a LayerNorm's output has RMS exactly 1 per token (eps aside); with the learned γ it is γ's scale
    const g = model.params["transformer.h.0.ln_1.weight"].dataSync();
    const b = model.params["transformer.h.0.ln_1.bias"].dataSync();
    const emb = stages[0].values, ln1 = stages[1].values;
    for (let t = 0; t < ids.length; t++) {
      const row = emb.slice(t * C, (t + 1) * C);
      const mu = row.reduce((a, x) => a + x, 0) / C;
      const v = row.reduce((a, x) => a + (x - mu) ** 2, 0) / C;
      for (let c = 0; c < C; c++) expect(ln1[t * C + c]).toBeCloseTo(((row[c] - mu) / Math.sqrt(v + 1e-5)) * g[c] + b[c], 4);
    }
  });

  it("refuses more tokens than blockSize", () => {
    expect(() => traceStages(model, new Array(65).fill(1))).toThrow("The model reads 1–64 tokens at once, got 65.");
  });
});
