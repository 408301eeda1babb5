import { describe, expect, it } from "vitest";
import { formatBytes, medianMs, offlineVerdict, summarisePrecache, type PrecacheReport } from "../src/pwa/precacheStatus";
import { backendLine, offlineLine, SLOW_RUN_SECONDS, stepLine } from "../src/pwa/readiness";
import { labDefaults } from "../src/pwa/labStepTimer";
import { runSeconds } from "../src/lab/presets";

describe("summarisePrecache", () => {
  it("counts the files and bytes present (hand-worked)", () => {
    const entries = [
      { url: "a", bytes: 100 },
      { url: "b", bytes: 250 },
      { url: "c", bytes: 50 },
    ];
    expect(summarisePrecache(entries, new Set(["a", "c"]))).toEqual({ total: 3, cached: 2, totalBytes: 400, cachedBytes: 150, missing: ["b"] });
    expect(summarisePrecache(entries, new Set(["a", "b", "c", "not-listed"]))).toEqual({ total: 3, cached: 3, totalBytes: 400, cachedBytes: 400, missing: [] });
  });
  it("names at most five missing files, in order; an entry without a size counts 0 bytes", () => {
    const entries = ["1", "2", "3", "4", "5", "6", "7"].map((url) => ({ url }));
    const r = summarisePrecache(entries, new Set(["3"]));
    expect(r).toEqual({ total: 7, cached: 1, totalBytes: 0, cachedBytes: 0, missing: ["1", "2", "4", "5", "6"] });
  });
});

describe("formatBytes", () => {
  it("decimal units, three significant digits, a no-break space before the unit", () => {
    expect(formatBytes(0)).toBe("0\u00a0B");
    expect(formatBytes(999)).toBe("999\u00a0B");
    expect(formatBytes(1536)).toBe("1.54\u00a0kB");
    expect(formatBytes(35_485_496)).toBe("35.5\u00a0MB");
    expect(formatBytes(312_000_000)).toBe("312\u00a0MB");
    expect(formatBytes(2.5e9)).toBe("2.5\u00a0GB");
    // 999,500 B is 999.5 kB, which would print as "1,000 kB": it moves up to 1 MB
    expect(formatBytes(999_500)).toBe("1\u00a0MB");
    expect(formatBytes(35_485_496, "de")).toBe("35,5\u00a0MB");
    expect(formatBytes(35_485_496, "ja")).toBe("35.5\u00a0MB");
  });
  it("names a bad size", () => {
    expect(() => formatBytes(-1)).toThrow("formatBytes needs a size of 0 bytes or more, got -1.");
    expect(() => formatBytes(NaN)).toThrow("got NaN");
  });
});

describe("medianMs", () => {
  it("middle value, or the mean of the two middle ones", () => {
    expect(medianMs([90, 120, 100])).toBe(100);
    expect(medianMs([4, 1, 3, 2])).toBe(2.5);
    expect(() => medianMs([])).toThrow("medianMs needs at least one step time, got none.");
  });
});

const full: PrecacheReport = { total: 119, cached: 119, totalBytes: 35_485_496, cachedBytes: 35_485_496, missing: [] };
const partial: PrecacheReport = { total: 119, cached: 112, totalBytes: 35_485_496, cachedBytes: 23_000_000, missing: ["pyodide/pyodide.asm.wasm", "a", "b", "c", "d"] };

describe("offlineVerdict", () => {
  it("ready only when active, controlling and every file is cached", () => {
    const base = { supported: true, active: true, controlling: true };
    expect(offlineVerdict({ ...base, report: full })).toEqual({ kind: "ready", report: full });
    expect(offlineVerdict({ ...base, report: partial })).toEqual({ kind: "incomplete", report: partial });
    expect(offlineVerdict({ ...base, report: { ...full, total: 0, cached: 0 } }).kind).toBe("incomplete");
    expect(offlineVerdict({ ...base, report: null }).kind).toBe("installing");
    expect(offlineVerdict({ ...base, controlling: false, report: full }).kind).toBe("notControlling");
    expect(offlineVerdict({ ...base, active: false }).kind).toBe("installing");
    expect(offlineVerdict({ ...base, error: "blocked" })).toEqual({ kind: "failed", error: "blocked" });
    expect(offlineVerdict({ supported: false, active: false, controlling: false }).kind).toBe("unsupported");
  });
});

