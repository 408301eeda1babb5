import type { GPTConfig } from "./config";
import { CheckpointError, readSafetensors, writeSafetensors, type NamedTensors } from "./safetensors";

/**
 * GPT Dojo checkpoints: .safetensors files that nanoGPT can load, and that a nanoGPT model can be saved as
 * (docs/checkpoints-python.md has the Python for both directions).
 *
 *   tensors                           nanoGPT's parameter names, float32, PyTorch layout (Linear weight = (out, in));
 *                                     lm_head.weight is left out: it is tied to transformer.wte.weight
 *   optimizer.exp_avg.<name>          AdamW's first and second moments, when the optimizer state is saved
 *   optimizer.exp_avg_sq.<name>
 *   __metadata__.config               JSON of nanoGPT's model_args: {"n_layer", "n_head", "n_embd", "block_size",
 *                                     "bias", "vocab_size", "dropout"}, in that order
 *   __metadata__.tokenizer, .train_config, .step, .run_card, .optimizer_step   further JSON strings, optional
 *
 * This file knows shapes and names only, not the model code, so it runs anywhere (a widget, the worker, Node).
 */
export interface CheckpointData {
  config: GPTConfig;
  tensors: NamedTensors; // nanoGPT names, PyTorch layout
  tokenizer?: unknown; // the tokenizer's toJSON()
  trainConfig?: unknown;
  step?: number; // training steps done
  runCard?: unknown; // free-form facts about the run (backend, dates, ...)
  optimizer?: { step: number; m: NamedTensors; v: NamedTensors }; // AdamW's step count and moments, per parameter name
}

export { CheckpointError };

const EXP_AVG = "optimizer.exp_avg.";
const EXP_AVG_SQ = "optimizer.exp_avg_sq.";
const COMPILE_PREFIX = "_orig_mod."; // torch.compile wraps the model; its state_dict keys gain this prefix

/** How to add the config to a nanoGPT export; quoted by the errors below. */
const CONFIG_HOWTO =
  'In Python: save_file(state_dict, path, metadata={"config": json.dumps(checkpoint["model_args"])}) ' +
  "(nanoGPT's model_args: n_layer, n_head, n_embd, block_size, bias, vocab_size, dropout); docs/checkpoints-python.md has the full recipe.";

// ---------------------------------------------------------------------------------------------------------
// names and shapes

/**
 * The tensors a config needs, name → shape, in nanoGPT's named_parameters() order (lm_head is tied, so absent).
 * Example: for nLayer 1, nEmbd C, vocab V, block B, bias true:
 *   transformer.wte.weight (V, C), transformer.wpe.weight (B, C),
 *   transformer.h.0.ln_1.weight (C), .ln_1.bias (C), .attn.c_attn.weight (3C, C), .attn.c_attn.bias (3C),
 *   .attn.c_proj.weight (C, C), .attn.c_proj.bias (C), .ln_2.weight (C), .ln_2.bias (C),
 *   .mlp.c_fc.weight (4C, C), .mlp.c_fc.bias (4C), .mlp.c_proj.weight (C, 4C), .mlp.c_proj.bias (C),
 *   transformer.ln_f.weight (C), transformer.ln_f.bias (C).   With bias false, no .bias entries.
 */
