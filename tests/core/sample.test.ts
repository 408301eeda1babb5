import { describe, expect, it } from "vitest";
import { argmax, entropy, filterTopK, filterTopP, logSoftmax, pickToken, sampleFrom, softmax, tokenDistribution } from "../../src/core/sample";
import { Random } from "../../src/core/random";

/** Element-wise |actual − expected| < tol, naming the index that differs. */
const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(Math.abs(actual[i] - x), `index ${i}: ${actual[i]} vs ${x}`).toBeLessThan(tol));
};
const allFinite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

/** A stand-in for Random whose next() always returns u, to pin the inverse-CDF arithmetic. */
const fixed = (u: number) => ({ next: () => u }) as unknown as Random;

describe("softmax", () => {
  it("matches the hand-worked softmax([1, 2, 3])", () => {
    // exp(-2), exp(-1), exp(0) = 0.1353353, 0.3678794, 1; their sum is 1.5032147
    close(softmax([1, 2, 3]), [0.09003057, 0.24472847, 0.66524096]);
    close(softmax(Float32Array.from([1, 2, 3])), [0.09003057, 0.24472847, 0.66524096]);
  });

  it("divides by the temperature: softmax([0, ln 4], 2) = [1/3, 2/3]", () => {
    close(softmax([0, Math.log(4)], 2), [1 / 3, 2 / 3]); // ln 4 / 2 = ln 2, so the odds are 1 : 2
  });

  it("is one-hot at temperature 1e-6, 1e-30 and 0, with no NaN or Infinity", () => {
    const exact = (a: Float32Array) => Array.from(a);
    expect(exact(softmax([1, 2, 3], 1e-6))).toEqual([0, 0, 1]);
    expect(exact(softmax([5, 4], 1e-30))).toEqual([1, 0]);
    expect(exact(softmax([1, 3, 3], 0))).toEqual([0, 1, 0]); // greedy ties go to the lowest index
    expect(exact(softmax([1, 3, 2], -1))).toEqual([0, 1, 0]); // temperature < 0 is greedy too
    expect(exact(softmax([3, 3, 1], 1e-6))).toEqual([0.5, 0.5, 0]); // tied maxima share, in the limit
    for (const t of [1e-6, 1e-30, 0]) expect(allFinite(softmax([1, 2, 3], t)), `temperature ${t}`).toBe(true);
  });

  it("is stable at huge logits and handles -Infinity (masked) and +Infinity", () => {
    close(softmax([1000, 1000, -1000]), [0.5, 0.5, 0]);
    close(softmax([-1e30, 0]), [0, 1]);
    close(softmax([0, -Infinity, 0]), [0.5, 0, 0.5]);
    close(softmax([Infinity, 0, Infinity]), [0.5, 0, 0.5]);
  });

  it("names what is wrong with bad input", () => {
    expect(() => softmax([1, NaN])).toThrow("softmax: logit 1 is NaN.");
    expect(() => softmax([-Infinity, -Infinity])).toThrow("softmax: all 2 logits are -Infinity, so no token is possible.");
    expect(() => softmax([])).toThrow("softmax needs at least one logit, got an empty array.");
    expect(() => softmax([1, 2], NaN)).toThrow("temperature must be a finite number (≤ 0 means greedy), got NaN.");
  });
});

describe("logSoftmax", () => {
  it("is log(softmax), hand-worked: z − 3 − ln 1.5032147", () => {
    close(logSoftmax([1, 2, 3]), [-2.40760596, -1.40760596, -0.40760596], 1e-7);
    close(logSoftmax([1000, 1000, 0]), [Math.log(0.5), Math.log(0.5), -1000 - Math.log(2)], 1e-9);
  });
  it("is 0 at the argmax and -Infinity elsewhere at temperature 0", () => {
    expect(Array.from(logSoftmax([1, 3, 3], 0))).toEqual([-Infinity, 0, -Infinity]);
  });
});

describe("argmax and entropy", () => {
  it("argmax takes the lowest index on ties", () => {
    expect(argmax([1, 3, 3])).toBe(1);
    expect(argmax(Float32Array.from([-5, -1, -1, -7]))).toBe(1);
    expect(() => argmax([])).toThrow(/empty array/);
  });
  it("entropy in nats: ln 2 for a coin, ln 4 for a fair 4-way choice, 0 for a certainty", () => {
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 12);
    expect(entropy([0, 1, 0])).toBe(0);
  });
});

describe("filterTopK", () => {
  it("keeps the k largest, renormalised", () => {
    close(filterTopK([0.1, 0.5, 0.15, 0.25], 2), [0, 0.5 / 0.75, 0, 0.25 / 0.75]);
  });
  it("keeps the lowest indices on a tie at the boundary", () => {
    close(filterTopK([0.3, 0.2, 0.3, 0.2], 1), [1, 0, 0, 0]);
    close(filterTopK([0.4, 0.2, 0.2, 0.2], 2), [2 / 3, 1 / 3, 0, 0]);
  });
  it("leaves the distribution unchanged for k ≤ 0 or k ≥ n", () => {
    for (const k of [0, -1, 4, 10]) close(filterTopK([0.1, 0.5, 0.15, 0.25], k), [0.1, 0.5, 0.15, 0.25]);
  });
  it("rejects a fractional k, naming it", () => {
    expect(() => filterTopK([0.5, 0.5], 1.5)).toThrow("topK must be a whole number (0 = off), got 1.5.");
  });
});