describe("the Ready for class lines", () => {
  it("offline: counts and sizes in the sentence", () => {
    expect(offlineLine(offlineVerdict({ supported: true, active: true, controlling: true, report: full }), { dev: false })).toEqual({
      status: "ok",
      key: "offline.ready",
      values: { cached: 119, total: 119, size: "35.5\u00a0MB" },
    });
    expect(offlineLine({ kind: "incomplete", report: partial }, { dev: false })).toEqual({
      status: "bad",
      key: "offline.incomplete",
      // 7 missing, 5 named
      values: { cached: 112, total: 119, size: "23\u00a0MB", totalSize: "35.5\u00a0MB", missing: "pyodide/pyodide.asm.wasm, a, b, c, d, …" },
    });
    expect(offlineLine(null, { dev: true }).key).toBe("offline.development");
    expect(offlineLine({ kind: "notControlling" }, { dev: false }).status).toBe("bad");
  });

  it("backend: ?backend= before the override before the measurement", () => {
    expect(backendLine({ url: "cpu", override: "webgl", measured: "wasm", running: false })).toEqual({ status: "ok", key: "backend.url", values: { backend: "cpu" } });
    expect(backendLine({ override: "webgl", measured: "wasm", running: false }).key).toBe("backend.override");
    expect(backendLine({ measured: "wasm", running: true }).values).toEqual({ backend: "wasm" });
    expect(backendLine({ running: true }).status).toBe("pending");
    expect(backendLine({ running: false, error: "no worker" })).toEqual({ status: "bad", key: "backend.failedFix", values: { error: "no worker" } });
    expect(backendLine({ running: false })).toEqual({ status: "bad", key: "backend.default", values: { backend: "wasm" } });
  });

  it("lab step: the default run's length from ms per step (hand-worked)", () => {
    const shape = labDefaults();
    expect([shape.preset, shape.corpus, shape.nLayer, shape.nEmbd, shape.maxIters, shape.evalInterval, shape.evalIters]).toEqual(["projector", "moby-dick", 2, 64, 500, 50, 10]);
    // 500 steps + 11 evaluations × 2 splits × 10 batches / 3 = 573.33 step-equivalents
    expect(runSeconds(shape, 100)).toBeCloseTo(57.333, 3);
    expect(stepLine({ shape, measured: { msPerStep: 100, steps: 5, backend: "wasm" }, running: false })).toEqual({
      status: "ok",
      key: "step.measured",
      values: { ms: "100", n: 5, backend: "wasm" },
      duration: { unit: "min", n: 1 },
    });
    // 400 ms → 229.3 s, over the 180 s a class should wait
    expect(SLOW_RUN_SECONDS).toBe(180);
    expect(stepLine({ shape, measured: { msPerStep: 400, steps: 5, backend: "cpu" }, running: false })).toEqual({
      status: "bad",
      key: "step.slow",
      values: { ms: "400", n: 5, backend: "cpu" },
      duration: { unit: "min", n: 4 },
    });
    // the border: 180 s / 573.33 = 313.95 ms
    expect(stepLine({ shape, measured: { msPerStep: 313.9, steps: 5, backend: "wasm" }, running: false }).status).toBe("ok");
    expect(stepLine({ shape, measured: { msPerStep: 314, steps: 5, backend: "wasm" }, running: false }).status).toBe("bad");
    // 52.1 ms → 29.9 s → "30 s"
    expect(stepLine({ shape, measured: { msPerStep: 52.1, steps: 5, backend: "wasm" }, running: false }).duration).toEqual({ unit: "s", n: 30 });
    expect(stepLine({ shape, estimateMs: 6.54, running: false })).toEqual({ status: "pending", key: "step.estimate", values: { ms: "6.5" } });
    expect(stepLine({ shape, running: true }).key).toBe("step.preparing");
    expect(stepLine({ shape, running: false }).key).toBe("step.none");
  });
});
