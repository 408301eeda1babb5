/// <reference lib="webworker" />
/**
 * Runs Python code exercises in Pyodide (bundled with the site: vite.config.ts copies it into pyodide/). Pyodide
 * starts on the first run; then the network, IndexedDB and Cache Storage are removed from this worker's scope, and
 * the harness blocks `import js` / `pyodide` in learner code. Each run gets a fresh globals dict.
 */
import { loadPyodide, type PyodideInterface } from "pyodide";
import { lockDown } from "../course/code/sandbox";
import { runPython } from "../course/code/pythonHarness";
import type { CodeReply, CodeRequest } from "./codeProtocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: CodeReply) => scope.postMessage(reply);
let python: Promise<PyodideInterface> | undefined;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

scope.onmessage = async (e: MessageEvent<CodeRequest>) => {
  const msg = e.data;
  if (msg.type !== "run") return;
  let py: PyodideInterface;
  try {
    if (!python) {
      post({ type: "status", id: msg.id, stage: "loading" });
      python = loadPyodide({ indexURL: msg.assets.pyodide, packageBaseUrl: msg.assets.pyodide }).then((loaded) => {
        const left = lockDown(scope);
        if (left.length) throw new Error(`Could not remove ${left.join(", ")} from the Python worker; refusing to run code with network access.`);
        if (msg.interrupt) loaded.setInterruptBuffer(msg.interrupt);
        return loaded;
      });
    }
    py = await python;
  } catch (err) {
    python = undefined; // the next Run tries again
    return post({ type: "fatal", id: msg.id, message: `Python could not start: ${message(err)}` });
  }
  try {
    if (msg.interrupt) Atomics.store(msg.interrupt, 0, 0); // a stale interrupt must not stop this run
    post({ type: "status", id: msg.id, stage: "running" });
    post({ type: "result", id: msg.id, result: runPython(py, msg.code, msg.tests) });
  } catch (err) {
    post({ type: "fatal", id: msg.id, message: message(err) });
  }
};
