/**
 * The lab's one state machine: (state, event) → { state, effects }. Every way the lab can move (a button, a key,
 * a worker reply, a fault, a Resume or a Load) is an event here, so no panel keeps its own copy of "where the run
 * is". The reducer is pure: it never touches the worker, storage or the DOM; it returns effects, and useLab runs
 * them. Tests drive it event by event (tests/lab/machine.test.ts).
 */
import type { Backend } from "../core/backend";
import type { Reply, Request } from "../workers/protocol";
import type { StoredRun } from "./store";
import { applyReply, initialRunState, nextBackend, rewindRunState, type RunState } from "./runState";

/** A checkpoint's bytes and the step it was taken at. */
export interface Checkpoint {
  iter: number;
  bytes: Uint8Array;
}

/** A message for the learner: an i18n key with its values (the reducer has no translator), or plain text. */
export type Message = { key: string; values?: Record<string, string | number> } | { text: string };

export interface LabState {
  /** what the panels show: status, charts, samples (built from worker replies) */
  run: RunState;
  /** the run being trained (its IndexedDB key), or null before the first build */
  runId: string | null;
  /** the checkpoint a fault goes back to: the newest autosave, or what Resume / Load started from */
  lastGood: Checkpoint | null;
  /** the step of the newest checkpoint stored in this browser */
  saved: number | null;
  /** a problem with the input (text, file, storage), shown above the panels */
  inputError: Message | null;
  /** what a fault did and how the lab recovered */
  faultNote: Message | null;
  /** something the lab changed for the learner (e.g. bad values in the link replaced by defaults) */
  notice: Message | null;
  /** steps at which the worker crashed recently (more than MAX_RESTARTS within CRASH_WINDOW steps: the lab stops) */
  crashes: number[];
  /** the lab stopped restarting a crashing worker: no worker holds the run; Continue starts one from lastGood */
  stalled: boolean;
}

export const initialLabState: LabState = {
  run: initialRunState,
  runId: null,
  lastGood: null,
  saved: null,
  inputError: null,
  faultNote: null,
  notice: null,
  crashes: [],
  stalled: false,
};

/** Crashes within CRASH_WINDOW steps after which the lab stops restarting the worker (something is wrong with this run). */
export const MAX_RESTARTS = 3;
export const CRASH_WINDOW = 100;

/** How the hook builds a session: from the settings, or from a checkpoint (Resume, Load, a fault's recovery). */
export interface InitEffect {
  type: "init";
  checkpoint?: Uint8Array;
  /** Resume: the stored run whose settings and text to use */
  restoreRun?: StoredRun;
  /** after a fault: the same run id, on `backend` */
  recovery?: { runId: string | null; backend?: Backend };
  /** send "train" right after "init" (the worker queues it behind the build) */
  thenTrain: boolean;
}

export type Effect =
  | { type: "send"; req: Request }
  | InitEffect
  /** terminate the worker and start a fresh one (after a fault, or to stop a busy one) */
  | { type: "restartWorker" }
  /** store the run (and the checkpoint, when given) in IndexedDB, then report "persisted" */
  | { type: "persist"; checkpoint?: Checkpoint }
  /** offer the bytes as a .safetensors download */
  | { type: "download"; checkpoint: Checkpoint }
  /** this tab has no current run any more */
  | { type: "forgetCurrentRun" };

export type LabEvent =
  | { type: "build" }
  /** Train, Pause or Continue (the T key): `train` is the training settings as the form has them now */
  | { type: "trainOrPause"; train: Extract<Request, { type: "configure" }>["train"] }
  | { type: "step"; train: Extract<Request, { type: "configure" }>["train"] }
  | { type: "reset" }
  | { type: "download" }
  /** a stored run, with its checkpoint, to continue */
  | { type: "resume"; run: StoredRun; checkpoint: Uint8Array }
  /** a .safetensors file the learner chose (its header already checked): `step` is the step it was saved at */
  | { type: "load"; name: string; bytes: Uint8Array; step: number }
  /** a worker reply; `autosaveEvery` is the form's value now */
  | { type: "reply"; reply: Reply; autosaveEvery: number }
  /** the hook could not start a build (e.g. the built-in corpus did not download) */
  /** the hook sent "init" for this run id */
  | { type: "started"; runId: string }
  | { type: "initFailed"; message: Message }
  | { type: "inputError"; message: Message | null }
  | { type: "persisted"; iter?: number }
  | { type: "storageFailed"; message: string }
  | { type: "notice"; message: Message | null }
  | { type: "dismissFault" };

