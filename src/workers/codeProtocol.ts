/**
 * The typed messages between a lesson page and a code-exercise worker (codePython.worker.ts, codeJs.worker.ts).
 * The page enforces the time limit: it terminates the worker and starts a fresh one for the next run.
 */
import type { CodeLang, RunResult } from "../course/code/values";

export interface CodeAssets {
  pyodide: string; // absolute URL of the folder with pyodide.asm.wasm, python_stdlib.zip, … (ends with "/")
  model: string; // absolute URL of models/moby-char.safetensors
}

export type CodeRequest = { type: "run"; id: number; lang: CodeLang; code: string; tests: string; assets: CodeAssets };

export type CodeReply =
  /** "loading": the runtime is starting (Python: Pyodide, about 10 MB, once); "running": the learner's code runs now. */
  | { type: "status"; id: number; stage: "loading" | "running" }
  | { type: "result"; id: number; result: RunResult }
  /** The runner itself failed (Pyodide could not start, …); the message says why. */
  | { type: "fatal"; id: number; message: string };
