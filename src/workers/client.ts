import type { Reply, Request } from "./protocol";
import { labErrorEn } from "../i18n/lessons/labErrors";

export interface TrainerClient {
  send(req: Request, transfer?: Transferable[]): void;
  dispose(): void;
  /** "worker", or "main thread" where workers could not start (the same session code, yielding between steps) */
  readonly mode: "worker" | "main thread";
}

/**
 * Starts the training worker; if the browser cannot run module workers, runs the same TrainingSession on the
 * main thread (it awaits a macrotask between steps, so the page still repaints).
 *
 * A worker that dies after it was ready (an uncaught error, an out-of-memory abort) is reported as a "crash"
 * fault, so the page can start a new one and resume from the last checkpoint; one that fails while loading is an
 * init error, since a new one would fail the same way.
 */
export async function createTrainerClient(onReply: (r: Reply) => void): Promise<TrainerClient> {
  try {
    const worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-trainer" });
    let ready = false;
    let iter = 0;
    let dead = false;
    worker.onmessage = (e: MessageEvent<Reply>) => {
      if (dead) return;
      const r = e.data;
      if (r.type === "ready") ready = true;
      if ("iter" in r && typeof r.iter === "number") iter = r.iter;
      onReply(r);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (dead) return;
      if (!ready)
        return onReply(
          e.message
            ? { type: "error", message: labErrorEn("workerFailed", { detail: e.message }), during: "init", code: "workerFailed", values: { detail: e.message } }
            : { type: "error", message: labErrorEn("workerNotLoaded"), during: "init", code: "workerNotLoaded", values: {} },
        );
      dead = true; // whatever it says from here on is not to be trusted: the page replaces it
      worker.terminate();
      onReply({ type: "fault", kind: "crash", iter, message: e.message || labErrorEn("workerStopped") });
    };
    return {
      mode: "worker",
      send: (req, transfer) => worker.postMessage(req, transfer ?? []),
      dispose: () => {
        dead = true;
        worker.terminate();
      },
    };
  } catch {
    const [{ TrainingSession }, { wasmPaths }] = await Promise.all([import("./session"), import("../device/wasmPaths")]);
    let dead = false;
    const session = new TrainingSession((r) => !dead && onReply(r), wasmPaths);
    return {
      mode: "main thread",
      send: (req) => {
        // on the main thread a "crash" would take the page down with it: report the fault instead
        if (req.type === "simulateFault" && req.fault === "crash") onReply({ type: "fault", kind: "crash", iter: 0, message: labErrorEn("simulatedCrashMain") });
        else void session.handle(req);
      },
      dispose: () => {
        dead = true; // from here on it says nothing
        void session.handle({ type: "pause" }); // a running loop stops at its next step; the dispose queued behind it frees the tensors
        void session.handle({ type: "dispose" });
      },
    };
  }
}
