import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { MLP, Value, zeroGrad } from "../../src/core/autograd/engine";
import { Random } from "../../src/core/random";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("Value by hand (CURRICULUM L2 exercises)", () => {
  it("L = (a*b + c) * f: Karpathy's example", () => {
    const a = new Value(2), b = new Value(-3), c = new Value(10), f = new Value(-2);
    const L = a.mul(b).add(c).mul(f);
    L.backward();
    expect(L.data).toBe(-8);
    expect([a.grad, b.grad, c.grad, f.grad]).toEqual([6, -4, -2, 4]);
  });

  it("a tanh neuron: o = tanh(x1 w1 + x2 w2 + b) = 0.7071", () => {
    const x1 = new Value(2), x2 = new Value(0), w1 = new Value(-3), w2 = new Value(1), b = new Value(6.881373587019543);
    const o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
    o.backward();
    expect(o.data).toBeCloseTo(0.7071, 4);
    expect(w1.grad).toBeCloseTo(1.0, 4);
    expect(x1.grad).toBeCloseTo(-1.5, 4);
    expect(x2.grad).toBeCloseTo(0.5, 4);
    expect(w2.grad).toBeCloseTo(0, 10);
  });

  it("apples with tax (ゼロから作る Deep Learning): 100 × 2 × 1.1 = 220", () => {
    const price = new Value(100), count = new Value(2), tax = new Value(1.1);
    const total = price.mul(count).mul(tax);
    total.backward();
    expect(total.data).toBeCloseTo(220, 10);
    expect(price.grad).toBeCloseTo(2.2, 10);
    expect(count.grad).toBeCloseTo(110, 10);
    expect(tax.grad).toBeCloseTo(200, 10);
  });

  it("σ(1) = 0.7311 and σ'(1) = 0.1966", () => {
    const x = new Value(1);
    const s = x.sigmoid();
    s.backward();
    expect(s.data).toBeCloseTo(0.7311, 4);
    expect(x.grad).toBeCloseTo(0.1966, 4);
  });

  it("a value used twice gets both paths: d(x + x)/dx = 2, and without zeroGrad a second backward doubles it", () => {
    const x = new Value(3);
    const y = x.add(x);
    y.backward();
    expect(x.grad).toBe(2);
    y.backward(); // forgot to zero: grads accumulate
    expect(x.grad).toBe(4);
    zeroGrad(y);
    y.backward();
    expect(x.grad).toBe(2);
  });
});

describe("Value against tf.grads (TF.js cpu as the oracle, as micrograd checks against PyTorch)", () => {
  it("micrograd's README expression: g = 24.7041, a.grad = 138.8338, b.grad = 645.5773", () => {
    // the expression from micrograd's README, written with our ops
    const build = (a: Value, b: Value) => {
      let c = a.add(b);
      let d = a.mul(b).add(b.pow(3));
      c = c.add(c.add(1));
      c = c.add(new Value(1).add(c).add(a.neg()));
      d = d.add(d.mul(2).add(b.add(a).relu()));
      d = d.add(d.mul(3).add(b.sub(a).relu()));
      const e = c.sub(d);
      const f = e.pow(2);
      let g = f.div(2);
      g = g.add(new Value(10).div(f));
      return g;
    };
    const a = new Value(-4), b = new Value(2);
    const g = build(a, b);
    g.backward();
    expect(g.data).toBeCloseTo(24.7041, 4);
    expect(a.grad).toBeCloseTo(138.8338, 4);
    expect(b.grad).toBeCloseTo(645.5773, 4);

    const tfBuild = (ta: tf.Scalar, tb: tf.Scalar) => {
      let c = ta.add(tb);
      let d = ta.mul(tb).add(tb.pow(3));
      c = c.add(c.add(1));
      c = c.add(tf.scalar(1).add(c).sub(ta));
      d = d.add(d.mul(2).add(tb.add(ta).relu()));
      d = d.add(d.mul(3).add(tb.sub(ta).relu()));
      const e = c.sub(d);
      const f = e.pow(2);
      return f.div(2).add(tf.scalar(10).div(f)) as tf.Scalar;
    };
    const [ga, gb] = tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tfBuild(x as tf.Scalar, y as tf.Scalar))([tf.scalar(-4), tf.scalar(2)]).map((t) => t.dataSync()[0]));
    // TF.js computes in float32: agree to float32 precision relative to the magnitude
    expect(Math.abs(a.grad - ga) / Math.abs(ga)).toBeLessThan(1e-5);
    expect(Math.abs(b.grad - gb) / Math.abs(gb)).toBeLessThan(1e-5);
  });

  it("exp, log, tanh, sigmoid gradients equal tf.grad's", () => {
    const x0 = 0.37;
    const ours = (fn: (v: Value) => Value) => {
      const x = new Value(x0);
      fn(x).backward();
      return x.grad;
    };
    const theirs = (fn: (t: tf.Tensor) => tf.Tensor) => tf.tidy(() => tf.grad(fn)(tf.scalar(x0)).dataSync()[0]);
    expect(ours((v) => v.exp().mul(v.log()))).toBeCloseTo(theirs((t) => t.exp().mul(t.log())), 5);
    expect(ours((v) => v.tanh().pow(2))).toBeCloseTo(theirs((t) => t.tanh().square()), 5);
    expect(ours((v) => v.sigmoid().div(v))).toBeCloseTo(theirs((t) => t.sigmoid().div(t)), 4);
  });
});

describe("MLP", () => {
  it("has micrograd's parameter count and learns a tiny dataset", () => {
    const rng = new Random(42);
    const net = new MLP(3, [4, 4, 1], () => rng.next());
    expect(net.parameters().length).toBe(41);
    const xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]];
    const ys = [1, -1, -1, 1];
    const loss = () => xs.reduce<Value>((s, x, i) => s.add(net.call(x)[0].sub(ys[i]).pow(2)), new Value(0));
    const first = loss().data;
    for (let step = 0; step < 50; step++) {
      const l = loss();
      for (const p of net.parameters()) p.grad = 0;
      l.backward();
      for (const p of net.parameters()) p.data -= 0.05 * p.grad;
    }
    expect(loss().data).toBeLessThan(first * 0.1);
  });
});
