import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeModel, forward, crossEntropy, numParams, forwardCached, createKVCache, disposeKVCache, createModel, paramShapes, modelFromTensors, modelToTensors, type Trace } from "../../src/core/model";
import { AdamW, clipGradNorm } from "../../src/core/train";
import { fromNanoGPTArgs } from "../../src/core/config";
import { Random } from "../../src/core/random";
import { golden, loadGolden, maxError, maxScaledError, toRecord, useWasm } from "./helpers";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

// Tolerances from shared/golden/README.md: a float32 port reaches ~1e-5 absolute on logits, loss and
// activations and ~1e-5 relative on gradients and updated parameters.
const ABS = 1e-5;
const REL = 1e-5;

describe.each(["tiny", "nobias_4head"] as const)("nanoGPT golden case %s", (name) => {
  let g: ReturnType<typeof loadGolden>;
  beforeAll(() => {
    g = loadGolden(name); // after the top-level beforeAll has picked the cpu backend
  });
  afterAll(() => {
    disposeModel(g.model);
    tf.dispose([g.idx, g.targets]);
  });

  it("has nanoGPT's parameter names, order and count", () => {
    expect(Object.keys(g.model.params)).toEqual(g.c.param_names_in_order);
    expect(numParams(g.model)).toBe(g.c.num_params); // 6896 and 6528
  });

  it("matches every activation, in forward order, then the logits and loss", () => {
    const trace: Trace = {};
    const logits = forward(g.model, g.idx, { trace });
    if (g.c.activations) {
      // forward order, so a failure names the first layer that disagrees
      for (const key of Object.keys(g.c.activations)) {
        expect(trace[key], `trace lacks ${key}`).toBeDefined();
        expect(maxError(trace[key].dataSync(), g.c.activations[key].values), key).toBeLessThan(ABS);
      }
    }
    expect(maxError(logits.dataSync(), g.c.logits.values)).toBeLessThan(ABS);
    const loss = crossEntropy(logits, g.targets);
    expect(Math.abs(loss.dataSync()[0] - g.c.loss)).toBeLessThan(ABS); // tiny: 2.3875358
    tf.dispose([logits, loss, ...Object.values(trace)]);
  });

  it("matches every gradient", () => {
    const vars = Object.values(g.model.params);
    const { value, grads } = tf.variableGrads(() => crossEntropy(forward(g.model, g.idx), g.targets), vars);
    for (const [pname, v] of Object.entries(g.model.params)) {
      expect(maxScaledError(grads[v.name].dataSync(), g.c.grads[pname].values), pname).toBeLessThan(REL);
      expect(maxError(grads[v.name].dataSync(), g.c.grads[pname].values), pname).toBeLessThan(ABS);
    }
    tf.dispose([value, ...Object.values(grads)]);
  });
});

