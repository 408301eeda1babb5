/**
 * Cheap checks on a checkpoint file before anything is allocated or compiled from it: the safetensors header
 * is read (never the tensors), the model config must be a size this lab can build, the file must be large enough
 * to hold the weights it claims, and a tokenizer's split pattern must be one the lab knows (a regular expression
 * from a file could backtrack for minutes). Used on the page before a Load, and in the worker before a build.
 * Example: a 256-byte file whose config claims n_layer 1000000 is refused at once with
 * "The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24."
 */
import { readSafetensors } from "../core/safetensors";
import { DojoError } from "../core/errors";
import { labErrorEn, type LabErrorCode } from "../i18n/lessons/labErrors";
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

/** An error with its code and values (src/i18n/lessons/labErrors.ts), English message included. */
const fail = (code: LabErrorCode, values: Record<string, string | number> = {}) => new DojoError(code, values, labErrorEn(code, values));

/** Reads and checks the header; throws an Error that names the value and what to do. */
export function checkCheckpointHeader(bytes: Uint8Array): CheckpointSummary {
  // a damaged file: the safetensors reader names what is wrong (it stops at the header, before any tensor)
  const broken = (fallback: DojoError): never => {
    readSafetensors(bytes.slice());
    throw fallback;
  };
  if (bytes.length < 8) broken(fail("ckptTooShort", { n: bytes.length }));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) broken(fail("ckptHeaderLength", { n: fmt(n), size: fmt(bytes.length) }));
  let header: Record<string, unknown> = {};
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    broken(fail("ckptHeaderJson", { detail: (e as Error).message }));
  }
  if (header === null || typeof header !== "object") broken(fail("ckptHeaderNotObject"));
  const meta = (header.__metadata__ ?? {}) as Record<string, unknown>;
  if (typeof meta.config !== "string") throw fail("ckptNoConfig");
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(meta.config) as Record<string, unknown>;
  } catch {
    throw fail("ckptConfigJson", { snippet: JSON.stringify(meta.config.slice(0, 80)) });
  }
  const num = (key: keyof typeof CHECKPOINT_LIMITS): number => {
    const x = args[key];
    const [lo, hi] = CHECKPOINT_LIMITS[key];
    if (typeof x !== "number" || !Number.isInteger(x)) throw fail("ckptNotWhole", { key, x: String(JSON.stringify(x)) });
    if (x < lo || x > hi) throw fail("ckptOutOfRange", { key, x: fmt(x), lo: fmt(lo), hi: fmt(hi) });
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
    throw fail("ckptWeightsShort", { layers: config.nLayer, width: C, vocab: fmt(config.vocabSize), need: fmt(weights), has: fmt(bytes.length - 8 - n) });
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
    throw fail("ckptTokenizerJson", { snippet: JSON.stringify(raw.slice(0, 80)) });
  }
  if (spec.kind === "bpe-regex" && typeof spec.pattern === "string" && !KNOWN_SPLIT_PATTERNS.includes(spec.pattern))
    throw fail("ckptSplitPattern", { pattern: `${JSON.stringify(spec.pattern.slice(0, 60))}${spec.pattern.length > 60 ? "…" : ""}` });
}
