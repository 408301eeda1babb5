import type { Reply, Request } from "./protocol";

export interface TrainerClient {
  send(req: Request, transfer?: Transferable[]): void;
  dispose(): void;
  /** "worker", or "main thread" where workers could not start (the same session code, yielding between steps) */
  readonly mode: "worker" | "main thread";
}

/**
 * Starts the training worker; if the browser cannot run module workers, runs the same TrainingSession on the
 * main thread (it awaits a macrotask between steps, so the page still repaints).
 */
export async function createTrainerClient(onReply: (r: Reply) => void): Promise<TrainerClient> {
  try {
    const worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-trainer" });
    worker.onmessage = (e: MessageEvent<Reply>) => onReply(e.data);
    worker.onerror = (e) => onReply({ type: "error", message: `The training worker failed: ${e.message || "it could not load"}.`, during: "init" });
    return {
      mode: "worker",
      send: (req, transfer) => worker.postMessage(req, transfer ?? []),
      dispose: () => worker.terminate(),
    };
  } catch {
    const [{ TrainingSession }, { wasmPaths }] = await Promise.all([import("./session"), import("../device/wasmPaths")]);
    const session = new TrainingSession((r) => onReply(r), wasmPaths);
    return {
      mode: "main thread",
      send: (req) => void session.handle(req),
      dispose: () => void session.handle({ type: "dispose" }),
    };
  }
}
