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
    // stored twice: when the model was ready (so the run is listed), and with the checkpoint of step 11
    expect(effects.filter((e) => e.type === "persist")).toEqual([{ type: "persist" }, { type: "persist", checkpoint: { iter: 11, bytes: new Uint8Array([11]) } }]);
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
    expect(state.run.status).toBe("preparing"); // Train waits for the model
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

describe("issue 11, items 2 and 3: Resume and Load set the last good checkpoint", () => {
  const stored: StoredRun = {
    id: "run-7",
    createdAt: 7,
    updatedAt: 8,
    settings: defaults,
    state: { ...initialLabState.run, iter: 102, status: "paused", steps: { iter: [100, 101], loss: [2, 2], lr: [1, 1], gradNorm: [1, 1], ms: [1, 1], tokensPerSec: [1, 1] } },
    checkpointIter: 102,
    trainSeconds: 60,
  };
  const resumedAndTrained = (n: number) =>
    run([
      { type: "resume", run: stored, checkpoint: new Uint8Array([102]) },
      ready(102),
      { type: "trainOrPause", train },
      status("training", 102),
      ...Array.from({ length: n }, (_, i) => step(102 + i)),
    ]);

  it("a crash 12 steps after Resume at 102 restarts from 102 with the resumed bytes, in the same run", () => {
    const before = resumedAndTrained(12);
    expect(before.state.lastGood?.iter).toBe(102);
    const { state, effects } = run([reply({ type: "fault", kind: "crash", iter: 114, message: "boom" })], before.state);
    const init = effects.find((e) => e.type === "init") as Extract<Effect, { type: "init" }>;
    expect(init.checkpoint).toEqual(new Uint8Array([102]));
    expect(init.recovery?.runId).toBe("run-7");
    expect(state.faultNote).toEqual({ key: "labUi.faultCrash", values: { iter: 114, from: 102, message: "boom" } });
    expect(state.run.iter).toBe(102);
    expect(state.run.steps.iter).toEqual([100, 101]); // the stored chart up to the checkpoint, not the 12 lost steps
  });

  it("the resumed checkpoint's bytes are a copy: transferring the init's bytes to the worker cannot empty them", () => {
    const bytes = new Uint8Array([102]);
    const { state } = run([{ type: "resume", run: stored, checkpoint: bytes }]);
    expect(state.lastGood?.bytes).not.toBe(bytes);
    expect(state.saved).toBe(102);
  });

  it("Load sets the file's step as the last good checkpoint; a fault goes back to it", () => {
    const { state, effects } = run([{ type: "load", name: "m.safetensors", bytes: new Uint8Array([40]), step: 40 }, ready(40), reply({ type: "fault", kind: "crash", iter: 41, message: "boom" })]);
    expect(state.lastGood?.iter).toBe(40);
    const inits = effects.filter((e) => e.type === "init") as Extract<Effect, { type: "init" }>[];
    expect(inits[1].checkpoint).toEqual(new Uint8Array([40]));
  });

  it("a NaN after Resume: the worker's error keeps the run (paused at the restored step), and Continue clears the message", () => {
    const before = resumedAndTrained(1);
    const nan = run(
      [
        reply({ type: "error", during: "train", message: "The loss became NaN at step 104 … went back to step 102.", modelKept: true }),
        status("paused", 102),
      ],
      before.state,
    );
    expect(nan.state.run.status).toBe("paused");
    expect(nan.state.run.iter).toBe(102);
    expect(nan.state.run.error).toContain("went back to step 102");
    expect(sends(nan.effects)).toEqual(["checkpoint"]); // the pause checkpoint: of the restored weights, at step 102
    const cont = reduce(nan.state, { type: "trainOrPause", train });
    expect(cont.state.run.error).toBeUndefined();
    expect(sends(cont.effects)).toEqual(["configure", "train"]);
  });

  it("a new run from the form starts with no last good checkpoint (nothing of the resumed run carries over)", () => {
    const before = resumedAndTrained(2);
    const fresh = run([{ type: "reset" }, { type: "trainOrPause", train }], before.state);
    expect(fresh.state.lastGood).toBeNull();
    expect(fresh.state.saved).toBeNull();
  });
});

