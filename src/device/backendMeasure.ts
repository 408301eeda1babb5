/**
 * The measured backend choice in the page: runs the training-step probe in a worker (the page never waits on
 * it), stops a backend that runs past its time cap, caches the result in localStorage per device fingerprint,
 * and keeps the learner's override. No TF.js is loaded here: the worker has its own copy.
 */
import { patchStore, usePatchStore } from "../hooks/patchStore";
import type { Backend } from "../core/backend";
import { loadJSON, saveJSON } from "../storage";
import { isValidRecord, makeRecord, resolveBackend, deviceFingerprint, type BackendChoiceRecord, type BackendTiming, type BackendSource } from "./backendChoice";
import { readDeviceFacts, type DeviceFacts } from "./facts";
import { forcedBackend } from "./forcedBackend";
import type { ProbeLimits } from "./stepProbe";
import type { ProbeReply, ProbeRequest } from "./stepProbe.worker";

const RECORD_KEY = "gpt-dojo:backend-measurement";
const OVERRIDE_KEY = "gpt-dojo:backend-override";
/** Cheap and reliable first; the software GPUs last, since they are the ones that may run into the cap. */
export const MEASURE_ORDER: readonly Backend[] = ["wasm", "cpu", "webgl", "webgpu"];
/** Per backend, warm-up included: software WebGPU compiles shaders for seconds and is stopped here. */
export const BACKEND_CAP_MS = 6000;
const WORKER_START_MS = 30_000; // loading TF.js into a fresh worker on a slow machine
const LIMITS: ProbeLimits = { maxSteps: 5, timedMs: 1500 };

// ---- device facts and fingerprint (read once per page)

let factsOnce: Promise<DeviceFacts> | null = null;
export function deviceFacts(): Promise<DeviceFacts> {
  factsOnce ??= readDeviceFacts();
  return factsOnce;
}

export function fingerprintOf(f: DeviceFacts): string {
  return deviceFingerprint({ userAgent: navigator.userAgent, webgpuAdapter: f.webgpu.adapter, webglRenderer: f.webgl.renderer, cores: f.hardwareConcurrency });
}

/** The cached measurement if it was made on this device with this format, else null. */
export function loadRecord(fingerprint: string): BackendChoiceRecord | null {
  const r = loadJSON<unknown>(RECORD_KEY, null);
  return isValidRecord(r, fingerprint) ? r : null;
}

// ---- a tiny store: the measurement in progress, the cached record, the override

export interface MeasureState {
  running: boolean;
  current?: Backend; // being timed now
  done: number;
  total: number;
  partial: BackendTiming[]; // this run's results so far
  record?: BackendChoiceRecord | null; // undefined: not read yet; null: none valid for this device
  override: Backend | null;
  error?: string;
}

const isName = (x: unknown): x is Backend => typeof x === "string" && (MEASURE_ORDER as readonly string[]).includes(x);
const store = patchStore<MeasureState>({ running: false, done: 0, total: MEASURE_ORDER.length, partial: [], override: readOverride() });
const set = store.set;

export function useMeasureState(): MeasureState {
  return usePatchStore(store);
}

/** The stored override, read from storage now (for code outside React). */
export function readOverride(): Backend | null {
  const v = loadJSON<unknown>(OVERRIDE_KEY, null);
  return isName(v) ? v : null;
}

/** The learner's "always use this backend" (null: use the measured choice). */
export function setOverride(backend: Backend | null): void {
  saveJSON(OVERRIDE_KEY, backend);
  set({ override: backend });
}

/** Reads the cached record for this device into the store (and returns it). */
export async function refreshRecord(): Promise<BackendChoiceRecord | null> {
  const record = loadRecord(fingerprintOf(await deviceFacts()));
  set({ record, override: readOverride() });
  return record;
}

// ---- measuring

let inFlight: Promise<BackendChoiceRecord> | null = null;

