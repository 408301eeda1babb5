/**
 * Which backend to train on, decided from a measurement: the ms per step of a tiny real training step on each
 * backend (stepProbe.ts). Pure: no TF.js, no DOM, no storage, so Vitest checks it with hand-made numbers.
 *
 * Example: wasm 60 ms, webgpu on SwiftShader 900 ms, cpu 300 ms → wasm.
 *          webgpu on a real GPU 5 ms, wasm 60 ms → webgpu.
 */
import type { Backend } from "../core/backend";

export interface BackendTiming {
  backend: Backend;
  /** ok: timed; failed: could not start or threw; slow: stopped at the time cap before it finished */
  status: "ok" | "failed" | "slow";
  msPerStep?: number; // median of the timed steps (status ok)
  firstStepMs?: number; // the untimed warm-up step: shader compilation and AdamW's first moments
  steps?: number; // how many steps were timed
  software?: boolean; // a GPU backend on a software adapter (SwiftShader, llvmpipe): emulated on the CPU
  error?: string; // failed: why; slow: which cap it hit
}

/** Two backends within this fraction of the fastest count as a tie; the preference below breaks it. */
export const NEAR_TIE = 0.1;

/**
 * Lower is preferred on a (near) tie: a hardware GPU, then WebAssembly, then a software GPU, then plain JS.
 * A GPU leaves the CPU free and gains most as models grow; a software GPU is the CPU with extra overhead.
 */
export function preferenceRank(t: Pick<BackendTiming, "backend" | "software">): number {
  switch (t.backend) {
    case "webgpu":
      return t.software ? 4 : 0;
    case "webgl":
      return t.software ? 3 : 1;
    case "wasm":
      return 2;
    case "cpu":
      return 5;
  }
}

/**
 * The fastest backend that finished, with near-ties (within NEAR_TIE of the fastest) going to the preferred
 * one. A failed backend is never chosen; a slow one (stopped at the cap) only when nothing finished, and then
 * the most preferred of them. Returns null when every backend failed.
 * Example: cpu 55 ms, wasm 60 ms (9% slower, a near-tie) → wasm.
 */
export function chooseBackend(results: readonly BackendTiming[], nearTie = NEAR_TIE): Backend | null {
  const finished = results.filter((r) => r.status === "ok" && Number.isFinite(r.msPerStep) && (r.msPerStep as number) > 0);
  if (finished.length === 0) {
    const slow = results.filter((r) => r.status === "slow").sort((a, b) => preferenceRank(a) - preferenceRank(b));
    return slow[0]?.backend ?? null;
  }
  const fastest = Math.min(...finished.map((r) => r.msPerStep as number));
  const near = finished.filter((r) => (r.msPerStep as number) <= fastest * (1 + nearTie));
  near.sort((a, b) => preferenceRank(a) - preferenceRank(b) || (a.msPerStep as number) - (b.msPerStep as number));
  return near[0].backend;
}

// ---- the cached record

/** Bump when the probe's model or the record's shape changes: older records are then measured again. */
export const CHOICE_VERSION = 1;

export interface BackendChoiceRecord {
  version: number;
  fingerprint: string; // the browser and its adapters (deviceFingerprint): another device or driver → measure again
  date: string; // ISO time of the measurement
  results: BackendTiming[];
  choice: Backend | null;
}

/**
 * What a measurement depends on: the browser build, the GPU adapters it exposes and the core count.
 * Example: ("Mozilla/5.0 … Chrome/156", "google swiftshader", "ANGLE (… SwiftShader …)", 2)
 *          → "Mozilla/5.0 … Chrome/156 | webgpu: google swiftshader | webgl: ANGLE (… SwiftShader …) | cores: 2"
 */
export function deviceFingerprint(f: { userAgent: string; webgpuAdapter?: string; webglRenderer?: string; cores: number }): string {
  return `${f.userAgent} | webgpu: ${f.webgpuAdapter ?? "none"} | webgl: ${f.webglRenderer ?? "none"} | cores: ${f.cores}`;
}

const BACKEND_NAMES: readonly string[] = ["webgpu", "webgl", "wasm", "cpu"];
const isName = (x: unknown): x is Backend => typeof x === "string" && BACKEND_NAMES.includes(x);

/**
 * Whether a stored record still applies here: the current format, this device's fingerprint, well-formed
 * results, and a choice that is one of the backends that finished (or null when none did).
 * Anything else (another browser version, a new GPU driver, a hand-edited entry) means: measure again.
 */
export function isValidRecord(r: unknown, fingerprint: string): r is BackendChoiceRecord {
  if (!r || typeof r !== "object") return false;
  const rec = r as Partial<BackendChoiceRecord>;
  if (rec.version !== CHOICE_VERSION || rec.fingerprint !== fingerprint) return false;
  if (typeof rec.date !== "string" || Number.isNaN(Date.parse(rec.date))) return false;
  if (!Array.isArray(rec.results) || !rec.results.every((t) => t && isName(t.backend) && ["ok", "failed", "slow"].includes(t.status))) return false;
  if (rec.choice === null) return !rec.results.some((t) => t.status !== "failed");
  return isName(rec.choice) && rec.results.some((t) => t.backend === rec.choice && t.status !== "failed");
}

export function makeRecord(fingerprint: string, results: BackendTiming[], date: Date): BackendChoiceRecord {
  return { version: CHOICE_VERSION, fingerprint, date: date.toISOString(), results, choice: chooseBackend(results) };
}

// ---- what a page or the lab should use

export type BackendSource = "url" | "override" | "measured" | "default";

/**
 * Who decides, highest first: ?backend= in the URL (forced: an error if it cannot start), the learner's
 * stored override, then the measured choice (both tried first, with the usual order behind them), else
 * the caller's default order.
 * Example: ({ url: undefined, override: "cpu", measured: "wasm" }) → { backend: "cpu", source: "override" }
 */
export function resolveBackend(o: { url?: Backend; override?: Backend | null; measured?: Backend | null }): { backend?: Backend; source: BackendSource } {
  if (o.url) return { backend: o.url, source: "url" };
  if (o.override) return { backend: o.override, source: "override" };
  if (o.measured) return { backend: o.measured, source: "measured" };
  return { source: "default" };
}

/** `first` moved to the front of `order` (added if missing). Example: ("webgl", ["wasm", "webgl", "cpu"]) → ["webgl", "wasm", "cpu"] */
export function withFirst(first: Backend | undefined, order: readonly Backend[]): Backend[] {
  return first ? [first, ...order.filter((b) => b !== first)] : [...order];
}
