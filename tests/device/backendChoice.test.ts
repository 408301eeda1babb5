import { describe, expect, it } from "vitest";
import {
  CHOICE_VERSION,
  chooseBackend,
  deviceFingerprint,
  isValidRecord,
  makeRecord,
  resolveBackend,
  withFirst,
  type BackendTiming,
} from "../../src/device/backendChoice";

const ok = (backend: BackendTiming["backend"], msPerStep: number, software?: boolean): BackendTiming => ({ backend, status: "ok", msPerStep, software });
const failed = (backend: BackendTiming["backend"]): BackendTiming => ({ backend, status: "failed", error: `${backend} could not start` });
const slow = (backend: BackendTiming["backend"], software?: boolean): BackendTiming => ({ backend, status: "slow", software, error: "Stopped after 6 s" });

describe("chooseBackend", () => {
  it("a CPU-only machine: wasm beats SwiftShader WebGPU and WebGL", () => {
    expect(chooseBackend([ok("wasm", 60), ok("webgpu", 900, true), ok("webgl", 380, true), ok("cpu", 300)])).toBe("wasm");
  });
  it("a real GPU: WebGPU beats wasm", () => {
    expect(chooseBackend([ok("webgpu", 5, false), ok("wasm", 60), ok("cpu", 400)])).toBe("webgpu");
  });
  it("a failed backend is never chosen, however fast it claims to be", () => {
    expect(chooseBackend([{ ...failed("webgpu"), msPerStep: 1 }, ok("wasm", 60), ok("cpu", 300)])).toBe("wasm");
    expect(chooseBackend([failed("webgpu"), failed("webgl"), failed("wasm"), ok("cpu", 900)])).toBe("cpu");
  });
  it("every backend failed: no choice", () => {
    expect(chooseBackend([failed("webgpu"), failed("webgl"), failed("wasm"), failed("cpu")])).toBeNull();
    expect(chooseBackend([])).toBeNull();
  });
  it("near-ties (within 10%) go to the preferred backend: hardware GPU > wasm > software GPU > cpu", () => {
    expect(chooseBackend([ok("cpu", 55), ok("wasm", 60)])).toBe("wasm"); // cpu 9% faster: a tie
    expect(chooseBackend([ok("cpu", 50), ok("wasm", 60)])).toBe("cpu"); // 20% faster: cpu wins on speed
    expect(chooseBackend([ok("wasm", 20), ok("webgl", 21, false)])).toBe("webgl"); // hardware GPU
    expect(chooseBackend([ok("wasm", 21), ok("webgl", 20, true)])).toBe("wasm"); // software GPU loses the tie
    expect(chooseBackend([ok("webgl", 10, false), ok("webgpu", 10.5, false)])).toBe("webgpu");
    expect(chooseBackend([ok("webgl", 50, true), ok("webgpu", 50, true)])).toBe("webgl");
  });
  it("a slow backend (stopped at the cap) loses to any that finished, and is chosen only when none did", () => {
    expect(chooseBackend([slow("webgpu", true), ok("cpu", 2000)])).toBe("cpu");
    expect(chooseBackend([slow("webgpu", true), slow("cpu"), failed("wasm")])).toBe("webgpu"); // software GPU ranks above cpu
  });
  it("ignores results without a usable time", () => {
    expect(chooseBackend([{ backend: "webgpu", status: "ok" }, ok("wasm", 60), { backend: "webgl", status: "ok", msPerStep: Number.NaN }])).toBe("wasm");
  });
});

describe("the cached record", () => {
  const fp = deviceFingerprint({ userAgent: "Chrome/156", webgpuAdapter: "google swiftshader", webglRenderer: "ANGLE (SwiftShader)", cores: 2 });
  const results = [ok("wasm", 12.5), ok("cpu", 50), ok("webgl", 75, true), slow("webgpu", true)];
  const record = makeRecord(fp, results, new Date("2026-11-30T08:00:00Z"));

  it("stores the version, fingerprint, date, results and the choice", () => {
    expect(record).toEqual({ version: CHOICE_VERSION, fingerprint: fp, date: "2026-11-30T08:00:00.000Z", results, choice: "wasm" });
    expect(fp).toBe("Chrome/156 | webgpu: google swiftshader | webgl: ANGLE (SwiftShader) | cores: 2");
    expect(deviceFingerprint({ userAgent: "Firefox", cores: 8 })).toBe("Firefox | webgpu: none | webgl: none | cores: 8");
  });
  it("is valid on the same device, also after a JSON round trip (localStorage)", () => {
    expect(isValidRecord(record, fp)).toBe(true);
    expect(isValidRecord(JSON.parse(JSON.stringify(record)), fp)).toBe(true);
  });
  it("is invalid when the fingerprint changes: another browser version, adapter or driver", () => {
    expect(isValidRecord(record, fp.replace("Chrome/156", "Chrome/157"))).toBe(false);
    expect(isValidRecord(record, deviceFingerprint({ userAgent: "Chrome/156", webgpuAdapter: "nvidia ampere", webglRenderer: "ANGLE (SwiftShader)", cores: 2 }))).toBe(false);
  });
  it("is invalid when the format version changes", () => {
    expect(isValidRecord({ ...record, version: CHOICE_VERSION + 1 }, fp)).toBe(false);
    expect(isValidRecord({ ...record, version: undefined }, fp)).toBe(false);
  });
  it("is invalid when malformed: not an object, a bad date, an unknown backend, a choice that failed", () => {
    for (const bad of [null, "wasm", 42, { ...record, date: "yesterday" }, { ...record, results: "none" }, { ...record, results: [{ backend: "metal", status: "ok" }] }, { ...record, choice: "metal" }])
      expect(isValidRecord(bad, fp), JSON.stringify(bad)).toBe(false);
    expect(isValidRecord({ ...record, results: [failed("wasm"), ok("cpu", 50)], choice: "wasm" }, fp)).toBe(false);
  });
  it("a null choice is valid only when every backend failed", () => {
    const none = makeRecord(fp, [failed("webgpu"), failed("webgl"), failed("wasm"), failed("cpu")], new Date("2026-11-30T08:00:00Z"));
    expect(none.choice).toBeNull();
    expect(isValidRecord(none, fp)).toBe(true);
    expect(isValidRecord({ ...record, choice: null }, fp)).toBe(false);
  });
});

describe("who decides", () => {
  it("?backend= over the override over the measured choice over the default order", () => {
    expect(resolveBackend({ url: "webgl", override: "cpu", measured: "wasm" })).toEqual({ backend: "webgl", source: "url" });
    expect(resolveBackend({ override: "cpu", measured: "wasm" })).toEqual({ backend: "cpu", source: "override" });
    expect(resolveBackend({ override: null, measured: "wasm" })).toEqual({ backend: "wasm", source: "measured" });
    expect(resolveBackend({ measured: null })).toEqual({ source: "default" });
  });
  it("withFirst moves a backend to the front of an order", () => {
    expect(withFirst("webgl", ["wasm", "webgl", "cpu"])).toEqual(["webgl", "wasm", "cpu"]);
    expect(withFirst("webgpu", ["wasm", "webgl", "cpu"])).toEqual(["webgpu", "wasm", "webgl", "cpu"]);
    expect(withFirst(undefined, ["wasm", "cpu"])).toEqual(["wasm", "cpu"]);
  });
});