export interface Transition {
  state: LabState;
  effects: Effect[];
}

/** Built: a model exists in the worker (the form's model fields are locked). */
export function isBuilt(s: LabState): boolean {
  const st = s.run.status;
  return st !== "idle" && st !== "error" && st !== "preparing" && !s.stalled;
}

/** A new run from the form: nothing of an earlier run (its checkpoint, saves, crashes) carries over. */
function fresh(s: LabState): LabState {
  return { ...initialLabState, run: { ...initialRunState, status: "preparing" }, faultNote: s.faultNote, notice: s.notice };
}

/** Leaving the stall: a fresh worker loads the last good checkpoint. */
function restartFromLastGood(s: LabState, thenTrain: boolean): Transition {
  const from = s.lastGood?.iter ?? 0;
  return stay({ ...s, stalled: false, crashes: [], faultNote: null, run: rewindRunState({ ...s.run, status: "paused", error: undefined }, from) }, [
    { type: "restartWorker" },
    { type: "init", checkpoint: s.lastGood?.bytes.slice(), recovery: { runId: s.runId, backend: s.run.backend as Backend | undefined }, thenTrain },
  ]);
}

/** Why a file cannot be loaded now (a run is training or being built), or null: the run is never dropped for it. */
export function loadRefusal(s: LabState, name: string): Message | null {
  return isTraining(s) || s.run.status === "preparing" ? { key: "labState.loadWhileTraining", values: { name } } : null;
}

/** Continue or Step clears the last training error: it was about the steps before. */
const clearError = (s: LabState): LabState => (s.run.error ? { ...s, run: { ...s.run, error: undefined } } : s);

export function isTraining(s: LabState): boolean {
  return s.run.status === "training";
}

const stay = (state: LabState, effects: Effect[] = []): Transition => ({ state, effects });

export function reduce(s: LabState, e: LabEvent): Transition {
  switch (e.type) {
    case "build":
      if (isBuilt(s) || s.run.status === "preparing") return stay(s);
      return stay(fresh(s), [{ type: "init", thenTrain: false }]);
    case "trainOrPause":
      if (isTraining(s)) return stay(s, [{ type: "send", req: { type: "pause" } }]);
      if (s.stalled) return restartFromLastGood(s, true);
      if (s.run.status === "preparing") return stay(s);
      if (isBuilt(s))
        return stay(clearError(s), [
          { type: "send", req: { type: "configure", train: e.train } }, // edits made while paused apply from here on
          { type: "send", req: { type: "train" } },
        ]);
      return stay(fresh(s), [{ type: "init", thenTrain: true }]);
    case "step":
      if (!isBuilt(s) || isTraining(s)) return stay(s);
      return stay(clearError(s), [
        { type: "send", req: { type: "configure", train: e.train } },
        { type: "send", req: { type: "step" } },
      ]);
    case "reset":
      // a fresh worker: the old one may be busy (training, building, encoding) and its last replies are dropped,
      // so nothing of the old run can reach the new one; every panel starts over
      return stay(initialLabState, [{ type: "restartWorker" }, { type: "forgetCurrentRun" }]);
    case "download":
      if (!isBuilt(s) || isTraining(s)) return stay(s);
      return stay(s, [{ type: "send", req: { type: "checkpoint", reason: "download" } }]);
    case "resume": {
      // the resumed checkpoint is the last good state: a fault or a NaN goes back to it, never to step 0
      if (isTraining(s) || s.run.status === "preparing") return stay(s);
      const iter = e.run.checkpointIter ?? e.run.state.iter;
      return stay(
        { ...initialLabState, run: { ...initialRunState, ...e.run.state, status: "preparing", error: undefined }, runId: e.run.id, lastGood: { iter, bytes: e.checkpoint.slice() }, saved: iter },
        [{ type: "init", checkpoint: e.checkpoint, restoreRun: e.run, thenTrain: false }],
      );
    }
    case "load": {
      const refused = loadRefusal(s, e.name);
      if (refused) return stay({ ...s, inputError: refused });
      return stay({ ...initialLabState, run: { ...initialRunState, status: "preparing" }, lastGood: { iter: e.step, bytes: e.bytes.slice() } }, [{ type: "init", checkpoint: e.bytes, thenTrain: false }]);
    }
    case "reply":
      return onReply(s, e.reply, e.autosaveEvery);
    case "started":
      return stay({ ...s, runId: e.runId });
    case "initFailed":
      return stay({ ...s, run: s.run.status === "preparing" ? { ...s.run, status: "idle" } : s.run, inputError: e.message });
    case "inputError":
      return stay({ ...s, inputError: e.message });
    case "persisted":
      return stay(e.iter === undefined ? s : { ...s, saved: e.iter });
    case "storageFailed":
      return stay({ ...s, inputError: e.message.trim() ? { key: "labUi.storageFailed", values: { message: e.message } } : { key: "labState.storageFailedNoReason" } });
    case "notice":
      return stay({ ...s, notice: e.message });
    case "dismissFault":
      return stay({ ...s, faultNote: null });
  }
}