/** Measures every backend (or joins the measurement already running), caches and returns the record. */
export function measureBackends(): Promise<BackendChoiceRecord> {
  inFlight ??= (async () => {
    set({ running: true, done: 0, total: MEASURE_ORDER.length, partial: [], current: undefined, error: undefined });
    try {
      const facts = await deviceFacts();
      const timings = await timeInWorkers(MEASURE_ORDER, (t) => set({ partial: [...store.get().partial, t], done: store.get().done + 1 }), (b) => set({ current: b }));
      const software = (b: Backend) => (b === "webgpu" ? facts.webgpu.software : b === "webgl" ? facts.webgl.software : undefined);
      const results = timings.map((t) => ({ ...t, software: software(t.backend) }));
      const record = makeRecord(fingerprintOf(facts), results, new Date());
      saveJSON(RECORD_KEY, record);
      set({ record });
      return record;
    } catch (e) {
      set({ error: (e as Error).message });
      throw e;
    } finally {
      set({ running: false, current: undefined });
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * Runs the probe in a worker. If a backend runs past BACKEND_CAP_MS the worker is terminated (the only way to
 * stop a step mid-way), the backend is recorded as slow, and a fresh worker goes on with the rest.
 * Without workers it runs on the main thread (stepProbe.ts returns to the page's backend afterwards).
 */
async function timeInWorkers(backends: readonly Backend[], onResult: (t: BackendTiming) => void, onStart: (b: Backend) => void): Promise<BackendTiming[]> {
  const out: BackendTiming[] = [];
  let rest = [...backends];
  const record = (t: BackendTiming) => {
    out.push(t);
    rest = rest.filter((b) => b !== t.backend);
    onResult(t);
  };
  while (rest.length > 0) {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./stepProbe.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-backend-probe" });
    } catch {
      const { timeBackendsHere } = await import("./stepProbe");
      await timeBackendsHere(rest, LIMITS, { start: onStart, result: record });
      break;
    }
    await new Promise<void>((resolve) => {
      let current: Backend | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        clearTimeout(timer);
        worker.terminate();
        resolve();
      };
      const arm = (ms: number, onTimeout: () => void) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          onTimeout();
          finish();
        }, ms);
      };
      arm(WORKER_START_MS, () => record({ backend: rest[0], status: "failed", error: `The measuring worker did not start within ${WORKER_START_MS / 1000} s.` }));
      worker.onmessage = (e: MessageEvent<ProbeReply>) => {
        const r = e.data;
        if (r.type === "start") {
          current = r.backend;
          onStart(r.backend);
          arm(BACKEND_CAP_MS, () => record({ backend: r.backend, status: "slow", error: `Stopped after ${BACKEND_CAP_MS / 1000} s (warm-up included) before ${LIMITS.maxSteps} steps finished.` }));
        } else if (r.type === "result") record(r.timing);
        else finish();
      };
      worker.onerror = (e) => {
        e.preventDefault();
        record({ backend: current ?? rest[0], status: "failed", error: `The measuring worker crashed: ${e.message || "no message"}.` });
        finish();
      };
      worker.postMessage({ type: "measure", backends: rest, limits: LIMITS } satisfies ProbeRequest);
    });
  }
  return out;
}

// ---- the lab's choice

/**
 * What the lab's worker should train on: ?backend= (forced), else the override or the measured choice
 * (preferred: tried first). With neither, this measures first (the lab shows the progress) and uses the
 * result; if measuring fails, the worker keeps its default order.
 */
export async function labBackend(): Promise<{ forced?: Backend; preferred?: Backend; source: BackendSource }> {
  const url = forcedBackend();
  if (url) return { forced: url, source: "url" };
  let record = store.get().override ? null : await refreshRecord();
  if (!store.get().override && !record) record = await measureBackends().catch(() => null);
  const { backend, source } = resolveBackend({ override: store.get().override, measured: record?.choice });
  return { preferred: backend, source };
}

/** Whether the lab should start measuring as soon as it opens (no URL force, no override, nothing cached). */
export async function needsMeasurement(): Promise<boolean> {
  if (forcedBackend() || readOverride()) return false;
  return (await refreshRecord()) === null;
}