export function checkpointTensorNames(config: GPTConfig): Record<string, number[]> {
  const C = config.nEmbd;
  const out: Record<string, number[]> = {
    "transformer.wte.weight": [config.vocabSize, C],
    "transformer.wpe.weight": [config.blockSize, C],
  };
  const layerNorm = (name: string) => {
    out[`${name}.weight`] = [C];
    if (config.bias) out[`${name}.bias`] = [C];
  };
  const linear = (name: string, nOut: number, nIn: number) => {
    out[`${name}.weight`] = [nOut, nIn]; // PyTorch layout: (out, in)
    if (config.bias) out[`${name}.bias`] = [nOut];
  };
  for (let i = 0; i < config.nLayer; i++) {
    const h = `transformer.h.${i}`;
    layerNorm(`${h}.ln_1`);
    linear(`${h}.attn.c_attn`, 3 * C, C); // q, k, v packed
    linear(`${h}.attn.c_proj`, C, C);
    layerNorm(`${h}.ln_2`);
    linear(`${h}.mlp.c_fc`, 4 * C, C);
    linear(`${h}.mlp.c_proj`, C, 4 * C);
  }
  layerNorm("transformer.ln_f");
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// the config, as nanoGPT's model_args

const ARG_KEYS = ["n_layer", "n_head", "n_embd", "block_size", "bias", "vocab_size", "dropout"] as const;

function toModelArgs(c: GPTConfig): Record<(typeof ARG_KEYS)[number], number | boolean> {
  return { n_layer: c.nLayer, n_head: c.nHead, n_embd: c.nEmbd, block_size: c.blockSize, bias: c.bias, vocab_size: c.vocabSize, dropout: c.dropout };
}

/** Checks a config the way nanoGPT's GPT would accept it; `where` says where it came from, for the message. */
function checkConfig(c: GPTConfig, where: string): GPTConfig {
  const problems: string[] = [];
  for (const [key, value] of [["nLayer", c.nLayer], ["nHead", c.nHead], ["nEmbd", c.nEmbd], ["blockSize", c.blockSize], ["vocabSize", c.vocabSize]] as const)
    if (!(Number.isInteger(value) && value >= 1)) problems.push(`${key} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  if (problems.length === 0 && c.nEmbd % c.nHead !== 0) problems.push(`nEmbd ${c.nEmbd} is not divisible by nHead ${c.nHead}`);
  if (typeof c.bias !== "boolean") problems.push(`bias must be true or false, got ${JSON.stringify(c.bias)}`);
  if (!(typeof c.dropout === "number" && c.dropout >= 0 && c.dropout < 1)) problems.push(`dropout must be in [0, 1), got ${JSON.stringify(c.dropout)}`);
  if (problems.length) throw new CheckpointError("config", `${where}: ${problems.join("; ")}.`);
  return c;
}

/** nanoGPT's model_args JSON → GPTConfig. bias and dropout default as in nanoGPT's GPTConfig (true, 0). */
function parseConfig(raw: string): GPTConfig {
  let args: unknown;
  try {
    args = JSON.parse(raw);
  } catch (e) {
    throw new CheckpointError("config", `__metadata__.config is not valid JSON (${(e as Error).message}): ${JSON.stringify(raw.slice(0, 80))}. ${CONFIG_HOWTO}`);
  }
  if (typeof args !== "object" || args === null || Array.isArray(args))
    throw new CheckpointError("config", `__metadata__.config must be a JSON object of nanoGPT's model_args, got ${JSON.stringify(args)}. ${CONFIG_HOWTO}`);
  const a = args as Record<string, unknown>;
  const unknown = Object.keys(a).filter((k) => !(ARG_KEYS as readonly string[]).includes(k));
  if (unknown.length)
    throw new CheckpointError("config", `__metadata__.config has keys GPT Dojo's GPT does not know: ${unknown.join(", ")}. It reads nanoGPT's ${ARG_KEYS.join(", ")}; a model with other options is a different architecture.`);
  const missing = ["n_layer", "n_head", "n_embd", "block_size", "vocab_size"].filter((k) => a[k] === undefined);
  if (missing.length) throw new CheckpointError("config", `__metadata__.config lacks ${missing.join(", ")}. ${CONFIG_HOWTO}`);
  const config = {
    vocabSize: a.vocab_size,
    blockSize: a.block_size,
    nLayer: a.n_layer,
    nHead: a.n_head,
    nEmbd: a.n_embd,
    dropout: a.dropout ?? 0,
    bias: a.bias ?? true,
  } as GPTConfig;
  return checkConfig(config, "__metadata__.config is not a usable GPT config");
}

// ---------------------------------------------------------------------------------------------------------
// checking a set of tensors against the names and shapes a config needs

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const shapeText = (shape: number[]) => `(${shape.join(", ")})`;

/** "a, b, c" with at most `max` names, then "and N more". */
function list(names: string[], max = 8): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

function configText(c: GPTConfig): string {
  return `nLayer ${c.nLayer}, nHead ${c.nHead}, nEmbd ${c.nEmbd}, vocabSize ${c.vocabSize}, blockSize ${c.blockSize}, bias ${c.bias}`;
}

/** Throws one error listing every missing, unexpected and mis-shaped tensor; `what` names the set. */
function checkTensors(tensors: NamedTensors, expected: Record<string, number[]>, config: GPTConfig, what: string): void {
  const has = Object.hasOwn; // not `in`: "toString" in {} is true
  const missing = Object.keys(expected).filter((n) => !has(tensors, n));
  const extra = Object.keys(tensors).filter((n) => !has(expected, n));
  const wrong = Object.keys(expected)
    .filter((n) => has(tensors, n) && !sameShape(tensors[n].shape, expected[n]))
    .map((n) => `${n} is ${shapeText(tensors[n].shape)}, expected ${shapeText(expected[n])}`);
  const counts = Object.keys(expected)
    .filter((n) => has(tensors, n) && sameShape(tensors[n].shape, expected[n]) && tensors[n].values.length !== expected[n].reduce((a, b) => a * b, 1))
    .map((n) => `${n} has ${tensors[n].values.length} values for shape ${shapeText(expected[n])}`);
  if (missing.length + extra.length + wrong.length + counts.length === 0) return;
  throw new CheckpointError(
    "tensors",
    [
      `${what} do not fit the config (${configText(config)}).`,
      missing.length ? `Missing: ${list(missing)}.` : "",
      extra.length ? `Unexpected: ${list(extra)}.` : "",
      wrong.length ? `Wrong shape: ${list(wrong, 4)}.` : "",
      counts.length ? `Wrong size: ${list(counts, 4)}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
  );
}

// ---------------------------------------------------------------------------------------------------------
// encode

function metaJSON(key: string, value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) throw new CheckpointError("config", `Cannot store ${key} in the checkpoint: JSON.stringify gives nothing for it (a function or undefined?).`);
  return s;
}

function checkStep(step: number, key: string): void {
  if (!(Number.isInteger(step) && step >= 0)) throw new CheckpointError("config", `${key} must be a whole number ≥ 0, got ${step}.`);
}

/**
 * The .safetensors bytes of a checkpoint. The tensors must be exactly the config's (checkpointTensorNames),
 * so that a file is never written that decodeCheckpoint (or nanoGPT) would refuse.
 */
export function encodeCheckpoint(data: CheckpointData): Uint8Array {
  const config = checkConfig(data.config, "Cannot save a checkpoint with this config");
  const expected = checkpointTensorNames(config);
  checkTensors(data.tensors, expected, config, "The model's tensors");
  const metadata: Record<string, string> = { config: JSON.stringify(toModelArgs(config)) };
  if (data.tokenizer !== undefined) metadata.tokenizer = metaJSON("tokenizer", data.tokenizer);
  if (data.trainConfig !== undefined) metadata.train_config = metaJSON("trainConfig", data.trainConfig);
  if (data.step !== undefined) {
    checkStep(data.step, "step");
    metadata.step = JSON.stringify(data.step);
  }
  if (data.runCard !== undefined) metadata.run_card = metaJSON("runCard", data.runCard);
  const tensors: NamedTensors = { ...data.tensors };
  if (data.optimizer) {
    const { step, m, v } = data.optimizer;
    checkStep(step, "optimizer.step");
    checkTensors(m, expected, config, "The optimizer's first moments (exp_avg)");
    checkTensors(v, expected, config, "The optimizer's second moments (exp_avg_sq)");
    metadata.optimizer_step = JSON.stringify(step);
    for (const name of Object.keys(expected)) {
      tensors[EXP_AVG + name] = m[name];
      tensors[EXP_AVG_SQ + name] = v[name];
    }
  }
  return writeSafetensors(tensors, metadata);
}

// ---------------------------------------------------------------------------------------------------------
// decode

function parseMeta(key: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new CheckpointError("config", `__metadata__.${key} is not valid JSON: ${JSON.stringify(raw.slice(0, 80))}. The file is corrupt.`);
  }
}

function parseStep(key: string, raw: string): number {
  const step = parseMeta(key, raw);
  if (!(typeof step === "number" && Number.isInteger(step) && step >= 0)) throw new CheckpointError("config", `__metadata__.${key} must be a whole number ≥ 0, got ${raw}.`);
  return step;
}

/** Float32 bit patterns equal (so NaN equals the same NaN, and -0 differs from 0). */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * Reads and validates a checkpoint: GPT Dojo's own, or a nanoGPT state dict saved as safetensors with its
 * model_args in __metadata__.config. Every parameter the config needs must be present with its shape, and
 * nothing else; optimizer moments, when present, must cover every parameter. A nanoGPT export is accepted as
 * it comes:
 *   - "_orig_mod." prefixes (a torch.compile'd model's state_dict) are stripped;
 *   - lm_head.weight, the tied output layer, is dropped if it equals transformer.wte.weight bit for bit, and
 *     stands in for it when wte is absent (safetensors' save_model keeps only one name of tied tensors, and
 *     picks "lm_head.weight", the first alphabetically);
 *   - transformer.h.<i>.attn.bias, nanoGPT's causal-mask buffer (saved when flash attention is unavailable),
 *     is dropped: it is not a parameter.
 * The tensors come back in nanoGPT's named_parameters() order.
 */
export function decodeCheckpoint(bytes: Uint8Array): CheckpointData {
  const { tensors: raw, metadata } = readSafetensors(bytes);
  if (metadata.config === undefined) {
    const keys = Object.keys(metadata);
    throw new CheckpointError(
      "config",
      `This is not a GPT Dojo or nanoGPT checkpoint: __metadata__.config is missing (the file's metadata has ${keys.length ? keys.join(", ") : "no entries"}), ` +
        `so the model's shape is unknown. ${CONFIG_HOWTO}`,
    );
  }
  const config = parseConfig(metadata.config);
  const expected = checkpointTensorNames(config);

  // sort the file's tensors into parameters and moments, undoing torch.compile's prefix
  const params: NamedTensors = {};
  const m: NamedTensors = {};
  const v: NamedTensors = {};
  const seen = new Map<string, string>(); // cleaned name -> name in the file
  const place = (into: NamedTensors, name: string, original: string, t: NamedTensors[string]) => {
    const key = (into === params ? "" : into === m ? EXP_AVG : EXP_AVG_SQ) + name;
    if (seen.has(key)) throw new CheckpointError("tensors", `The file has both "${seen.get(key)}" and "${original}", which are the same parameter once "${COMPILE_PREFIX}" is removed.`);
    seen.set(key, original);
    Object.defineProperty(into, name, { value: t, enumerable: true, writable: true, configurable: true });
  };
  const isMask = (s: number[]) => s.length === 4 && s[0] === 1 && s[1] === 1 && s[2] === s[3]; // (1, 1, block, block)
  const strip = (name: string) => (name.startsWith(COMPILE_PREFIX) ? name.slice(COMPILE_PREFIX.length) : name);
  for (const [original, t] of Object.entries(raw)) {
    const name = strip(original);
    if (name.startsWith(EXP_AVG)) place(m, strip(name.slice(EXP_AVG.length)), original, t);
    else if (name.startsWith(EXP_AVG_SQ)) place(v, strip(name.slice(EXP_AVG_SQ.length)), original, t);
    else if (/^transformer\.h\.\d+\.attn\.bias$/.test(name) && isMask(t.shape)) continue; // the causal mask
    else place(params, name, original, t);
  }

  // the tied output layer
  const head = params["lm_head.weight"];
  if (head) {
    const wte = params["transformer.wte.weight"];
    if (!wte) params["transformer.wte.weight"] = head;
    else if (!sameBits(head.values, wte.values) || !sameShape(head.shape, wte.shape))
      throw new CheckpointError(
        "tensors",
        `lm_head.weight ${shapeText(head.shape)} differs from transformer.wte.weight ${shapeText(wte.shape)}, but GPT Dojo's GPT ties them, as nanoGPT does. ` +
          "This checkpoint comes from a model with an untied output layer, which GPT Dojo cannot load.",
      );
    delete params["lm_head.weight"];
  }
  checkTensors(params, expected, config, "The file's tensors");

  const out: CheckpointData = { config, tensors: Object.fromEntries(Object.keys(expected).map((n) => [n, params[n]])) };
  if (metadata.tokenizer !== undefined) out.tokenizer = parseMeta("tokenizer", metadata.tokenizer);
  if (metadata.train_config !== undefined) out.trainConfig = parseMeta("train_config", metadata.train_config);
  if (metadata.step !== undefined) out.step = parseStep("step", metadata.step);
  if (metadata.run_card !== undefined) out.runCard = parseMeta("run_card", metadata.run_card);

  const hasMoments = Object.keys(m).length + Object.keys(v).length > 0;
  if (metadata.optimizer_step !== undefined || hasMoments) {
    if (metadata.optimizer_step === undefined)
      throw new CheckpointError("config", "The file has optimizer moments (optimizer.exp_avg.*) but no __metadata__.optimizer_step, so AdamW's bias correction cannot resume. The file is incomplete.");
    const step = parseStep("optimizer_step", metadata.optimizer_step);
    checkTensors(m, expected, config, "The optimizer's first moments (optimizer.exp_avg.*)");
    checkTensors(v, expected, config, "The optimizer's second moments (optimizer.exp_avg_sq.*)");
    const order = (s: NamedTensors) => Object.fromEntries(Object.keys(expected).map((n) => [n, s[n]]));
    out.optimizer = { step, m: order(m), v: order(v) };
  }
  return out;
}
