/**
 * The typed messages between a lesson page and a code-exercise worker (codePython.worker.ts, codeJs.worker.ts).
 * The page enforces the time limit: it terminates the worker and starts a fresh one for the next run.
 */
import type { CodeLang, RunResult } from "../course/code/values";

export interface CodeAssets {
  pyodide: string; // absolute URL of the folder with pyodide.asm.wasm, python_stdlib.zip, … (ends with "/")
  model: string; // absolute URL of models/moby-char.safetensors
}

/**
 * `interrupt` (Python, when the page is cross-origin isolated): a shared Int32Array of length 1. At the time limit
 * the page writes 2 (SIGINT) into it, Python raises KeyboardInterrupt, and the loaded interpreter survives; only
 * when that does not stop the code (a bare `except:` around the loop) is the worker terminated.
 */
export type CodeRequest = { type: "run"; id: number; lang: CodeLang; code: string; tests: string; assets: CodeAssets; interrupt?: Int32Array };

export type CodeReply =
  /** "loading": the runtime is starting (Python: Pyodide, about 14 MB, once); "running": the learner's code runs now. */
  | { type: "status"; id: number; stage: "loading" | "running" }
  | { type: "result"; id: number; result: RunResult }
  /** The runner itself failed (Pyodide could not start, …); the message says why. */
  | { type: "fatal"; id: number; message: string };
