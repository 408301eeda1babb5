import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossEntropy, forward, fullArchitecture, paramShapes, variantUses, type Architecture, type GPTModel } from "../../src/core/model";
import { createVariant, ladderRungs, ladderSettings, rungConfig } from "../../src/core/ladder";
import { fromNanoGPTArgs } from "../../src/core/config";
import { golden, loadGolden, maxError, type GoldenCase } from "./helpers";

/**
 * The ladder's variants against an independent forward pass: nanoGPT's GPT written out in plain JavaScript
 * (loops over numbers, float64), with each piece switchable as Architecture switches it. The all-on reference
 * is first checked against nanoGPT's own logits (the golden file), so the reference itself is trusted; then
 * every other combination of pieces must equal the engine's forward with those pieces off.
 */

type Mat = number[][]; // (T, C) for one sequence

const gp = (c: GoldenCase, name: string) => c.params[name];

/** y = x Wᵀ + b, W (out, in) row-major as PyTorch stores it. */
function linear(x: Mat, w: { shape: number[]; values: number[] }, b?: { values: number[] }): Mat {
  const [nOut, nIn] = w.shape;
  return x.map((row) => Array.from({ length: nOut }, (_, o) => {
    let s = b ? b.values[o] : 0;
    for (let i = 0; i < nIn; i++) s += row[i] * w.values[o * nIn + i];
    return s;
  }));
}

function layerNorm(x: Mat, w: number[], b?: number[]): Mat {
  return x.map((row) => {
    const mu = row.reduce((a, v) => a + v, 0) / row.length;
    const v = row.reduce((a, u) => a + (u - mu) ** 2, 0) / row.length; // biased, as torch
    return row.map((u, i) => ((u - mu) / Math.sqrt(v + 1e-5)) * w[i] + (b ? b[i] : 0));
  });
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));

function attention(c: GoldenCase, i: number, x: Mat, nh: number): Mat {
  const T = x.length, C = x[0].length, hs = C / nh;
  const h = `transformer.h.${i}.attn`;
  const qkv = linear(x, gp(c, `${h}.c_attn.weight`), c.params[`${h}.c_attn.bias`]);
  const y: Mat = Array.from({ length: T }, () => new Array(C).fill(0));
  for (let head = 0; head < nh; head++) {
    const q = (t: number, d: number) => qkv[t][head * hs + d];
    const k = (t: number, d: number) => qkv[t][C + head * hs + d];
    const v = (t: number, d: number) => qkv[t][2 * C + head * hs + d];
    for (let t = 0; t < T; t++) {
      const scores = Array.from({ length: t + 1 }, (_, j) => {
        let s = 0;
        for (let d = 0; d < hs; d++) s += q(t, d) * k(j, d);
        return s / Math.sqrt(hs);
      }); // causal: keys 0..t only
      const m = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - m));
      const z = e.reduce((a, u) => a + u, 0);
      for (let d = 0; d < hs; d++) y[t][head * hs + d] = e.reduce((a, p, j) => a + (p / z) * v(j, d), 0);
    }
  }
  return linear(y, gp(c, `${h}.c_proj.weight`), c.params[`${h}.c_proj.bias`]);
}

function mlp(c: GoldenCase, i: number, x: Mat): Mat {
  const h = `transformer.h.${i}.mlp`;
  const hidden = linear(x, gp(c, `${h}.c_fc.weight`), c.params[`${h}.c_fc.bias`]).map((r) => r.map(gelu));
  return linear(hidden, gp(c, `${h}.c_proj.weight`), c.params[`${h}.c_proj.bias`]);
}

const add = (a: Mat, b: Mat): Mat => a.map((r, t) => r.map((u, i) => u + b[t][i]));

/** Logits (T, V) for one sequence, with the pieces `A` switches on. */
function referenceLogits(c: GoldenCase, ids: number[], A: Architecture): Mat {
  const { n_embd: C, n_layer: L, n_head: nh } = c.config;
  const wte = gp(c, "transformer.wte.weight").values, wpe = gp(c, "transformer.wpe.weight").values;
  let x: Mat = ids.map((id, t) => Array.from({ length: C }, (_, i) => wte[id * C + i] + (A.positions ? wpe[t * C + i] : 0)));
  const ln = (name: string, u: Mat, on = A.layerNorm) => (on ? layerNorm(u, gp(c, `${name}.weight`).values, c.params[`${name}.bias`]?.values) : u);
  for (let i = 0; i < L; i++) {
    if (A.attention) {
      const a = attention(c, i, ln(`transformer.h.${i}.ln_1`, x), nh);
      x = A.residual ? add(x, a) : a;
    }
    if (A.mlp) {
      const m = mlp(c, i, ln(`transformer.h.${i}.ln_2`, x));
      x = A.residual ? add(x, m) : m;
    }
  }
  x = ln("transformer.ln_f", x, A.finalNorm);
  return linear(x, gp(c, "transformer.wte.weight")); // the tied head
}

