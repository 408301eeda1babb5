import { describe, expect, it } from "vitest";
import { PROBE_MODEL, PROBE_BATCH } from "../../src/device/stepProbe";
import { makeRecord } from "../../src/device/backendChoice";
import { labSchema, type LabSettings } from "../../src/lab/settings";
import { evalCount, estimateRun, flopsPerStep, msPerStepFromProbe, PROBE_FLOPS, presetShape, probeMsFor, roughDuration, runSeconds } from "../../src/lab/presets";

const defaults = Object.fromEntries(Object.entries(labSchema).map(([k, v]) => [k, v.default])) as unknown as LabSettings;

describe("FLOPs per step (nanoGPT's estimate_mfu)", () => {
  it("the probe's tiny model: N = 15,360, 98,304 FLOPs per token, 128 tokens", () => {
    // N: wte 65·32 = 2,080 + wpe 16·32 = 512 + one layer 12,704 + ln_f 64 = 15,360; 6N + 12·1·32·16 = 98,304
    expect(flopsPerStep(PROBE_MODEL, PROBE_BATCH)).toBe(12_582_912);
    expect(PROBE_FLOPS).toBe(98_304 * 128);
  });
  it("agrees with the bench's flopsPerStep (bench/results/2026-11-30T08-20-44-425Z.json, vocabulary 65)", () => {
    const at65 = (name: "projector" | "nanogpt-cpu") => {
      const s = presetShape(name, defaults);
      return flopsPerStep({ ...s, vocabSize: 65 }, s.batchSize, s.gradAccumSteps);
    };
    expect(at65("projector")).toBe(703_463_424);
    expect(at65("nanogpt-cpu")).toBe(4_033_806_336);
  });
});

describe("a run's time from the device's probe", () => {
  it("reproduces the calibration runs within 6%: probe 6.5 ms → projector 94 ms, nanogpt-cpu 340 ms measured", () => {
    const projector = msPerStepFromProbe(6.5, 703_463_424);
    const cpu = msPerStepFromProbe(6.5, 4_033_806_336);
    expect(projector).toBeCloseTo(99.45, 1); // 6.5 · 55.906^0.678
    expect(Math.abs(projector / 94 - 1)).toBeLessThan(0.06);
    expect(Math.abs(cpu / 340 - 1)).toBeLessThan(0.06);
  });
  it("counts evaluations as the session runs them", () => {
    expect(evalCount(500, 50)).toBe(11); // 0, 50, …, 450 and the last step 499
    expect(evalCount(501, 50)).toBe(11); // 0, 50, …, 500: the last step is a multiple
    expect(evalCount(40, 10)).toBe(5); // 0, 10, 20, 30, 39
    expect(evalCount(1, 50)).toBe(1);
  });
  it("the projector preset at 99.45 ms a step: (500 + 11·2·10/3) steps ≈ 57 s, said as “1 min”", () => {
    const s = presetShape("projector", defaults);
    expect(runSeconds(s, 99.45)).toBeCloseTo((500 + 220 / 3) * 0.09945, 6);
    expect(runSeconds(s, 99.45)).toBeCloseTo(57.02, 1);
    const e = estimateRun(s, 65, { probeMs: 6.5 });
    expect(e?.source).toBe("probe");
    expect(e?.seconds).toBeCloseTo(57.02, 1);
    expect(roughDuration(e!.seconds)).toEqual({ unit: "min", n: 1 });
  });
  it("prefers this run's own measured ms per step, and says nothing without a measurement", () => {
    const s = presetShape("nanogpt-cpu", defaults); // 2,000 steps, evaluations at 0, 250, …, 1750 and 1999: 9 of 2·20
    expect(estimateRun(s, 83, { probeMs: 6.5, runMsPerStep: 200 })).toEqual({ seconds: (2000 + 9 * 40 / 3) * 0.2, msPerStep: 200, source: "run" });
    expect(estimateRun(s, 83, {})).toBeNull();
  });
  it("reads the probe's time of the backend in use from the cached record", () => {
    const rec = makeRecord("fp", [
      { backend: "wasm", status: "ok", msPerStep: 6.5 },
      { backend: "webgl", status: "slow" },
      { backend: "cpu", status: "ok", msPerStep: 30 },
    ], new Date(0));
    expect(probeMsFor(rec, "wasm")).toBe(6.5);
    expect(probeMsFor(rec, "cpu")).toBe(30);
    expect(probeMsFor(rec, "webgl")).toBeUndefined();
    expect(probeMsFor(null, "wasm")).toBeUndefined();
  });
  it("rounds as an estimate should be said", () => {
    expect(roughDuration(3)).toEqual({ unit: "s", n: 5 });
    expect(roughDuration(52)).toEqual({ unit: "s", n: 50 });
    expect(roughDuration(130)).toEqual({ unit: "min", n: 2 });
    expect(roughDuration(89 * 60)).toEqual({ unit: "min", n: 89 });
    expect(roughDuration(5900)).toEqual({ unit: "h", n: 1.5 });
  });
});
