/**
 * The typed messages between the lab page and its training worker. Tensors never cross this boundary:
 * replies carry numbers, strings and typed arrays (checkpoint bytes are transferred, not copied).
 */
import type { Backend } from "../core/backend";
import type { GPTConfig, TrainConfig } from "../core/config";

export type TokenizerChoice = { kind: "char" } | { kind: "bpe"; vocabSize: number } | { kind: "gpt2" };

export interface GenerateOptions {
  prompt: string;
  maxNewTokens: number;
  temperature: number;
  topK: number; // 0 = off
  topP: number; // 1 = off
  greedy: boolean;
  beamWidth: number; // 1 = sampling / greedy; >1 = beam search
  lengthPenalty: number;
  seed: number;
}

export type Request =
  /** Build the tokenizer and model from a text (or restore them from a checkpoint) on the chosen backend. */
  | { type: "init"; text: string; tokenizer: TokenizerChoice; model: Omit<GPTConfig, "vocabSize">; train: TrainConfig; backend?: Backend; preferBackend?: Backend; checkpoint?: Uint8Array; sampleEvery: number }
  /** New training settings for the next steps (e.g. a lower learningRate after a NaN); the model stays. */
  | { type: "configure"; train: TrainConfig }
  /** Train until maxIters or a pause. */
  | { type: "train" }
  | { type: "pause" }
  | { type: "step" }
  | { type: "generate"; id: number; options: GenerateOptions }
  | { type: "stopGenerate"; id: number }
  /** Serialise weights, optimizer state, tokenizer and config (reply "checkpoint"). */
  | { type: "checkpoint"; reason: "autosave" | "download" | "pause" }
  | { type: "dispose" }
  /** For tests and demos of the recovery paths: "crash" throws an uncaught error in the worker; "backendLost"
   *  really loses the GPU (WEBGL_lose_context on webgl, device.destroy() on webgpu). */
  | { type: "simulateFault"; fault: FaultKind };

/** What can take a run away: the worker itself dies, or the GPU device / WebGL context behind the backend is lost. */
export type FaultKind = "crash" | "backendLost";

export type Reply =
  | { type: "progress"; phase: "tokenizer" | "encode" | "model"; done: number; total: number }
  | { type: "ready"; backend: Backend; numParams: number; vocabSize: number; trainTokens: number; valTokens: number; iter: number; tokenizerKind: string }
  | { type: "step"; iter: number; loss: number; lr: number; gradNorm: number; ms: number; tokensPerSec: number }
  | { type: "eval"; iter: number; train: number; val: number }
  | { type: "sample"; iter: number; text: string }
  | { type: "status"; status: "training" | "paused" | "done"; iter: number }
  | { type: "token"; id: number; text: string; prob: number }
  | { type: "generated"; id: number; stopped: boolean }
  /** the prompt has characters outside a character model's vocabulary (nothing was generated) */
  | { type: "promptRejected"; id: number; unknown: string[]; vocabSize: number }
  | { type: "checkpoint"; reason: "autosave" | "download" | "pause"; iter: number; bytes: Uint8Array }
  /** `modelKept`: the model is still there (e.g. a NaN restored the last checkpoint); a "status" reply follows */
  /** `message` is English; `code` and `values` (src/i18n/lessons/labErrors.ts) let the page say it in the reader's language */
  | { type: "error"; message: string; during: Request["type"]; modelKept?: boolean; code?: string; values?: Record<string, string | number> }
  /** The session cannot go on (the page restarts the worker and resumes from the last checkpoint). */
  | { type: "fault"; kind: FaultKind; backend?: Backend; iter: number; message: string; code?: string; values?: Record<string, string | number> };