function onReply(s: LabState, r: Reply, autosaveEvery: number): Transition {
  if (r.type === "fault") return onFault(s, r);
  const run = applyReply(s.run, r);
  const next: LabState = { ...s, run };
  const effects: Effect[] = [];
  if (r.type === "checkpoint") {
    const checkpoint = { iter: r.iter, bytes: r.bytes };
    if (r.reason === "download") effects.push({ type: "download", checkpoint });
    else {
      next.lastGood = { iter: r.iter, bytes: r.bytes.slice() }; // a fault resumes from here
      effects.push({ type: "persist", checkpoint });
    }
  }
  // a run is listed (and stored) from the moment its model exists, before its first autosave
  if (r.type === "ready") effects.push({ type: "persist" });
  // autosave every autosaveEvery steps, and when training pauses or ends
  if (r.type === "step" && r.iter > 0 && r.iter % autosaveEvery === 0) effects.push({ type: "send", req: { type: "checkpoint", reason: "autosave" } });
  if (s.run.status === "training" && (run.status === "paused" || run.status === "done")) effects.push({ type: "send", req: { type: "checkpoint", reason: "pause" } });
  return stay(next, effects);
}

/**
 * A crashed worker or a lost GPU: a fresh worker takes over (on the next backend when the GPU was lost), loads
 * the last good checkpoint and, if the run was training, trains on. The charts rewind to that step.
 */
function onFault(s: LabState, r: Extract<Reply, { type: "fault" }>): Transition {
  const wasTraining = s.run.status === "training";
  const from = s.lastGood?.iter ?? 0;
  const backend = s.run.backend as Backend | undefined;
  const next = r.kind === "backendLost" ? nextBackend(r.backend ?? backend ?? "webgl") : backend;
  const message = r.message.replace(/\.$/, ""); // the templates close the sentence
  if (r.kind === "crash") {
    const crashes = [...s.crashes.filter((it) => it > r.iter - CRASH_WINDOW), r.iter];
    if (crashes.length > MAX_RESTARTS)
      return stay({ ...s, run: { ...applyReply(s.run, r), iter: s.run.iter }, crashes, stalled: true, faultNote: { key: "labState.faultGiveUp", values: { count: crashes.length, window: CRASH_WINDOW, from, message } } });
    s = { ...s, crashes };
  }
  const faultNote: Message =
    r.kind === "crash"
      ? { key: "labUi.faultCrash", values: { iter: r.iter, from, message } }
      : { key: "labUi.faultBackend", values: { iter: r.iter, from, lost: r.backend ?? "?", next: next ?? "?", message: r.message } };
  return stay({ ...s, run: rewindRunState({ ...s.run, status: "paused", progress: undefined }, from), faultNote }, [
    { type: "restartWorker" },
    { type: "init", checkpoint: s.lastGood?.bytes.slice(), recovery: { runId: s.runId, backend: next }, thenTrain: wasTraining },
  ]);
}
