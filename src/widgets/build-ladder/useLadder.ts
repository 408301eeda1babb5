import { useEffect, useRef, useState } from "react";
import type { LadderReply, LadderRequest } from "../../workers/ladder.worker";
import { forcedBackend } from "../../device/forcedBackend";
import { applyLadderReply, initialView, startView, type LadderView } from "./ladder";

/** The recorded run that scripts/ladder.ts writes (public/ladder/moby-char.json). */
export interface RecordedLadder {
  vocabSize: number;
  lnVocab: number;
  bigramBaseline: number;
  settings: { train: { maxIters: number; seed: number; batchSize: number; learningRate: number }; model: { nEmbd: number; blockSize: number; nLayer: number; nHead: number } };
  rungs: { id: string; params: number; train: number; val: number; seconds: number }[];
  backend: string;
  date: string;
}

const base = () => import.meta.env.BASE_URL ?? "/";

/** The recorded ladder, fetched once per page. */
let recorded: Promise<RecordedLadder> | null = null;
export function loadRecorded(): Promise<RecordedLadder> {
  recorded ??= fetch(`${base()}ladder/moby-char.json`).then((res) => {
    if (!res.ok) throw new Error(`Could not load ladder/moby-char.json: the server answered ${res.status}.`);
    return res.json() as Promise<RecordedLadder>;
  });
  recorded.catch(() => (recorded = null));
  return recorded;
}

/**
 * Owns the ladder's worker: created on Run, terminated on Reset and on unmount (which frees every tensor in it).
 * Stop asks the worker to stop after its current step; Run again resumes at the first unfinished rung.
 */
export function useLadder() {
  const [view, setView] = useState<LadderView>(initialView);
  const worker = useRef<Worker | null>(null);
  const kill = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => kill, []);

  const run = (steps: number) => {
    const from = view.results.length;
    setView(startView);
    let w = worker.current;
    if (!w) {
      try {
        w = new Worker(new URL("../../workers/ladder.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-ladder" });
      } catch (e) {
        setView((v) => applyLadderReply(v, { type: "error", message: `The ladder's worker could not start: ${(e as Error).message}` }));
        return;
      }
      w.onmessage = (e: MessageEvent<LadderReply>) => setView((v) => applyLadderReply(v, e.data));
      w.onerror = (e) => {
        e.preventDefault();
        kill();
        setView((v) => applyLadderReply(v, { type: "error", message: `The ladder's worker stopped: ${e.message || "it could not load"}.` }));
      };
      worker.current = w;
    }
    const corpusUrl = new URL(`${base()}corpora/moby-dick.txt`, location.href).href; // the worker resolves URLs against its own
    const req: LadderRequest = { type: "run", corpusUrl, steps, from, backend: forcedBackend() };
    w.postMessage(req);
  };
  const stop = () => worker.current?.postMessage({ type: "stop" } satisfies LadderRequest);
  const reset = () => {
    kill();
    setView(initialView);
  };
  return { view, run, stop, reset };
}
