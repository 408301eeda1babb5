/**
 * Cheap checks on a checkpoint file before anything is allocated or compiled from it: the safetensors header
 * is read (never the tensors), the model config must be a size this lab can build, the file must be large enough
 * to hold the weights it claims, and a tokenizer's split pattern must be one the lab knows (a regular expression
 * from a file could backtrack for minutes). Used on the page before a Load, and in the worker before a build.
 * Example: a 256-byte file whose config claims n_layer 1000000 is refused at once with
 * "The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24."
 */
import { readSafetensors } from "../core/safetensors";
import { GPT2_SPLIT_PATTERN, GPT2_SPLIT_PATTERN_JS, GPT4_SPLIT_PATTERN, GPT4_SPLIT_PATTERN_JS } from "../core/tokenizers/regex";

/** What the lab can build, per nanoGPT model arg: [min, max] (the lab form's ranges; GPT-2 medium, 24 × 1024, fits). */
export const CHECKPOINT_LIMITS = {
  n_layer: [1, 24],
  n_head: [1, 32],
  n_embd: [4, 2048],
  block_size: [2, 2048],
  vocab_size: [2, 200_000],
} as const;

export interface CheckpointSummary {
  config: { nLayer: number; nHead: number; nEmbd: number; blockSize: number; vocabSize: number; bias: boolean; dropout: number };
  step?: number;
}

/** The split patterns a checkpoint's BPE tokenizer may carry: GPT-4's and GPT-2's (as minbpe writes them, or in JS form). */
export const KNOWN_SPLIT_PATTERNS: readonly string[] = [GPT4_SPLIT_PATTERN, GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN_JS, GPT2_SPLIT_PATTERN_JS];

const fmt = (x: number) => x.toLocaleString("en-US");

/** Reads and checks the header; throws an Error that names the value and what to do. */
export function checkCheckpointHeader(bytes: Uint8Array): CheckpointSummary {
  // a damaged file: the safetensors reader names what is wrong (it stops at the header, before any tensor)
  const broken = (fallback: string): never => {
    readSafetensors(bytes.slice());
    throw new Error(fallback);
  };
  if (bytes.length < 8) broken(`The file has ${bytes.length} bytes: too short for a .safetensors checkpoint.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) broken(`The file says its header is ${fmt(n)} bytes, but the whole file is ${fmt(bytes.length)}: it is cut off, or not a .safetensors file.`);
  let header: Record<string, unknown> = {};
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    broken(`The file's header is not valid JSON (${(e as Error).message}): it is not a .safetensors checkpoint.`);
  }
  if (header === null || typeof header !== "object") broken("The file's header is not a JSON object: it is not a .safetensors checkpoint.");
  const meta = (header.__metadata__ ?? {}) as Record<string, unknown>;
  if (typeof meta.config !== "string") throw new Error("This file has no __metadata__.config, so the model's shape is unknown: it is not a GPT Dojo or nanoGPT checkpoint.");
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(meta.config) as Record<string, unknown>;
  } catch {
    throw new Error(`__metadata__.config is not valid JSON: ${JSON.stringify(meta.config.slice(0, 80))}.`);
  }
  const num = (key: keyof typeof CHECKPOINT_LIMITS): number => {
    const x = args[key];
    const [lo, hi] = CHECKPOINT_LIMITS[key];
    if (typeof x !== "number" || !Number.isInteger(x)) throw new Error(`The checkpoint's ${key} is ${JSON.stringify(x)}, not a whole number.`);
    if (x < lo || x > hi) throw new Error(`The checkpoint's ${key} is ${fmt(x)}; the lab builds ${key} from ${fmt(lo)} to ${fmt(hi)}. This file cannot be loaded here.`);
    return x;
  };
  const config = {
    nLayer: num("n_layer"),
    nHead: num("n_head"),
    nEmbd: num("n_embd"),
    blockSize: num("block_size"),
    vocabSize: num("vocab_size"),
    bias: args.bias === true,
    dropout: typeof args.dropout === "number" ? args.dropout : 0,
  };
  // the weights alone, in float32: a file smaller than that cannot hold them
  const C = config.nEmbd;
  const weights = (config.vocabSize * C + config.blockSize * C + config.nLayer * 12 * C * C) * 4;
  if (bytes.length - 8 - n < weights)
    throw new Error(
      `The checkpoint claims a model of ${config.nLayer} layers × ${C} wide with a vocabulary of ${fmt(config.vocabSize)}, which needs at least ${fmt(weights)} bytes of weights, but the file holds ${fmt(bytes.length - 8 - n)}. The file is cut off or its config is wrong.`,
    );
  if (typeof meta.tokenizer === "string") checkTokenizerSpec(meta.tokenizer);
  const step = typeof meta.step === "string" ? Number(meta.step) : undefined;
  return { config, step: step !== undefined && Number.isInteger(step) && step >= 0 ? step : undefined };
}

/** A BPE tokenizer's split pattern must be a known one: an arbitrary pattern is never compiled. */
export function checkTokenizerSpec(raw: string): void {
  let spec: { kind?: unknown; pattern?: unknown };
  try {
    spec = JSON.parse(raw) as typeof spec;
  } catch {
    throw new Error(`__metadata__.tokenizer is not valid JSON: ${JSON.stringify(raw.slice(0, 80))}. The file is corrupt.`);
  }
  if (spec.kind === "bpe-regex" && typeof spec.pattern === "string" && !KNOWN_SPLIT_PATTERNS.includes(spec.pattern))
    throw new Error(
      `The checkpoint's tokenizer uses its own split pattern ${JSON.stringify(spec.pattern.slice(0, 60))}${spec.pattern.length > 60 ? "…" : ""}. The lab only runs GPT-4's and GPT-2's patterns: a pattern from a file can take minutes to match. Retrain the tokenizer with one of those.`,
    );
}
