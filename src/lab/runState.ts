import type { Reply } from "../workers/protocol";

/** Everything the lab shows about a run, built only from worker replies (applyReply is a pure reducer). */
export interface RunState {
  status: "idle" | "preparing" | "ready" | "training" | "paused" | "done" | "error";
  progress?: { phase: string; done: number; total: number };
  backend?: string;
  numParams?: number;
  vocabSize?: number;
  trainTokens?: number;
  valTokens?: number;
  iter: number;
  steps: { iter: number[]; loss: number[]; lr: number[]; gradNorm: number[]; ms: number[]; tokensPerSec: number[] };
  evals: { iter: number[]; train: number[]; val: number[] };
  samples: { iter: number; text: string }[];
  error?: string;
}

export const initialRunState: RunState = {
  status: "idle",
  iter: 0,
  steps: { iter: [], loss: [], lr: [], gradNorm: [], ms: [], tokensPerSec: [] },
  evals: { iter: [], train: [], val: [] },
  samples: [],
};

const MAX_SAMPLES = 20;

export function applyReply(s: RunState, r: Reply): RunState {
  switch (r.type) {
    case "progress":
      return { ...s, status: "preparing", progress: { phase: r.phase, done: r.done, total: r.total } };
    case "ready":
      return {
        ...s,
        status: s.status === "training" ? s.status : "ready",
        progress: undefined,
        error: undefined,
        backend: r.backend,
        numParams: r.numParams,
        vocabSize: r.vocabSize,
        trainTokens: r.trainTokens,
        valTokens: r.valTokens,
        iter: r.iter,
      };
    case "step": {
      const st = s.steps;
      return {
        ...s,
        iter: r.iter + 1,
        steps: {
          iter: [...st.iter, r.iter],
          loss: [...st.loss, r.loss],
          lr: [...st.lr, r.lr],
          gradNorm: [...st.gradNorm, r.gradNorm],
          ms: [...st.ms, r.ms],
          tokensPerSec: [...st.tokensPerSec, r.tokensPerSec],
        },
      };
    }
    case "eval":
      return { ...s, evals: { iter: [...s.evals.iter, r.iter], train: [...s.evals.train, r.train], val: [...s.evals.val, r.val] } };
    case "sample":
      return { ...s, samples: [{ iter: r.iter, text: r.text }, ...s.samples].slice(0, MAX_SAMPLES) };
    case "status":
      return { ...s, status: r.status, iter: r.iter };
    case "error":
      if (r.during === "generate") return s; // the Generate panel shows it beside the prompt; the run is untouched
      if (r.modelKept) return { ...s, error: r.message, progress: undefined }; // the session says where it stands next
      return { ...s, status: "error", error: r.message, progress: undefined };
    case "fault":
      return { ...s, status: "paused", progress: undefined }; // the lab restarts the session and resumes
    default:
      return s; // generation and checkpoint replies are handled by their own panels
  }
}

/** Median ms/step over the last `n` steps (robust to a slow first step that compiles shaders). */
export function recentMsPerStep(s: RunState, n = 20): number | undefined {
  const ms = s.steps.ms.slice(-n).sort((a, b) => a - b);
  return ms.length ? ms[Math.floor(ms.length / 2)] : undefined;
}

/** Seconds left to maxIters at the recent speed. */
export function etaSeconds(s: RunState, maxIters: number): number | undefined {
  const ms = recentMsPerStep(s);
  return ms === undefined ? undefined : Math.max(0, maxIters - s.iter) * ms / 1000;
}

/**
 * The run as it was at step `iter` (a checkpoint's step): the steps, evaluations and samples after it are dropped,
 * because the resumed run will do them again. Example: steps 0..9 and a checkpoint at 6 → steps 0..5 remain.
 */
export function rewindRunState(s: RunState, iter: number): RunState {
  const keep = (its: number[]) => its.filter((i) => i < iter).length; // iterations are increasing
  const n = keep(s.steps.iter), m = keep(s.evals.iter);
  const cut = <T,>(xs: T[], k: number) => xs.slice(0, k);
  return {
    ...s,
    iter,
    steps: { iter: cut(s.steps.iter, n), loss: cut(s.steps.loss, n), lr: cut(s.steps.lr, n), gradNorm: cut(s.steps.gradNorm, n), ms: cut(s.steps.ms, n), tokensPerSec: cut(s.steps.tokensPerSec, n) },
    evals: { iter: cut(s.evals.iter, m), train: cut(s.evals.train, m), val: cut(s.evals.val, m) },
    samples: s.samples.filter((x) => x.iter < iter),
  };
}

const fallbackOrder = ["webgpu", "webgl", "wasm", "cpu"] as const;

/** The backend a run moves to when `lost`'s GPU goes away: the next in webgpu → webgl → wasm → cpu. */
export function nextBackend(lost: string): (typeof fallbackOrder)[number] {
  const i = fallbackOrder.indexOf(lost as (typeof fallbackOrder)[number]);
  return i < 0 ? "wasm" : fallbackOrder[Math.min(i + 1, fallbackOrder.length - 1)];
}
