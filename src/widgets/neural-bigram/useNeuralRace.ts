import { useCallback, useEffect, useRef, useState } from "react";
import { countsNll } from "../../core/bigram";
import { loadRuntime } from "../../device/backendStore";
import type { BigramData } from "../bigram-heatmap/data";
import { countsTarget, createNeuralBigram, disposeNeuralBigram, neuralBigramProbs, neuralBigramStep, type CountsTarget, type NeuralBigram } from "./neural";

export interface RaceState {
  status: "starting" | "ready" | "error";
  steps: number[]; // x of the loss curve
  losses: number[]; // the network's train NLL (on the real pairs) after each recorded step
  probs: Float32Array | null; // softmax(W), V×V
  error?: string; // TF.js could not start
  diverged?: { step: number; loss: number }; // the loss became NaN or ∞: lr too large
}

export const MAX_STEPS = 5000;
const STARTING: RaceState = { status: "starting", steps: [], losses: [], probs: null };

/**
 * Owns one neural bigram (W on the TF.js backend) and its smoothed-count target: created when the corpus, α or
 * seed changes (or on reset), disposed in the effect's cleanup. step(n) runs n gradient-descent steps, then
 * reads softmax(W) once and records the train NLL; play() repeats that every animation frame until paused.
 */
export function useNeuralRace(data: BigramData | null, alpha: number, lr: number, seed: number) {
  const [generation, setGeneration] = useState(0);
  // subtle: state from an earlier corpus, α, seed or reset is ignored by its key, instead of being cleared by a
  // setState inside the effect (which would render twice)
  const key = `${data?.corpus}|${alpha}|${seed}|${generation}`;
  const [stored, setRun] = useState<RaceState & { key: string }>({ key: "", ...STARTING });
  const run: RaceState = stored.key === key ? stored : STARTING;
  const owned = useRef<{ model: NeuralBigram; target: CountsTarget; step: number } | null>(null);
  const [playingKey, setPlayingKey] = useState<string | null>(null);
  const playing = playingKey === key;
  const setPlaying = useCallback((on: boolean) => setPlayingKey(on ? key : null), [key]);
  const lrRef = useRef(lr);
  useEffect(() => {
    lrRef.current = lr;
  }, [lr]);

  const record = useCallback(
    (o: { model: NeuralBigram; step: number }, reset: boolean, runKey: string) => {
      if (!data) return;
      const probs = neuralBigramProbs(o.model);
      const loss = countsNll(probs, data.train);
      setRun((r) => {
        const steps = reset ? [o.step] : [...r.steps, o.step];
        const losses = reset ? [loss] : [...r.losses, loss];
        if (!Number.isFinite(loss)) return { key: runKey, status: "ready", steps, losses, probs, diverged: { step: o.step, loss } };
        return { key: runKey, status: "ready", steps, losses, probs };
      });
      return Number.isFinite(loss);
    },
    [data],
  );

  useEffect(() => {
    if (!data) return;
    let live = true;
    loadRuntime()
      .then(() => {
        if (!live) return;
        const o = { model: createNeuralBigram(data.V, seed), target: countsTarget(data.train, data.V, alpha), step: 0 };
        owned.current = o;
        record(o, true, key);
      })
      .catch((e: Error) => live && setRun({ key, ...STARTING, status: "error", error: e.message }));
    return () => {
      live = false;
      const o = owned.current;
      owned.current = null;
      if (o) {
        disposeNeuralBigram(o.model);
        o.target.targets.dispose();
      }
    };
  }, [data, alpha, seed, key, record]);

  const step = useCallback(
    (n: number) => {
      const o = owned.current;
      if (!o || o.step >= MAX_STEPS) return false;
      const k = Math.min(n, MAX_STEPS - o.step);
      for (let i = 0; i < k; i++) neuralBigramStep(o.model, o.target, lrRef.current);
      o.step += k;
      return record(o, false, key) && o.step < MAX_STEPS;
    },
    [record, key],
  );

  useEffect(() => {
    if (!playing || !data) return;
    let frame = 0;
    const perFrame = data.V > 40 ? 4 : 10;
    const tick = () => {
      if (step(perFrame)) frame = requestAnimationFrame(tick);
      else setPlayingKey(null);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, step, data]);

  return { run, playing, setPlaying, step, restart: () => setGeneration((g) => g + 1) };
}