describe("one clipped AdamW step (golden tiny)", () => {
  it("gives nanoGPT's grad norm, clipped grads, moments, params and loss after the step", () => {
    const g = loadGolden("tiny");
    const opt = g.c.optimizer!;
    const vars = Object.values(g.model.params);
    const names = Object.keys(g.model.params);
    // weight-decay groups as nanoGPT builds them: dim >= 2 decays
    const groups = opt.weight_decay_groups as { weight_decay: number; params: string[] }[];
    expect(groups.map((x) => x.weight_decay)).toEqual([0.1, 0]);
    expect(names.filter((n) => AdamW.decays(g.model.params[n].shape))).toEqual(groups[0].params);
    expect(names.filter((n) => !AdamW.decays(g.model.params[n].shape))).toEqual(groups[1].params);

    const adam = new AdamW(g.model.params, { beta1: opt.betas[0], beta2: opt.betas[1], eps: opt.eps, weightDecay: 0.1 });
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => crossEntropy(forward(g.model, g.idx), g.targets), vars);
      const byName = Object.fromEntries(names.map((n, i) => [n, grads[vars[i].name]]));
      const { grads: clipped, normBeforeClip: norm } = clipGradNorm(byName, opt.grad_clip_max_norm);
      expect(Math.abs(norm.dataSync()[0] - opt.grad_norm_before_clip)).toBeLessThan(1e-5 * opt.grad_norm_before_clip); // 1.7349842
      for (const n of names) expect(maxError(clipped[n].dataSync(), g.c.grads_clipped![n].values), n).toBeLessThan(ABS);
      adam.applyGradients(clipped, opt.lr);
    });
    for (const n of names) {
      // subtle: c_attn's key bias (elements [C, 2C)) has a gradient that is exactly zero in exact arithmetic
      // (adding a constant to every key's score leaves the softmax unchanged); both PyTorch and TF.js give
      // float noise of ~1e-12 there, and Adam's m/(√v + eps) turns that noise into updates of up to ~lr·0.5
      // whose sign is the noise's. Those elements are checked against Adam's bound |Δp| ≤ lr instead.
      const zeroGrad = g.c.grads[n].values.map((x) => Math.abs(x) < 1e-9);
      const before = golden().tiny.params[n].values;
      const actual = g.model.params[n].dataSync();
      const expected = g.c.params_after_step![n].values;
      const keep = (a: ArrayLike<number>) => Array.from(a).filter((_, i) => !zeroGrad[i]);
      expect(maxScaledError(keep(actual), keep(expected)), n).toBeLessThan(REL);
      zeroGrad.forEach((z, i) => z && expect(Math.abs(actual[i] - before[i]), `${n}[${i}]`).toBeLessThanOrEqual(opt.lr));
    }
    return adam.getState().then((state) => {
      for (const n of names) {
        expect(maxError(state.m[n].values, g.c.adam_state_after_step![n].exp_avg), `${n} exp_avg`).toBeLessThan(ABS);
        expect(maxScaledError(state.v[n].values, g.c.adam_state_after_step![n].exp_avg_sq), `${n} exp_avg_sq`).toBeLessThan(REL);
      }
      const after = tf.tidy(() => crossEntropy(forward(g.model, g.idx), g.targets).dataSync()[0]);
      expect(Math.abs(after - g.c.loss_after_step!)).toBeLessThan(ABS); // 2.3469362, down from 2.3875358
      adam.dispose();
      disposeModel(g.model);
      tf.dispose([g.idx, g.targets]);
    });
  });
});

describe("inference", () => {
  it("matches generate_forward's last-position logits and probabilities", () => {
    const g = loadGolden("tiny");
    const gf = g.c.generate_forward!;
    const idx = tf.tensor2d(gf.idx, undefined, "int32");
    const T = gf.idx[0].length;
    const [last, probs] = tf.tidy(() => {
      const logits = forward(g.model, idx);
      const l = logits.slice([0, T - 1, 0], [-1, 1, -1]);
      return [l.dataSync(), tf.softmax(l.squeeze([1])).dataSync()];
    });
    expect(maxError(last, gf.logits_last.values)).toBeLessThan(ABS);
    expect(maxError(probs, gf.probs_last.values)).toBeLessThan(ABS);
    disposeModel(g.model);
    tf.dispose([idx, g.idx, g.targets]);
  });

  it("KV-cache logits equal a full recompute at every step", () => {
    const g = loadGolden("tiny");
    const tokens = golden().tiny.idx[0]; // 8 tokens = blockSize
    const cache = createKVCache();
    // prompt of 3, then one token at a time
    let cachedLogits = forwardCached(g.model, tf.tensor2d([tokens.slice(0, 3)], undefined, "int32"), cache);
    for (let t = 3; t <= tokens.length; t++) {
      const full = tf.tidy(() => forward(g.model, tf.tensor2d([tokens.slice(0, t)], undefined, "int32")).slice([0, t - 1, 0], [1, 1, -1]).reshape([1, -1]));
      expect(maxError(cachedLogits.dataSync(), full.dataSync()), `position ${t - 1}`).toBeLessThan(ABS);
      tf.dispose([full, cachedLogits]);
      if (t === tokens.length) break;
      cachedLogits = forwardCached(g.model, tf.tensor2d([[tokens[t]]], undefined, "int32"), cache);
    }
    expect(cache.length).toBe(8);
    disposeKVCache(cache);
    disposeModel(g.model);
    tf.dispose([g.idx, g.targets]);
  });

  it("refuses more tokens than blockSize, naming both numbers", () => {
    const g = loadGolden("tiny");
    const idx = tf.zeros([1, 9], "int32") as tf.Tensor2D;
    expect(() => forward(g.model, idx)).toThrow("Cannot forward 9 tokens: blockSize is 8. Keep only the last 8 tokens (generate() does).");
    disposeModel(g.model);
    tf.dispose([idx, g.idx, g.targets]);
  });
});