describe("filterTopP", () => {
  it("keeps the smallest nucleus reaching p (hand-worked)", () => {
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 0.8), [0.625, 0.375, 0, 0]); // 0.5 + 0.3 = 0.8 reaches 0.8
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 0.81), [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]); // needs the third
    close(filterTopP([0.05, 0.15, 0.3, 0.5], 0.8), [0, 0, 0.375, 0.625]); // sorted by probability, not position
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 0.01), [1, 0, 0, 0]); // always at least one token
    close(filterTopP([0.5, 0.3, 0.15, 0.05], 1), [0.5, 0.3, 0.15, 0.05]);
  });
  it("counts a float32 total a hair below p as reaching it", () => {
    // in float32, 0.7 + 0.1 = 0.69999999 + 0.10000000 = 0.79999999 < 0.8
    close(filterTopP(Float32Array.from([0.7, 0.1, 0.1, 0.1]), 0.8), [0.875, 0.125, 0, 0]);
  });
  it("rejects p outside (0, 1], naming it", () => {
    expect(() => filterTopP([1], 1.5)).toThrow("topP must be in (0, 1], got 1.5.");
    expect(() => filterTopP([1], 0)).toThrow("topP must be in (0, 1], got 0.");
    expect(() => filterTopP([0.5, -0.5], 0.5)).toThrow("filterTopP: probability 1 is -0.5; probabilities must be finite and ≥ 0.");
  });
});

describe("tokenDistribution", () => {
  it("chains temperature, top-k and top-p, and marks what the filters removed (hand-worked)", () => {
    // softmax([3, 1, 2, 0]); top-k 3 drops token 3, leaving softmax([3, 1, 2]) = [0.66524096, 0.09003057, 0.24472847];
    // top-p 0.7 then needs 0.665 + 0.245 = 0.910: tokens 0 and 2, renormalised to [e/(e+1), 1/(e+1)] = [0.7310586, 0.2689414]
    const { probs, kept } = tokenDistribution([3, 1, 2, 0], { topK: 3, topP: 0.7 });
    close(probs, [0.7310586, 0, 0.2689414, 0]);
    expect(kept).toEqual([true, false, true, false]);
    expect(tokenDistribution([3, 1, 2], { topK: 2 }).kept).toEqual([true, false, true]);
  });
  it("greedy keeps only the argmax", () => {
    const { probs, kept } = tokenDistribution([0.2, 1.5, -3], { greedy: true, temperature: 2 });
    expect(Array.from(probs)).toEqual([0, 1, 0]);
    expect(kept).toEqual([false, true, false]);
  });
  it("a probability that underflows to 0 is still 'kept': no filter removed it", () => {
    const { probs, kept } = tokenDistribution([0, -200], {});
    expect(Array.from(probs)).toEqual([1, 0]);
    expect(kept).toEqual([true, true]);
  });
});

describe("sampleFrom and pickToken", () => {
  it("inverts the CDF: u = 0.5 over [0.25, 0, 0.75] lands on token 2", () => {
    expect(sampleFrom([0.25, 0, 0.75], fixed(0.5))).toBe(2);
    expect(sampleFrom([0.25, 0, 0.75], fixed(0.2))).toBe(0);
  });
  it("never returns a token of probability 0, even when u falls in the rounding gap", () => {
    const top = 1 - 2 ** -32; // the largest value Random.next() returns
    expect(sampleFrom([0.5, 0.5, 0], fixed(top))).toBe(1);
    expect(sampleFrom(Float32Array.from([0.3, 0.3, 0.3999999, 0]), fixed(top))).toBe(2);
    expect(sampleFrom([0, 0.5, 0.5], fixed(0))).toBe(1);
    expect(() => sampleFrom([0, 0], fixed(0.5))).toThrow("Cannot sample: all 2 probabilities are 0.");
  });
  it("top-k 1 equals greedy, at any temperature", () => {
    const rng = new Random(1);
    for (let trial = 0; trial < 50; trial++) {
      const logits = rng.normalArray(20, 0, 3);
      for (const temperature of [0.5, 1, 2.5]) expect(pickToken(logits, { topK: 1, temperature }, rng).id).toBe(argmax(logits));
    }
  });
  it("greedy and temperature 0 return the argmax and draw no random number", () => {
    const rng = new Random(5);
    expect(pickToken([0.3, 2.5, -1, 2.4], { greedy: true }, rng).id).toBe(1);
    expect(pickToken([0.3, 2.5, -1, 2.4], { temperature: 0 }, rng).id).toBe(1);
    expect(rng.next()).toBe(new Random(5).next());
  });
  it("a seed replays the same tokens", () => {
    const run = (seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 200 }, (_, i) => pickToken([Math.sin(i), 0.5, Math.cos(i), -1], { temperature: 0.9, topP: 0.95 }, rng).id);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
  it("10,000 seeded draws follow the probabilities (chi-square below its 0.1% critical value)", () => {
    const probs = [0.1, 0.2, 0.3, 0.4];
    const rng = new Random(2024);
    const n = 10000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[sampleFrom(probs, rng)]++;
    const chi2 = counts.reduce((s, c, i) => s + (c - n * probs[i]) ** 2 / (n * probs[i]), 0);
    expect(chi2, `counts ${counts.join(", ")}`).toBeLessThan(16.27); // chi-square, 3 degrees of freedom, p = 0.001
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
  });
});
