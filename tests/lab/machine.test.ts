import { describe, expect, it } from "vitest";
import { initialLabState, reduce, type Effect, type LabEvent, type LabState } from "../../src/lab/machine";
import type { Reply } from "../../src/workers/protocol";
import type { StoredRun } from "../../src/lab/store";
import { labSchema, type LabSettings } from "../../src/lab/settings";

// The lab's state machine, event by event. Every number below is worked out by hand from the events sent.

const train = { maxIters: 500 } as never; // the machine passes the training settings through untouched
const defaults = Object.fromEntries(Object.entries(labSchema).map(([k, v]) => [k, v.default])) as LabSettings;

/** Feeds events in order; returns the final state and every effect, in order. */
function run(events: LabEvent[], from: LabState = initialLabState): { state: LabState; effects: Effect[] } {
  let state = from;
  const effects: Effect[] = [];
  for (const e of events) {
    const t = reduce(state, e);
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}
const reply = (r: Reply): LabEvent => ({ type: "reply", reply: r, autosaveEvery: 10 });
const ready = (iter = 0): LabEvent => reply({ type: "ready", backend: "wasm", numParams: 1000, vocabSize: 28, trainTokens: 900, valTokens: 100, iter, tokenizerKind: "char" });
const step = (iter: number, loss = 3): LabEvent => reply({ type: "step", iter, loss, lr: 1e-3, gradNorm: 1, ms: 10, tokensPerSec: 100 });
const status = (s: "training" | "paused" | "done", iter: number): LabEvent => reply({ type: "status", status: s, iter });
const checkpoint = (iter: number, reason: "autosave" | "pause" | "download" = "autosave"): LabEvent => reply({ type: "checkpoint", reason, iter, bytes: new Uint8Array([iter]) });
const sends = (effects: Effect[]) => effects.filter((e) => e.type === "send").map((e) => (e as { req: { type: string } }).req.type);

/** Train pressed, the worker built the model and trained `n` steps (0..n-1) */
function training(n: number, extra: LabEvent[] = []) {
  const steps = Array.from({ length: n }, (_, i) => step(i));
  return run([{ type: "trainOrPause", train }, { type: "started", runId: "run-1" }, ready(), status("training", 0), ...steps, ...extra]);
}

describe("lab state machine: the ordinary path", () => {
  it("Train builds (init, then train), and the replies fill the charts", () => {
    const first = reduce(initialLabState, { type: "trainOrPause", train });
    expect(first.effects).toEqual([{ type: "init", thenTrain: true }]);
    const { state } = training(3);
    expect(state.run.status).toBe("training");
    expect(state.run.iter).toBe(3);
    expect(state.run.steps.iter).toEqual([0, 1, 2]);
    expect(state.runId).toBe("run-1");
  });

  it("autosaves every autosaveEvery steps and stores the checkpoint as the last good one", () => {
    const { state, effects } = training(12, [checkpoint(11)]);
    // steps 0..11 with autosaveEvery 10: one autosave request, after step 10
    expect(sends(effects).filter((x) => x === "checkpoint")).toHaveLength(1);
    expect(state.lastGood?.iter).toBe(11);
    expect(effects.filter((e) => e.type === "persist")).toHaveLength(1);
  });

  it("Pause asks the worker to pause; the paused status takes a pause checkpoint; Continue configures then trains", () => {
    const { state, effects } = training(2, [{ type: "trainOrPause", train }, status("paused", 2)]);
    expect(sends(effects).slice(-2)).toEqual(["pause", "checkpoint"]);
    expect(state.run.status).toBe("paused");
    const cont = reduce(state, { type: "trainOrPause", train });
    expect(sends(cont.effects)).toEqual(["configure", "train"]);
  });

  it("Step once is ignored while training, and configures then steps while paused", () => {
    const busy = training(2);
    expect(reduce(busy.state, { type: "step", train }).effects).toEqual([]);
    const paused = run([status("paused", 2)], busy.state);
    expect(sends(reduce(paused.state, { type: "step", train }).effects)).toEqual(["configure", "step"]);
  });

  it("a download checkpoint becomes a file, not the last good state", () => {
    const { state, effects } = training(2, [status("paused", 2), checkpoint(2, "pause"), checkpoint(2, "download")]);
    expect(effects.filter((e) => e.type === "download")).toHaveLength(1);
    expect(state.lastGood?.iter).toBe(2);
  });
});

describe("lab state machine: faults", () => {
  it("a crash while training restarts the worker from the last good checkpoint and trains on; charts rewind", () => {
    const { state, effects } = training(15, [checkpoint(10), reply({ type: "fault", kind: "crash", iter: 15, message: "boom." })]);
    expect(state.run.iter).toBe(10);
    expect(state.run.steps.iter).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(state.faultNote).toEqual({ key: "labUi.faultCrash", values: { iter: 15, from: 10, message: "boom" } });
    const init = effects.find((e) => e.type === "init" && e.recovery) as Extract<Effect, { type: "init" }>;
    expect(init.checkpoint).toEqual(new Uint8Array([10]));
    expect(init.recovery).toEqual({ runId: "run-1", backend: "wasm" });
    expect(init.thenTrain).toBe(true);
    expect(effects.some((e) => e.type === "restartWorker")).toBe(true);
  });

  it("a lost webgl context moves the run to wasm", () => {
    const { state, effects } = training(3, [checkpoint(2), reply({ type: "fault", kind: "backendLost", backend: "webgl", iter: 3, message: "lost." })]);
    const init = effects.find((e) => e.type === "init" && e.recovery) as Extract<Effect, { type: "init" }>;
    expect(init.recovery?.backend).toBe("wasm");
    expect(state.faultNote).toMatchObject({ key: "labUi.faultBackend", values: { lost: "webgl", next: "wasm", from: 2 } });
  });
});

describe("lab state machine: resume and load", () => {
  const stored: StoredRun = {
    id: "run-7",
    createdAt: 7,
    updatedAt: 8,
    settings: defaults,
    state: { ...initialLabState.run, iter: 102, status: "paused" },
    checkpointIter: 102,
    trainSeconds: 60,
  };
  it("Resume builds from the stored checkpoint and shows the stored charts", () => {
    const { state, effects } = run([{ type: "resume", run: stored, checkpoint: new Uint8Array([102]) }]);
    expect(state.run.iter).toBe(102);
    expect(state.run.status).toBe("idle");
    expect(effects).toEqual([{ type: "init", checkpoint: new Uint8Array([102]), restoreRun: stored, thenTrain: false }]);
  });
});

describe("issue 11, item 1: Reset during training", () => {
  it("stops the worker's run (a fresh worker) and returns every panel to fresh", () => {
    const { state } = training(51, [checkpoint(50), reply({ type: "eval", iter: 50, train: 2, val: 2.1 }), { type: "persisted", iter: 50 }]);
    const reset = reduce({ ...state, faultNote: { text: "x" }, inputError: { text: "y" } }, { type: "reset" });
    expect(reset.state).toEqual(initialLabState); // status idle, step 0, no losses, no backend, nothing saved, no notes
    expect(reset.effects).toEqual([{ type: "restartWorker" }, { type: "forgetCurrentRun" }]);
  });
  it("after Reset, Step once and Download do nothing (nothing is built) and Train builds a new run", () => {
    const { state } = training(5);
    const fresh = reduce(state, { type: "reset" }).state;
    expect(reduce(fresh, { type: "step", train }).effects).toEqual([]);
    expect(reduce(fresh, { type: "download" }).effects).toEqual([]);
    expect(reduce(fresh, { type: "trainOrPause", train }).effects).toEqual([{ type: "init", thenTrain: true }]);
  });
});