/** Every one of the 64 on/off combinations. */
const combos: Architecture[] = Array.from({ length: 64 }, (_, m) => ({
  positions: !!(m & 1), attention: !!(m & 2), mlp: !!(m & 4), residual: !!(m & 8), layerNorm: !!(m & 16), finalNorm: !!(m & 32),
}));
const label = (a: Architecture) => Object.entries(a).map(([k, v]) => (v ? k : `-${k}`)).join(" ");

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe.each(["tiny", "nobias_4head"] as const)("ladder variants on golden %s", (name) => {
  let g: ReturnType<typeof loadGolden>;
  beforeAll(() => {
    g = loadGolden(name);
  });
  afterAll(() => {
    for (const v of Object.values(g.model.params)) v.dispose();
    tf.dispose([g.idx, g.targets]);
  });

  it("the plain-JS reference with every piece on reproduces nanoGPT's logits (so it can judge the variants)", () => {
    const ref = g.c.idx.flatMap((ids) => referenceLogits(g.c, ids, fullArchitecture).flat());
    expect(maxError(ref, g.c.logits.values)).toBeLessThan(1e-5);
  });

  it("with every option on, the engine is nanoGPT: golden logits and loss (tiny: 2.3875358)", () => {
    const loss = tf.tidy(() => {
      const logits = forward(g.model, g.idx, { arch: { ...fullArchitecture } });
      expect(maxError(logits.dataSync(), g.c.logits.values)).toBeLessThan(1e-5);
      return crossEntropy(logits, g.targets).dataSync()[0];
    });
    expect(Math.abs(loss - g.c.loss)).toBeLessThan(1e-5);
  });

  it("the bigram variant (everything off) is a lookup: logits[t][v] = wte[idx[t]] · wte[v]", () => {
    const { n_embd: C, vocab_size: V } = g.c.config;
    const wte = gp(g.c, "transformer.wte.weight").values;
    const expected = g.c.idx.flatMap((ids) => ids.flatMap((id) => Array.from({ length: V }, (_, v) => {
      let s = 0;
      for (let i = 0; i < C; i++) s += wte[id * C + i] * wte[v * C + i];
      return s;
    })));
    const off = combos[0];
    const actual = tf.tidy(() => forward(g.model, g.idx, { arch: off }).dataSync());
    expect(maxError(actual, expected)).toBeLessThan(1e-6);
    // and it only looks at the current token: the same token gives the same row wherever it stands
    const flat = g.c.idx.flat();
    const j = flat.findIndex((id, k) => k > 0 && id === flat[0]);
    expect(j).toBeGreaterThan(0);
    expect(Array.from(actual.slice(j * V, (j + 1) * V))).toEqual(Array.from(actual.slice(0, V)));
  });

  it.each(combos.map((a) => [label(a), a] as const))("%s equals the reference composed from its sub-layers", (_, arch) => {
    const ref = g.c.idx.flatMap((ids) => referenceLogits(g.c, ids, arch).flat());
    const actual = tf.tidy(() => forward(g.model, g.idx, { arch }).dataSync());
    expect(maxError(actual, ref)).toBeLessThan(1e-5);
  });
});

describe("variant models", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("hold exactly the parameters their pieces read, and the model's arch drives forward and training", () => {
    const c = golden().tiny;
    const config = fromNanoGPTArgs(c.config);
    const all = paramShapes(config).map(([n]) => n);
    const noAttn: Architecture = { ...fullArchitecture, attention: false };
    const m = createVariant(config, noAttn, 1);
    expect(Object.keys(m.params)).toEqual(all.filter((n) => !n.includes(".attn.") && !n.includes(".ln_1.")));
    expect(Object.keys(m.params).filter((n) => !variantUses(n, noAttn))).toEqual([]);
    // a parameter the loss never reads would get no gradient: every kept one must get one
    const idx = tf.tensor2d(c.idx, undefined, "int32"), targets = tf.tensor2d(c.targets, undefined, "int32");
    const { value, grads } = tf.variableGrads(() => crossEntropy(forward(m, idx), targets), Object.values(m.params));
    expect(Object.keys(grads).length).toBe(Object.keys(m.params).length);
    tf.dispose([value, idx, targets, ...Object.values(grads)]);
    for (const v of Object.values(m.params)) v.dispose();
  });

  it("the ladder's rungs each add one piece, and only the last is nanoGPT's GPT with nLayer blocks", () => {
    const rungs = ladderRungs();
    expect(rungs.map((r) => r.id)).toEqual(["bigram", "head", "heads", "mlp", "residual", "layernorm", "stack"]);
    const on = (a: Architecture) => Object.values(a).filter(Boolean).length;
    expect(rungs.map((r) => on(r.arch))).toEqual([1, 3, 3, 4, 5, 6, 6]);
    expect(rungs.every((r) => r.arch.finalNorm)).toBe(true);
    expect(rungs.map((r) => r.nHead)).toEqual([4, 1, 4, 4, 4, 4, 4]);
    expect(rungs.map((r) => r.nLayer)).toEqual([1, 1, 1, 1, 1, 1, 3]);
    expect(rungs[6].arch).toEqual(fullArchitecture);
    // parameters per rung for Moby-Dick's 83 characters, counted by hand: wte 83·64 = 5,312; wpe 32·64 = 2,048;
    // attention 64·192 + 192 + 64·64 + 64 = 16,640; MLP 64·256 + 256 + 256·64 + 64 = 33,088; one LN 128 (ln_f in all)
    const counts = rungs.map((r) => {
      const m: GPTModel = createVariant(rungConfig(r, ladderSettings, 83), r.arch, 1);
      const n = Object.values(m.params).reduce((s, v) => s + v.size, 0);
      for (const v of Object.values(m.params)) v.dispose();
      return n;
    });
    expect(counts).toEqual([5440, 5440 + 2048 + 16640, 5440 + 2048 + 16640, 57216, 57216, 57216 + 2 * 128, 5440 + 2048 + 3 * (16640 + 33088 + 256)]);
  });
});