describe("createModel", () => {
  it("initialises as nanoGPT: zero biases, unit LayerNorm, std 0.02 and 0.02/sqrt(2·nLayer) for c_proj", () => {
    const config = fromNanoGPTArgs({ n_layer: 2, n_head: 4, n_embd: 64, block_size: 32, bias: true, vocab_size: 65, dropout: 0 });
    const before = tf.memory().numTensors;
    const m = createModel(config, 1337);
    expect(tf.memory().numTensors - before).toBe(paramShapes(config).length); // no leaked init tensors
    const std = (name: string) => {
      const v = Array.from(m.params[name].dataSync());
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    };
    expect(std("transformer.h.0.mlp.c_fc.weight")).toBeCloseTo(0.02, 3); // 16384 samples: ±0.0002
    expect(std("transformer.h.1.mlp.c_proj.weight")).toBeCloseTo(0.02 / 2, 3);
    expect(Array.from(m.params["transformer.h.0.ln_1.weight"].dataSync()).every((x) => x === 1)).toBe(true);
    expect(Array.from(m.params["transformer.h.0.attn.c_attn.bias"].dataSync()).every((x) => x === 0)).toBe(true);
    const again = createModel(config, 1337);
    expect(Array.from(again.params["transformer.wte.weight"].dataSync())).toEqual(Array.from(m.params["transformer.wte.weight"].dataSync()));
    disposeModel(m);
    disposeModel(again);
  });
});

describe("loading and saving parameters", () => {
  const c = golden().tiny;
  const config = fromNanoGPTArgs(c.config);

  it("round-trips through modelToTensors bit for bit", async () => {
    const m = modelFromTensors(config, toRecord(c.params));
    const back = await modelToTensors(m);
    expect(Object.keys(back)).toEqual(c.param_names_in_order);
    for (const n of c.param_names_in_order) expect(Array.from(back[n].values), n).toEqual(Array.from(Float32Array.from(c.params[n].values)));
    disposeModel(m);
  });

  it("accepts a tied lm_head.weight and refuses an untied one", () => {
    const rec = toRecord(c.params);
    const wte = rec["transformer.wte.weight"];
    const m = modelFromTensors(config, { ...rec, "lm_head.weight": { shape: wte.shape, values: wte.values.slice() } });
    expect(numParams(m)).toBe(6896); // counted once
    disposeModel(m);
    const other = wte.values.map((x) => x + 1);
    expect(() => modelFromTensors(config, { ...rec, "lm_head.weight": { shape: wte.shape, values: other } })).toThrow("lm_head.weight differs from transformer.wte.weight");
  });

  it("names missing, extra and mis-shaped tensors", () => {
    const rec = toRecord(c.params);
    const before = tf.memory().numTensors;
    const { ["transformer.h.1.mlp.c_fc.bias"]: _dropped, ...missing } = rec;
    expect(() => modelFromTensors(config, missing)).toThrow("Missing tensors: transformer.h.1.mlp.c_fc.bias.");
    expect(() => modelFromTensors(config, { ...rec, "transformer.h.2.ln_1.weight": rec["transformer.ln_f.weight"] })).toThrow("Unexpected tensors for this config: transformer.h.2.ln_1.weight.");
    const wpe = rec["transformer.wpe.weight"];
    expect(() => modelFromTensors({ ...config, blockSize: 16 }, rec)).toThrow('Tensor "transformer.wpe.weight" has shape (8, 16) but this config needs (16, 16).');
    expect(() => modelFromTensors(config, { ...rec, "transformer.wpe.weight": { shape: wpe.shape, values: wpe.values.slice(1) } })).toThrow('Tensor "transformer.wpe.weight" has shape (8, 16)');
    expect(tf.memory().numTensors).toBe(before); // nothing half-built is left behind
  });

  it("two models coexist (no global variable names)", () => {
    const a = createModel(config, 1), b = createModel(config, 1);
    expect(a.params["transformer.wte.weight"].name).not.toBe(b.params["transformer.wte.weight"].name);
    expect(Object.values(a.params).every((v) => v.trainable)).toBe(true);
    disposeModel(a);
    disposeModel(b);
  });
});

