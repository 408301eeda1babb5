/// <reference lib="webworker" />
// The measuring worker: times the training step on each backend it is sent (stepProbe.ts), reporting as it
// goes, so the page that started it can stop it (terminate) when one backend runs past its time cap.
import { wasmPaths } from "./wasmPaths";
import { configureWasm, type Backend } from "../core";
import { timeBackendsHere, type ProbeLimits } from "./stepProbe";
import type { BackendTiming } from "./backendChoice";

export type ProbeRequest = { type: "measure"; backends: Backend[]; limits: ProbeLimits };
export type ProbeReply = { type: "start"; backend: Backend } | { type: "result"; timing: BackendTiming } | { type: "done" };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (r: ProbeReply) => scope.postMessage(r);
configureWasm(wasmPaths);
scope.onmessage = (e: MessageEvent<ProbeRequest>) =>
  void timeBackendsHere(e.data.backends, e.data.limits, { start: (backend) => post({ type: "start", backend }), result: (timing) => post({ type: "result", timing }) }).then(() =>
    post({ type: "done" }),
  );
