/// <reference lib="webworker" />
// The training worker: a thin switch from messages to a TrainingSession (session.ts does the work).
import { wasmPaths } from "../device/wasmPaths";
import type { Reply, Request } from "./protocol";
import { TrainingSession } from "./session";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TrainingSession((reply: Reply, transfer?: Transferable[]) => scope.postMessage(reply, transfer ?? []), wasmPaths);
scope.onmessage = (e: MessageEvent<Request>) => void session.handle(e.data);
