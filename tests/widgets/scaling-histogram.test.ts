import { describe, expect, it } from "vitest";
import { attentionRow, DK_STEPS, histogram, mean, sampleDots, scaleAll, softmaxTimes, variance, varianceStdError } from "../../src/widgets/scaling-histogram/scaling";

const N = 4000; // the widget's sample size
const SEED = 1;

describe("Var(q·k) = d_k for standard-normal q, k (Vaswani et al. 2017, footnote 4)", () => {
  it.each(DK_STEPS.map((d) => [d]))("d_k = %i: the measured variance is d_k within 4 standard errors; scaled by 1/√d_k it is 1", (dk) => {
    const dots = sampleDots(dk, N, SEED);
    const v = variance(dots);
    expect(Math.abs(v - dk)).toBeLessThan(4 * varianceStdError(dk, N));
    expect(Math.abs(mean(dots))).toBeLessThan(4 * Math.sqrt(dk / N));
    const vs = variance(scaleAll(dots, 1 / Math.sqrt(dk)));
    expect(vs).toBeCloseTo(v / dk, 12);
    expect(Math.abs(vs - 1)).toBeLessThan(4 * varianceStdError(dk, N) / dk);
  });
  it("the seed fixes the sample: d_k = 64, seed 1 measures 65.32 raw and 1.021 scaled (the numbers the browser test expects)", () => {
    const dots = sampleDots(64, N, SEED);
    expect(variance(dots).toFixed(2)).toBe("65.32");
    expect(variance(scaleAll(dots, 1 / 8)).toFixed(3)).toBe("1.021");
    expect(sampleDots(64, N, SEED)).toEqual(dots);
    expect(sampleDots(64, N, 2)).not.toEqual(dots);
  });
  it("the standard error formula: Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = 3d² + 6d for a sum of d products of normals", () => {
    // d = 1: the product of two standard normals has E[(zw)⁴] = 3·3 = 9 = 3 + 6, variance 1, so Var(s²) ≈ 8/n
    expect(varianceStdError(1, 8)).toBe(1);
    expect(varianceStdError(512, 4000)).toBeCloseTo(Math.sqrt((2 * 512 ** 2 + 6 * 512) / 4000), 12);
  });
});

describe("helpers", () => {
  it("variance is the sample variance: [1, 2, 3, 4] → 5/3", () => expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 12));
  it("histogram: ([0, 0.5, 1.5], 0, 2, 2) → [2, 1]; out-of-range values go to the end bins", () => {
    expect(histogram([0, 0.5, 1.5], 0, 2, 2)).toEqual([2, 1]);
    expect(histogram([-5, 5], 0, 2, 2)).toEqual([1, 1]);
  });
  it("refuses bad input, naming the value", () => {
    expect(() => sampleDots(0, 10, 1)).toThrow("d_k must be a whole number ≥ 1, got 0.");
    expect(() => variance([1])).toThrow("got 1");
  });
});

describe("softmax saturates when the scores are large", () => {
  it("softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652], worked by hand: e^k / (e + e² + e³)", () => {
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    const want = [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z];
    expect(want.map((x) => x.toFixed(4))).toEqual(["0.0900", "0.2447", "0.6652"]);
    softmaxTimes(1).forEach((p, i) => expect(p).toBeCloseTo(want[i], 6));
  });
  it("softmax([100, 200, 300]) = [e^−200, e^−100, 1 − …]: all the weight on one token", () => {
    const p = softmaxTimes(100);
    expect(p[2]).toBe(1);
    expect(p[1]).toBeGreaterThan(0); // e^−100 ≈ 3.7e−44: a float32 subnormal, a few per cent off
    expect(p[1] / Math.exp(-100)).toBeCloseTo(1, 1);
    expect(p[0]).toBe(0); // e^−200 ≈ 1.4e−87 is below float32's smallest number
    // ×10: [10, 20, 30] → e^−10 / (1 + e^−10 + e^−20) on the middle token
    expect(softmaxTimes(10)[1]).toBeCloseTo(Math.exp(-10) / (1 + Math.exp(-10) + Math.exp(-20)), 6);
  });
  it("an attention row at d_k = 512, seed 1: unscaled puts 1.0000 on one key, scaled the largest weight is 0.3957", () => {
    const row = attentionRow(512, 8, SEED);
    expect(Math.max(...row.unscaled).toFixed(4)).toBe("1.0000");
    expect(Math.max(...row.scaled).toFixed(4)).toBe("0.3957");
    // hand check of the scaled top weight from the raw scores: e^{s/√512} normalised
    const e = row.raw.map((s) => Math.exp(s / Math.sqrt(512)));
    expect(Math.max(...e) / e.reduce((a, b) => a + b, 0)).toBeCloseTo(0.3957, 4);
    expect(row.scaled.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});
