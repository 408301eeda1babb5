/**
 * The "Ready for class?" lines on #/device as data: each check's status (ok, bad or pending), the i18n key of its
 * sentence and the values in it. Pure, so Vitest checks the numbers (tests/pwa-status.test.ts); ReadyCheck.tsx
 * only translates and lays them out.
 */
import { roughDuration, runSeconds } from "../lab/presets";
import { formatBytes, type OfflineVerdict } from "./precacheStatus";

/** ok ✓, bad ✗ (the sentence says what to do), pending … (checking), info • (a fact, nothing to do) */
export type Status = "ok" | "bad" | "pending" | "info";
export interface Line {
  status: Status;
  key: string; // under pwa.ready.
  values: Record<string, string | number>;
  /** a run's length, translated by the page as pwa.ready.step.duration.<unit> */
  duration?: { unit: "s" | "min" | "h"; n: number };
}

/**
 * Which backend the lab will use, in the lab's own order of precedence (backendMeasure.ts labBackend): ?backend=,
 * the learner's override, this device's measurement; without any, the worker's default order starts with wasm.
 */
export function backendLine(o: { url?: string; override?: string | null; measured?: string | null; running: boolean; error?: string }): Line {
  if (o.url) return { status: "ok", key: "backend.url", values: { backend: o.url } };
  if (o.override) return { status: "ok", key: "backend.override", values: { backend: o.override } };
  if (o.measured) return { status: "ok", key: "backend.measured", values: { backend: o.measured } };
  if (o.running) return { status: "pending", key: "backend.measuring", values: {} };
  if (o.error) return { status: "bad", key: "backend.failedFix", values: { error: o.error } };
  return { status: "bad", key: "backend.default", values: { backend: "wasm" } };
}

/** A default run (maxIters steps with its evaluations) longer than this is "slow for a class". */
export const SLOW_RUN_SECONDS = 180;

type RunShape = Parameters<typeof runSeconds>[0];

/**
 * The lab step line: measured steps if there are some, else an estimate from the backend probe, else "not timed".
 * Example: 100 ms a step on the projector preset (500 steps, 11 evaluations of 2 × 10 batches at a third of a step)
 * → (500 + 220/3) × 0.1 s = 57.3 s → "about 1 min", ok; 400 ms → 229 s → "4 min", slow (over 180 s).
 */
export function stepLine(o: { shape: RunShape; measured?: { msPerStep: number; steps: number; backend: string } | null; estimateMs?: number; running: boolean; locale?: string }): Line {
  const ms = (x: number) => x.toLocaleString(o.locale ?? "en", { maximumFractionDigits: x < 10 ? 1 : 0 });
  if (o.measured) {
    const seconds = runSeconds(o.shape, o.measured.msPerStep);
    const slow = seconds > SLOW_RUN_SECONDS;
    return {
      status: slow ? "bad" : "ok",
      key: slow ? "step.slow" : "step.measured",
      values: { ms: ms(o.measured.msPerStep), n: o.measured.steps, backend: o.measured.backend },
      duration: roughDuration(seconds),
    };
  }
  if (o.running) return { status: "pending", key: "step.preparing", values: {} };
  if (o.estimateMs !== undefined) return { status: "pending", key: "step.estimate", values: { ms: ms(o.estimateMs) } };
  return { status: "pending", key: "step.none", values: {} };
}

/** The offline line from the service worker's verdict. Example: 119 of 119 files, 35,485,496 bytes → "35.5 MB". */
export function offlineLine(v: OfflineVerdict | null, o: { dev: boolean; locale?: string }): Line {
  const loc = o.locale ?? "en";
  if (o.dev) return { status: "bad", key: "offline.development", values: {} };
  if (!v) return { status: "pending", key: "offline.installing", values: {} };
  switch (v.kind) {
    case "unsupported":
      return { status: "bad", key: "offline.unsupported", values: {} };
    case "failed":
      return { status: "bad", key: "offline.failed", values: { error: v.error } };
    case "installing":
      return { status: "pending", key: "offline.installing", values: {} };
    case "notControlling":
      return { status: "bad", key: "offline.notControlling", values: {} };
    case "incomplete":
      return {
        status: "bad",
        key: "offline.incomplete",
        values: { cached: v.report.cached, total: v.report.total, size: formatBytes(v.report.cachedBytes, loc), totalSize: formatBytes(v.report.totalBytes, loc), missing: v.report.missing.join(", ") + (v.report.total - v.report.cached > v.report.missing.length ? ", …" : "") },
      };
    case "ready":
      return { status: "ok", key: "offline.ready", values: { cached: v.report.cached, total: v.report.total, size: formatBytes(v.report.totalBytes, loc) } };
  }
}
