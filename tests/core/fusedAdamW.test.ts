import { afterAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { fusedAdamW, hasFusedAdamW, type AdamWAttrs } from "../../src/core/train/fusedAdamW";
import "../../src/core/train/adamw"; // registers the kernel
import { Random } from "../../src/core";
import { useWasm } from "./helpers";

/** The composite update, op for op, as AdamW does it on GPU backends. */
function composite(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamWAttrs, wd: number, lr: number) {
  return tf.tidy(() => {
    const m2 = m.mul(a.beta1).add(g.mul(1 - a.beta1));
    const v2 = v.mul(a.beta2).add(g.square().mul(1 - a.beta2));
    const decayed = wd ? p.mul(1 - lr * wd) : p;
    const p2 = decayed.sub(m2.div(v2.sqrt().div(a.sqrtBc2).add(a.eps)).mul(a.stepSize));
    return [p2, m2, v2].map((t) => Array.from(t.dataSync()));
  });
}

function check() {
  const rng = new Random(7);
  const n = 1000;
  const arr = (scale: number, positive = false) => Float32Array.from({ length: n }, () => (positive ? Math.abs(rng.normal()) : rng.normal()) * scale);
  const [p, g, m] = [arr(0.1), arr(0.01), arr(0.001)].map((x) => tf.tensor2d(x, [40, 25]));
  const v = tf.tensor2d(arr(1e-5, true), [40, 25]);
  const lr = 6e-4, wd = 0.1, step = 3, b1 = 0.9, b2 = 0.95;
  const attrs: AdamWAttrs = { beta1: b1, beta2: b2, eps: 1e-8, decayFactor: 1 - lr * wd, sqrtBc2: Math.sqrt(1 - b2 ** step), stepSize: lr / (1 - b1 ** step) };
  const before = tf.memory().numTensors;
  const fused = fusedAdamW(p, g, m, v, attrs).map((t) => {
    const out = Array.from(t.dataSync());
    t.dispose();
    return out;
  });
  expect(tf.memory().numTensors).toBe(before);
  expect(fused).toEqual(composite(p, g, m, v, attrs, wd, lr)); // bit for bit
  const noDecay = fusedAdamW(p, g, m, v, { ...attrs, decayFactor: 1 });
  expect(noDecay.map((t) => Array.from(t.dataSync()))).toEqual(composite(p, g, m, v, attrs, 0, lr));
  tf.dispose([p, g, m, v, ...noDecay]);
}

describe("the fused AdamW kernel equals the composite update bit for bit", () => {
  it("on cpu", async () => {
    await tf.setBackend("cpu");
    expect(hasFusedAdamW()).toBe(true);
    check();
  });
  it("on wasm", async () => {
    await useWasm();
    expect(hasFusedAdamW()).toBe(true);
    check();
  });
  afterAll(async () => {
    await tf.setBackend("cpu");
  });
});
