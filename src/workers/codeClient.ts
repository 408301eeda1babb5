/**
 * The page's side of the code-exercise workers: one Python and one JS/TS worker per page, made on the first Run,
 * one run at a time each. The time limit is enforced here, outside the worker: when a run takes longer than its
 * `timeout`, the worker is terminated (an infinite loop cannot block the page) and the next run starts a fresh one.
 * Python on a cross-origin isolated page is interrupted first (KeyboardInterrupt), which keeps Pyodide loaded.
 */
import type { CodeLang, RunResult } from "../course/code/values";
import type { CodeReply, CodeRequest } from "./codeProtocol";
import { codeExerciseEn } from "../i18n/lessons/codeExercise";

export type RunOutcome =
  | { kind: "result"; result: RunResult }
  | { kind: "timeout"; seconds: number; output?: string } // output: what an interrupted Python run printed
  | { kind: "stopped" }
  | { kind: "failed"; message: string };

export type RunStage = "loading" | "running";

/** How long Pyodide (or TF.js) may take to start before the page gives up: a slow phone on a first visit. */
const START_LIMIT_S = 180;
/** After an interrupt, how long Python may take to unwind before its worker is terminated after all. */
const INTERRUPT_GRACE_MS = 1500;

class CodeRunner {
  private worker?: Worker;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private cancel?: () => void;
  private interrupt?: Int32Array; // shared with the current worker (Python, cross-origin isolated pages only)

  constructor(
    private readonly make: () => Worker,
    private readonly interruptible = false,
  ) {}

  run(lang: CodeLang, code: string, tests: string, timeoutS: number, onStage: (s: RunStage) => void): Promise<RunOutcome> {
    const job = this.queue.then(() => this.runNow(lang, code, tests, timeoutS, onStage));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the run in progress (the worker with it). */
  stop() {
    this.cancel?.();
  }

  private runNow(lang: CodeLang, code: string, tests: string, timeoutS: number, onStage: (s: RunStage) => void): Promise<RunOutcome> {
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        if (!this.worker) {
          this.worker = this.make();
          const canShare = this.interruptible && typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated;
          this.interrupt = canShare ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
        }
        worker = this.worker;
      } catch (e) {
        return resolve({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
      }
      const id = this.nextId++;
      const interrupt = this.interrupt;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopping: RunOutcome | undefined; // set once the run is being stopped (time limit or Stop)
      const finish = (outcome: RunOutcome, kill: boolean) => {
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        this.cancel = undefined;
        if (kill) {
          worker.terminate();
          if (this.worker === worker) this.worker = undefined;
        }
        resolve(outcome);
      };
      // Python on an isolated page: raise KeyboardInterrupt and keep the interpreter; otherwise (or if the code
      // swallows the interrupt) terminate the worker.
      const stop = (outcome: RunOutcome) => {
        if (stopping) return;
        stopping = outcome;
        clearTimeout(timer);
        if (!interrupt) return finish(outcome, true);
        Atomics.store(interrupt, 0, 2); // SIGINT
        timer = setTimeout(() => finish(outcome, true), INTERRUPT_GRACE_MS);
      };
      const onMessage = (e: MessageEvent<CodeReply>) => {
        const reply = e.data;
        if (reply.id !== id) return;
        if (stopping) {
          if (reply.type === "result" && stopping.kind === "timeout") finish({ ...stopping, output: reply.result.output }, false);
          else if (reply.type !== "status") finish(stopping, false);
        } else if (reply.type === "status") {
          onStage(reply.stage);
          clearTimeout(timer);
          timer =
            reply.stage === "running"
              ? setTimeout(() => stop({ kind: "timeout", seconds: timeoutS }), timeoutS * 1000)
              : setTimeout(() => finish({ kind: "failed", message: `The ${lang === "python" ? "Python" : "JavaScript"} runner did not start within ${START_LIMIT_S} s.` }, true), START_LIMIT_S * 1000);
        } else if (reply.type === "result") finish({ kind: "result", result: reply.result }, false);
        else finish({ kind: "failed", message: reply.message }, true);
      };
      const onError = (e: ErrorEvent) => {
        e.preventDefault();
        finish({ kind: "failed", message: e.message || codeExerciseEn.own.workerStopped }, true); // the page says it in the reader's language
      };
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      this.cancel = () => stop({ kind: "stopped" });
      timer = setTimeout(() => finish({ kind: "failed", message: `The runner did not answer within ${START_LIMIT_S} s.` }, true), START_LIMIT_S * 1000);
      const request: CodeRequest = {
        type: "run",
        id,
        lang,
        code,
        tests,
        assets: { pyodide: new URL("pyodide/", document.baseURI).href, model: new URL("models/moby-char.safetensors", document.baseURI).href },
        ...(interrupt ? { interrupt } : {}),
      };
      worker.postMessage(request);
    });
  }
}

const runners: Partial<Record<"python" | "js", CodeRunner>> = {};

/** The page's runner for a language (ts and js share the JS worker). */
export function codeRunner(lang: CodeLang): CodeRunner {
  if (lang === "python")
    return (runners.python ??= new CodeRunner(() => new Worker(new URL("./codePython.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-python" }), true));
  return (runners.js ??= new CodeRunner(() => new Worker(new URL("./codeJs.worker.ts", import.meta.url), { type: "module", name: "gpt-dojo-js" })));
}
