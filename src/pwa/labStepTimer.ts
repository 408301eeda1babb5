/**
 * "How long does a lab step take here?": builds the lab's default run (Moby-Dick, characters, the projector
 * preset, the lab's own defaults and backend choice) in the real training worker, times a few steps and throws the
 * model away. The first step is a warm-up (shader compilation, wasm start-up) and is not counted. The result is kept
 * in localStorage and in a tiny store the device page reads.
 */
import { patchStore, usePatchStore } from "../hooks/patchStore";
import type { Backend } from "../core/backend";
import { labBackend } from "../device/backendMeasure";
import { labSchema, trainFields, type LabSettings } from "../lab/settings";
import { loadJSON, saveJSON } from "../storage";
import { createTrainerClient } from "../workers/client";
import type { Reply } from "../workers/protocol";
import { medianMs } from "./precacheStatus";

/** The timed steps after the warm-up; the page shows "step n of TIMED_STEPS + 1". */
export const TIMED_STEPS = 5;
const TIMEOUT_MS = 180_000;
const KEY = "gpt-dojo:lab-step-timing";

export interface StepTiming {
  backend: Backend;
  msPerStep: number; // median of the timed steps
  firstStepMs: number;
  steps: number;
  date: string; // ISO
}

/** The lab's settings when nothing is in the URL: every field's default (the projector preset, Moby-Dick, characters). */
export function labDefaults(): LabSettings {
  return Object.fromEntries(Object.entries(labSchema).map(([k, spec]) => [k, spec.default])) as LabSettings;
}

export interface TimerState {
  running: boolean;
  phase?: "preparing" | "stepping";
  done: number; // steps finished, warm-up included
  total: number;
  result: StepTiming | null;
  error?: string;
}

function readStored(): StepTiming | null {
  const v = loadJSON<StepTiming | null>(KEY, null);
  return v && typeof v.msPerStep === "number" && typeof v.backend === "string" ? v : null;
}
const store = patchStore<TimerState>({ running: false, done: 0, total: TIMED_STEPS + 1, result: readStored() });
const set = store.set;
export function useStepTimer(): TimerState {
  return usePatchStore(store);
}

let inFlight: Promise<StepTiming> | null = null;

/** Times the lab's default run (or joins the timing already running). */
export function timeLabSteps(): Promise<StepTiming> {
  inFlight ??= (async () => {
    set({ running: true, phase: "preparing", done: 0, error: undefined });
    try {
      const result = await runTiming((done) => set({ phase: "stepping", done }));
      saveJSON(KEY, result);
      set({ result });
      return result;
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      set({ running: false, phase: undefined });
      inFlight = null;
    }
  })();
  return inFlight;
}

async function runTiming(onStep: (done: number) => void): Promise<StepTiming> {
  const s = labDefaults();
  const res = await fetch(`corpora/${s.corpus}.txt`);
  if (!res.ok) throw new Error(`Could not load corpora/${s.corpus}.txt (HTTP ${res.status}).`);
  const text = await res.text();
  const choice = await labBackend();
  let onReply: (r: Reply) => void = () => undefined;
  const client = await createTrainerClient((r) => onReply(r));
  try {
    return await new Promise<StepTiming>((resolve, reject) => {
      const times: number[] = [];
      let backend: Backend = "cpu";
      let first = 0;
      const timer = setTimeout(() => reject(new Error(`The steps did not finish within ${TIMEOUT_MS / 1000} s.`)), TIMEOUT_MS);
      const finish = (f: () => void) => {
        clearTimeout(timer);
        f();
      };
      onReply = (r) => {
        if (r.type === "error" || r.type === "fault") return finish(() => reject(new Error(r.message)));
        if (r.type === "ready") {
          backend = r.backend;
          client.send({ type: "step" });
        } else if (r.type === "step") {
          if (r.iter === 0) first = r.ms;
          else times.push(r.ms);
          onStep(r.iter + 1);
        } else if (r.type === "status" && r.status !== "training") {
          // one step done (its evaluation too, at step 0): the next, or the result
          if (times.length < TIMED_STEPS) client.send({ type: "step" });
          else finish(() => resolve({ backend, msPerStep: medianMs(times), firstStepMs: first, steps: times.length, date: new Date().toISOString() }));
        }
      };
      client.send({
        type: "init",
        text,
        tokenizer: { kind: "char" },
        model: { nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, blockSize: s.blockSize, dropout: s.dropout, bias: s.bias },
        train: Object.fromEntries(trainFields.map((k) => [k, s[k]])) as never,
        sampleEvery: 1_000_000, // no samples: only steps are timed
        backend: choice.forced,
        preferBackend: choice.preferred,
      });
    });
  } finally {
    client.dispose();
  }
}
