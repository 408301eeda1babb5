import { describe, expect, it } from "vitest";
import { getLr, presets } from "../../src/core";
import { curve, formatLr, lrAt, presetSchedules, scheduleProblem, type Schedule } from "../../src/widgets/lr-schedule/schedule";

const shakespeare: Schedule = presetSchedules["shakespeare-char"];

describe("cosine is the engine's getLr (nanoGPT's get_lr)", () => {
  it("shakespeare-char: step 50 → 1e-3 · 51/101 = 5.0495e-4; step 2550 → 5.5e-4 (halfway down); step 100 → 1e-3; step 5000+ → 1e-4", () => {
    expect(lrAt("cosine", 50, shakespeare)).toBeCloseTo((1e-3 * 51) / 101, 15);
    expect(formatLr(lrAt("cosine", 50, shakespeare))).toBe("5.05e-4");
    expect(lrAt("cosine", 2550, shakespeare)).toBeCloseTo(5.5e-4, 15);
    expect(lrAt("cosine", 100, shakespeare)).toBeCloseTo(1e-3, 15);
    expect(lrAt("cosine", 5000, shakespeare)).toBeCloseTo(1e-4, 15);
    expect(lrAt("cosine", 7000, shakespeare)).toBe(1e-4);
  });
  it("equals getLr at every step for the engine's own presets", () => {
    for (const name of ["nanogpt-cpu", "shakespeare-char", "projector"] as const) {
      const t = { ...presets[name].train } as { learningRate: number; minLr: number; warmupIters: number; lrDecayIters: number; maxIters: number };
      const s: Schedule = { maxLr: t.learningRate, minLr: t.minLr, warmup: t.warmupIters, decaySteps: t.lrDecayIters, totalSteps: t.maxIters };
      for (let i = 0; i < t.maxIters; i += 7) expect(lrAt("cosine", i, s)).toBe(getLr(i, t));
    }
  });
  it("the shakespeare-char preset matches nanoGPT's config file and the engine's preset", () => {
    const t = presets["shakespeare-char"].train;
    expect(shakespeare).toEqual({ maxLr: t.learningRate, minLr: t.minLr, warmup: t.warmupIters, decaySteps: t.lrDecayIters, totalSteps: t.maxIters });
  });
});

describe("linear-to-zero and constant share the warmup", () => {
  it("linear is halfway at the midpoint and 0 from decaySteps on; constant stays at max lr", () => {
    expect(lrAt("linear", 2550, shakespeare)).toBeCloseTo(5e-4, 15);
    expect(lrAt("linear", 5000, shakespeare)).toBe(0);
    expect(lrAt("constant", 4999, shakespeare)).toBe(1e-3);
    for (const k of ["linear", "constant"] as const) expect(lrAt(k, 50, shakespeare)).toBe(lrAt("cosine", 50, shakespeare));
  });
  it("the curve includes the warmup's end and the decay's end, in order", () => {
    const pts = curve("cosine", { maxLr: 1e-3, minLr: 1e-4, warmup: 100, decaySteps: 2000, totalSteps: 3000 }, 50);
    expect(pts.map((p) => p.step)).toContain(100);
    expect(pts.map((p) => p.step)).toContain(2000);
    expect(pts.find((p) => p.step === 100)!.lr).toBeCloseTo(1e-3, 15);
    expect(pts.every((p, i) => i === 0 || p.step > pts[i - 1].step)).toBe(true);
  });
});

describe("bad schedules are named", () => {
  it.each([
    [{ ...shakespeare, warmup: 5000 }, "warmup 5000 must be below decay steps 5000, or the schedule never decays."],
    [{ ...shakespeare, minLr: 2e-3 }, "min lr 0.002 must be between 0 and max lr 0.001."],
    [{ ...shakespeare, maxLr: 0 }, "max lr must be above 0, got 0."],
  ])("%j", (s, message) => {
    expect(scheduleProblem(s)).toBe(message);
    expect(() => lrAt("cosine", 0, s)).toThrow(message);
  });
  it("formats like the lesson: 5.05e-4, 1.00e-3, 0", () => expect([formatLr(5.0495e-4), formatLr(1e-3), formatLr(0)]).toEqual(["5.05e-4", "1.00e-3", "0"]));
});
