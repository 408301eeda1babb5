import type { RungId, RungResult } from "../../core/ladder";
import type { LadderReply } from "../../workers/ladder.worker";

/**
 * BuildLadder's state, framework-free: a pure reducer over the worker's replies (tested without React), and the
 * chart's scale. The worker trains; this only records what it said.
 */

export type Phase = "idle" | "starting" | "running" | "done" | "stopped" | "error";

export interface LadderView {
  phase: Phase;
  backend?: string;
  vocabSize?: number;
  lnVocab?: number;
  baseline?: number; // the counting bigram's validation loss (lesson 3)
  current?: { id: RungId; index: number; step: number; loss: number; smooth: number };
  results: RungResult[];
  error?: string;
}

export const initialView: LadderView = { phase: "idle", results: [] };

/** A start (or a resume after Stop): finished rungs are kept, the one that was stopped starts over. */
export function startView(v: LadderView): LadderView {
  return { ...v, phase: "starting", current: undefined, error: undefined };
}

export function applyLadderReply(v: LadderView, r: LadderReply): LadderView {
  switch (r.type) {
    case "ready":
      return { ...v, phase: "running", backend: r.backend, vocabSize: r.vocabSize, lnVocab: r.lnVocab, baseline: r.baseline };
    case "rung-start":
      return { ...v, current: { id: r.id, index: r.index, step: 0, loss: NaN, smooth: NaN } };
    case "step": {
      const c = v.current && v.current.id === r.id ? v.current : { id: r.id, index: -1, step: 0, loss: NaN, smooth: NaN };
      // an exponential moving average (weight 0.9 on the past) steadies the noisy per-batch loss for the bar
      const smooth = Number.isFinite(c.smooth) ? 0.9 * c.smooth + 0.1 * r.loss : r.loss;
      return { ...v, current: { ...c, step: r.step, loss: r.loss, smooth } };
    }
    case "rung":
      return { ...v, current: undefined, results: [...v.results.filter((x) => x.id !== r.result.id), r.result] };
    case "done":
      return { ...v, phase: "done", current: undefined };
    case "stopped":
      return { ...v, phase: "stopped", current: undefined };
    case "error":
      return { ...v, phase: "error", current: undefined, error: r.message };
  }
}

/**
 * The chart's loss axis: from a little below the lowest loss shown to a little above ln(vocab), in steps of
 * 0.5, so the reference lines and every bar fit. Example: losses 2.1…4.42 → [2, 4.5].
 */
export function lossAxis(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [1.5, 4.5];
  const lo = Math.floor((Math.min(...finite) - 0.1) * 2) / 2;
  const hi = Math.ceil((Math.max(...finite) + 0.05) * 2) / 2;
  return [Math.max(0, lo), hi];
}

/** Where a loss sits on the axis, as a percentage of the track's width (clamped to the track). */
export function toPercent(loss: number, [lo, hi]: [number, number]): number {
  return Math.min(100, Math.max(0, ((loss - lo) / (hi - lo)) * 100));
}