describe("issue 11, item 5: Load while training", () => {
  it("is refused with the file's name and the reason; the run trains on, untouched", () => {
    const { state } = training(5);
    const t = reduce(state, { type: "load", name: "other.safetensors", bytes: new Uint8Array([1]), step: 0 });
    expect(t.effects).toEqual([]);
    expect(t.state.inputError).toEqual({ key: "labState.loadWhileTraining", values: { name: "other.safetensors" } });
    expect(t.state.run).toBe(state.run);
  });
  it("is refused while a model is being built, and accepted once paused", () => {
    const building = reduce(initialLabState, { type: "build" }).state;
    expect(reduce(building, { type: "load", name: "a", bytes: new Uint8Array([1]), step: 0 }).effects).toEqual([]);
    const paused = training(3, [status("paused", 3)]).state;
    expect(reduce(paused, { type: "load", name: "a", bytes: new Uint8Array([1]), step: 7 }).effects).toEqual([{ type: "init", checkpoint: new Uint8Array([1]), thenTrain: false }]);
  });
});

describe("issue 11, item 6: a Generate error never touches the run", () => {
  it("an error during generate leaves status, steps and losses as they were", () => {
    const { state } = training(10, [status("done", 10)]);
    const after = reduce(state, reply({ type: "error", during: "generate", message: "The prompt cannot be encoded" }));
    expect(after.state.run).toBe(state.run);
    expect(after.effects).toEqual([]);
  });
});

describe("issue 11, item 10: crashes are counted in a window of steps, with a way to continue", () => {
  const crash = (iter: number) => reply({ type: "fault", kind: "crash", iter, message: "boom" });
  it("four crashes far apart (every 150 steps) each restart the worker", () => {
    const { state, effects } = training(1, [crash(150), crash(300), crash(450), crash(600)]);
    expect(state.stalled).toBe(false);
    expect(effects.filter((e) => e.type === "restartWorker")).toHaveLength(4);
    expect(state.crashes).toEqual([600]); // 450 is 150 steps back: outside the window of 100
  });
  it("four crashes within 100 steps stop the restarts; Continue starts a fresh worker from the last good checkpoint", () => {
    const { state, effects } = training(60, [checkpoint(50), crash(55), crash(58), crash(60), crash(61)]);
    expect(effects.filter((e) => e.type === "restartWorker")).toHaveLength(3);
    expect(state.stalled).toBe(true);
    expect(state.faultNote).toEqual({ key: "labState.faultGiveUp", values: { count: 4, window: 100, from: 50, message: "boom" } });
    // stalled: nothing is built, so Step and Download do nothing; Continue (the train button) restarts
    expect(reduce(state, { type: "step", train }).effects).toEqual([]);
    const cont = reduce(state, { type: "trainOrPause", train });
    expect(cont.effects.map((e) => e.type)).toEqual(["restartWorker", "init"]);
    expect((cont.effects[1] as Extract<Effect, { type: "init" }>).checkpoint).toEqual(new Uint8Array([50]));
    expect((cont.effects[1] as Extract<Effect, { type: "init" }>).thenTrain).toBe(true);
    expect(cont.state.stalled).toBe(false);
    expect(cont.state.crashes).toEqual([]);
    expect(cont.state.run.iter).toBe(50);
  });
});

describe("issue 11, item 4: a run is listed from its first step", () => {
  it("the ready reply stores the run (no checkpoint yet), so it is listed before the first autosave", () => {
    const t = reduce(reduce(initialLabState, { type: "started", runId: "run-3" }).state, ready());
    expect(t.effects).toEqual([{ type: "persist" }]);
  });
});

describe("issue 11, item 9: messages", () => {
  it("a storage failure with no message says so instead of showing empty brackets", () => {
    expect(reduce(initialLabState, { type: "storageFailed", message: "" }).state.inputError).toEqual({ key: "labState.storageFailedNoReason" });
    expect(reduce(initialLabState, { type: "storageFailed", message: "QuotaExceededError" }).state.inputError).toEqual({ key: "labUi.storageFailed", values: { message: "QuotaExceededError" } });
  });
});

describe("every message key the lab's state code emits exists in English and Japanese", () => {
  it("keys in machine.ts and useLab.ts resolve to strings", async () => {
    const { readFileSync } = await import("node:fs");
    const { en } = await import("../../src/i18n/en");
    const { ja } = await import("../../src/i18n/ja");
    const lookup = (root: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root);
    const keys = ["src/lab/machine.ts", "src/lab/useLab.ts"].flatMap((f) => [...readFileSync(f, "utf8").matchAll(/key: "([\w.]+)"/g)].map((m) => m[1]));
    expect(keys.length).toBeGreaterThan(8);
    for (const key of keys) {
      expect(typeof lookup(en, key), `en ${key}`).toBe("string");
      expect(typeof lookup(ja, key), `ja ${key}`).toBe("string");
    }
  });
});
