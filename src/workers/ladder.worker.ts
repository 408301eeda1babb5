/// <reference lib="webworker" />
// The build-up ladder's worker (lesson 7): trains each rung of src/core/ladder.ts in turn and reports as it
// goes. A thin loop over core calls; between steps it yields to the message queue, so "stop" is heard.
import { wasmPaths } from "../device/wasmPaths";
import { CharTokenizer, configureWasm, selectBackend, splitData, type Backend } from "../core";
import { bigramBaseline, ladderRungs, ladderSettings, trainRung, withSteps, type RungId, type RungResult } from "../core/ladder";

export type LadderRequest =
  | { type: "run"; corpusUrl: string; steps: number; from: number; backend?: Backend; preferBackend?: Backend }
  | { type: "stop" };

export type LadderReply =
  | { type: "ready"; backend: Backend; vocabSize: number; lnVocab: number; baseline: number }
  | { type: "rung-start"; id: RungId; index: number }
  | { type: "step"; id: RungId; step: number; loss: number }
  | { type: "rung"; result: RungResult }
  | { type: "done" }
  | { type: "stopped" }
  | { type: "error"; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (r: LadderReply) => scope.postMessage(r);
const tick = () => new Promise<void>((r) => setTimeout(r, 0));
let stopRequested = false;
let running = false;

async function run(req: Extract<LadderRequest, { type: "run" }>): Promise<void> {
  configureWasm(wasmPaths);
  // these models are tiny: WebAssembly beats a GPU's per-kernel overhead, so it goes first unless forced
  const order: Backend[] = ["wasm", "cpu"];
  const prefer = req.preferBackend && req.preferBackend !== "webgpu" && req.preferBackend !== "webgl" ? req.preferBackend : undefined;
  const { backend } = await selectBackend(req.backend ? { forced: req.backend } : { order: prefer ? [prefer, ...order.filter((b) => b !== prefer)] : order });
  const res = await fetch(req.corpusUrl);
  if (!res.ok) throw new Error(`Could not load ${req.corpusUrl}: the server answered ${res.status}. Reload the page; if it persists, rebuild the site.`);
  const text = await res.text();
  const tok = CharTokenizer.fromText(text);
  const splits = splitData(Uint16Array.from(tok.encode(text)));
  const V = tok.vocabSize;
  post({ type: "ready", backend, vocabSize: V, lnVocab: Math.log(V), baseline: bigramBaseline(splits.train, splits.val, V) });
  const settings = withSteps(ladderSettings, req.steps);
  const rungs = ladderRungs(settings);
  for (let i = req.from; i < rungs.length; i++) {
    post({ type: "rung-start", id: rungs[i].id, index: i });
    const result = await trainRung(rungs[i], settings, splits, V, async (p) => {
      if (p.step % 5 === 0 || p.step === settings.train.maxIters - 1) post({ type: "step", ...p });
      await tick(); // lets a "stop" in
      return !stopRequested;
    }, () => performance.now());
    if (!result) return post({ type: "stopped" });
    post({ type: "rung", result });
  }
  post({ type: "done" });
}

scope.onmessage = (e: MessageEvent<LadderRequest>) => {
  const req = e.data;
  if (req.type === "stop") {
    stopRequested = true;
    if (!running) post({ type: "stopped" });
    return;
  }
  if (running) return post({ type: "error", message: "The ladder is already running: stop it first." });
  stopRequested = false;
  running = true;
  run(req)
    .catch((err: Error) => post({ type: "error", message: err.message }))
    .finally(() => {
      running = false;
    });
};
