import { describe, expect, it } from "vitest";
import { parseExpr, parseValues } from "../../src/core/autograd/expr";
import { centralDifference, engineGradients, errorCurve, plotExponents, relativeError } from "../../src/widgets/framework-check/check";
import { presets } from "../../src/widgets/graph-stepper/presets";

describe("centralDifference", () => {
  it("on x³ at 1 the error is exactly h² (f''' = 6, error = h²·f'''/6): 3.0001 at h = 0.01", () => {
    expect(centralDifference(parseExpr("x^3"), { x: 1 }, "x", 1e-2, "f64")).toBeCloseTo(3.0001, 10);
  });
  it("is exact (to rounding) for L = (a·b + c)·f, which is linear in each variable: ∂b L = -4 (Karpathy's check: -3.99999)", () => {
    const e = parseExpr(presets.abcf.expr), v = parseValues(presets.abcf.values);
    expect(centralDifference(e, v, "b", 1e-4, "f64")).toBeCloseTo(-4, 9);
    // Karpathy's one-sided difference (f(b+h) − f(b))/h with h = 0.0001 gives -3.99999…, still exact in maths.
    expect(Math.abs(centralDifference(e, v, "b", 1e-4, "f32") + 4)).toBeLessThan(1e-2);
  });
  it("in float32, a tiny h is lost in rounding: x + 1e-9 === x, so the difference is 0", () => {
    expect(centralDifference(parseExpr("x*x"), { x: 1 }, "x", 1e-9, "f32")).toBe(0);
    expect(centralDifference(parseExpr("x*x"), { x: 1 }, "x", 1e-9, "f64")).toBeCloseTo(2, 6);
  });
});

describe("the error-vs-h curve is a V, and float32's is far worse at small h", () => {
  const e = parseExpr(presets.tanh.expr), values = parseValues(presets.tanh.values);
  const exact = engineGradients(e, values).grads.w1; // = 1, the hand-worked ∂o/∂w1
  const f64 = errorCurve(e, values, "w1", exact, "f64"), f32 = errorCurve(e, values, "w1", exact, "f32");
  const best = (c: typeof f64) => c.reduce((m, p) => (p.error < m.error ? p : m));
  it("the exact gradient is the hand-worked 1.0", () => expect(exact).toBeCloseTo(1, 12));
  it("float64: truncation error ∝ h² at large h, smallest error far below float32's", () => {
    expect(plotExponents[0]).toBe(-1);
    expect(plotExponents[plotExponents.length - 1]).toBe(-7);
    expect(f64[0].error / f64[4].error).toBeGreaterThan(50); // h ÷ 10 → error ÷ ~100
    expect(best(f64).error).toBeLessThan(1e-8);
  });
  it("float32: the best h is in the middle (the V's bottom), and at h = 1e-7 the error is over 10%", () => {
    const b = best(f32);
    expect(b.log10h).toBeLessThan(-1.5);
    expect(b.log10h).toBeGreaterThan(-5);
    expect(b.error).toBeGreaterThan(best(f64).error * 100);
    expect(f32[f32.length - 1].error).toBeGreaterThan(0.1);
    expect(f32[f32.length - 1].error).toBeGreaterThan(b.error * 1000);
  });
});

describe("relativeError", () => {
  it.each([[1.001, 1, 0.001 / 1.001], [0, 0, 0], [2, -2, 2], [-4, -4, 0]])("(%d, %d) → %d", (a, b, want) => expect(relativeError(a, b)).toBeCloseTo(want, 12));
});