describe("forward's contract", () => {
  const config = fromNanoGPTArgs({ n_layer: 2, n_head: 2, n_embd: 16, block_size: 8, bias: true, vocab_size: 11, dropout: 0.5 });
  const idx = () => tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]], undefined, "int32");

  it("is causal: a later token never changes earlier logits, and nothing is NaN", () => {
    const m = createModel({ ...config, dropout: 0 }, 3);
    const [a, b] = tf.tidy(() => {
      const x = idx();
      const y = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 0], [8, 7, 6, 5, 4, 3, 2, 10]], undefined, "int32");
      return [forward(m, x).dataSync() as Float32Array, forward(m, y).dataSync() as Float32Array];
    });
    expect(a.every(Number.isFinite)).toBe(true);
    const V = 11, T = 8;
    for (let bi = 0; bi < 2; bi++)
      for (let t = 0; t < T; t++) {
        const row = (arr: Float32Array) => Array.from(arr.slice((bi * T + t) * V, (bi * T + t + 1) * V));
        if (t < T - 1) expect(row(b), `b${bi} t${t}`).toEqual(row(a));
        else expect(row(b)).not.toEqual(row(a));
      }
    disposeModel(m);
  });

  it("applies dropout only in training mode, with masks drawn from the rng", () => {
    const m = createModel(config, 3);
    const run = (opts: Parameters<typeof forward>[2]) => tf.tidy(() => Array.from(forward(m, idx(), opts).dataSync()));
    const evalOut = run({});
    expect(run({ training: false, rng: new Random(1) })).toEqual(evalOut);
    const t1 = run({ training: true, rng: new Random(1) });
    expect(run({ training: true, rng: new Random(1) })).toEqual(t1); // same seed, same masks
    expect(run({ training: true, rng: new Random(2) })).not.toEqual(t1);
    expect(t1).not.toEqual(evalOut);
    expect(() => run({ training: true })).toThrow("Training with dropout 0.5 needs an rng in ForwardOptions");
    disposeModel(m);
  });

  it("hands the trace's tensors to the caller and frees everything else", () => {
    const m = createModel({ ...config, dropout: 0 }, 3);
    const x = idx();
    const before = tf.memory().numTensors;
    const trace: Trace = {};
    const logits = forward(m, x, { trace });
    expect(Object.keys(trace)).toEqual(Object.keys(golden().tiny.activations!)); // forward order, golden names
    expect(trace["h.0.attn_probs"].shape).toEqual([2, 2, 8, 8]); // (B, nh, T, T)
    expect(tf.memory().numTensors).toBe(before + 1 + Object.keys(trace).length); // logits + the trace, nothing else
    tf.dispose([logits, x, ...Object.values(trace)]);
    disposeModel(m);
  });

  it("computes a finite cross-entropy for huge logits (log-softmax is stable)", () => {
    const loss = tf.tidy(() => crossEntropy(tf.tensor3d([[[1e4, -1e4, 0]]]), tf.tensor2d([[1]], undefined, "int32")).dataSync()[0]);
    expect(loss).toBeCloseTo(2e4, 0);
  });
});

describe("the golden vectors on the wasm backend", () => {
  beforeAll(useWasm);
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  it.each(["tiny", "nobias_4head"] as const)("%s: logits, loss and every gradient (the embedding's without UnsortedSegmentSum)", (name) => {
    expect(tf.getBackend()).toBe("wasm");
    expect(tf.getKernel("UnsortedSegmentSum", "wasm")).toBeUndefined(); // so tf.gather's own gradient would fail here
    const g = loadGolden(name);
    const vars = Object.values(g.model.params);
    tf.tidy(() => {
      const logits = forward(g.model, g.idx);
      expect(maxError(logits.dataSync(), g.c.logits.values)).toBeLessThan(ABS);
      const { value, grads } = tf.variableGrads(() => crossEntropy(forward(g.model, g.idx), g.targets), vars);
      expect(Math.abs(value.dataSync()[0] - g.c.loss)).toBeLessThan(ABS);
      // the same tolerances as on cpu: wasm (XNNPACK) computes in float32 too, only in another order
      for (const [pname, v] of Object.entries(g.model.params)) {
        expect(maxScaledError(grads[v.name].dataSync(), g.c.grads[pname].values), pname).toBeLessThan(REL);
        expect(maxError(grads[v.name].dataSync(), g.c.grads[pname].values), pname).toBeLessThan(ABS);
      }
    });
    disposeModel(g.model);
    tf.dispose([g.idx, g.targets]);
  });
});
