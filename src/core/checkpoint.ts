import { fromNanoGPTArgs, toNanoGPTArgs, type GPTConfig, type NanoGPTArgs } from "./config";
import { paramShapes } from "./model/params";
import { CheckpointError, readSafetensors, writeSafetensors, type NamedTensors } from "./safetensors";

/**
 * GPT Dojo checkpoints: .safetensors with nanoGPT's parameter names in PyTorch layout (F32), and
 * `__metadata__.config` = nanoGPT's model args as JSON, so a file moves between the browser and nanoGPT
 * with a few lines of Python (README). Tokenizer, training config, step and run card are further metadata
 * entries (JSON strings); AdamW's moments, when saved, are tensors `optimizer.exp_avg.<name>` and
 * `optimizer.exp_avg_sq.<name>` with `__metadata__.optimizer_step`.
 */
export interface CheckpointData {
  config: GPTConfig;
  tensors: NamedTensors;
  tokenizer?: unknown;
  trainConfig?: unknown;
  step?: number;
  runCard?: unknown;
  optimizer?: { step: number; m: NamedTensors; v: NamedTensors };
}

const M = "optimizer.exp_avg.";
const V = "optimizer.exp_avg_sq.";

export function encodeCheckpoint(d: CheckpointData): Uint8Array {
  const tensors: NamedTensors = { ...d.tensors };
  const metadata: Record<string, string> = { config: JSON.stringify(toNanoGPTArgs(d.config)), format: "gpt-dojo/1" };
  if (d.tokenizer !== undefined) metadata.tokenizer = JSON.stringify(d.tokenizer);
  if (d.trainConfig !== undefined) metadata.train_config = JSON.stringify(d.trainConfig);
  if (d.step !== undefined) metadata.step = String(d.step);
  if (d.runCard !== undefined) metadata.run_card = JSON.stringify(d.runCard);
  if (d.optimizer) {
    metadata.optimizer_step = String(d.optimizer.step);
    for (const [n, t] of Object.entries(d.optimizer.m)) tensors[M + n] = t;
    for (const [n, t] of Object.entries(d.optimizer.v)) tensors[V + n] = t;
  }
  return writeSafetensors(tensors, metadata);
}

function parseJSON(key: string, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new CheckpointError("config", `__metadata__.${key} is not valid JSON: the file is corrupt.`);
  }
}

/** The parameter names and shapes a config needs, in nanoGPT's order. */
export function checkpointTensorNames(config: GPTConfig): Record<string, number[]> {
  return Object.fromEntries(paramShapes(config));
}

/**
 * Reads and validates a checkpoint: config present, every parameter present with its shape, nothing extra.
 * Accepts nanoGPT exports: an `_orig_mod.` prefix (torch.compile) is stripped, a tied `lm_head.weight` and
 * the `.attn.bias` mask buffers are dropped.
 */
export function decodeCheckpoint(bytes: Uint8Array): CheckpointData {
  const { tensors: raw, metadata } = readSafetensors(bytes);
  if (metadata.config === undefined)
    throw new CheckpointError(
      "config",
      "This .safetensors file has no __metadata__.config, so GPT Dojo cannot tell the model's shape. Save it with metadata={'config': json.dumps(model_args)} (nanoGPT's n_layer, n_head, n_embd, block_size, bias, vocab_size, dropout); the README shows how.",
    );
  let config: GPTConfig;
  try {
    config = fromNanoGPTArgs(parseJSON("config", metadata.config) as NanoGPTArgs);
  } catch (e) {
    if (e instanceof CheckpointError) throw e;
    throw new CheckpointError("config", `__metadata__.config is not a usable nanoGPT config: ${(e as Error).message}`);
  }
  const params: NamedTensors = {};
  const m: NamedTensors = {};
  const v: NamedTensors = {};
  for (const [name0, t] of Object.entries(raw)) {
    const name = name0.replace(/^_orig_mod\./, "");
    if (name.startsWith(M)) m[name.slice(M.length)] = t;
    else if (name.startsWith(V)) v[name.slice(V.length)] = t;
    else if (/\.attn\.bias$/.test(name)) continue; // nanoGPT's causal-mask buffer, not a parameter
    else params[name] = t;
  }
  const expected = paramShapes(config);
  const wte = params["transformer.wte.weight"];
  const head = params["lm_head.weight"];
  if (head) {
    if (wte && head.values.some((x, i) => x !== wte.values[i]))
      throw new CheckpointError("tensors", "lm_head.weight differs from transformer.wte.weight, but GPT Dojo's GPT ties them (as nanoGPT does). This checkpoint is from an untied model.");
    delete params["lm_head.weight"];
  }
  const known = new Set(expected.map(([n]) => n));
  const missing = expected.filter(([n]) => !params[n]).map(([n]) => n);
  const extra = Object.keys(params).filter((n) => !known.has(n));
  const wrong = expected.filter(([n, s]) => params[n] && params[n].shape.join(",") !== s.join(",")).map(([n, s]) => `${n} is (${params[n].shape.join(", ")}), expected (${s.join(", ")})`);
  if (missing.length || extra.length || wrong.length)
    throw new CheckpointError(
      "tensors",
      [
        `The tensors do not fit the config in the file (${config.nLayer} layers, ${config.nHead} heads, nEmbd ${config.nEmbd}, vocab ${config.vocabSize}, block ${config.blockSize}, bias ${config.bias}).`,
        missing.length ? `Missing: ${missing.join(", ")}.` : "",
        extra.length ? `Unexpected: ${extra.join(", ")}.` : "",
        wrong.length ? `Wrong shape: ${wrong.join("; ")}.` : "",
      ].filter(Boolean).join(" "),
    );
  const out: CheckpointData = { config, tensors: Object.fromEntries(expected.map(([n]) => [n, params[n]])) };
  if (metadata.tokenizer !== undefined) out.tokenizer = parseJSON("tokenizer", metadata.tokenizer);
  if (metadata.train_config !== undefined) out.trainConfig = parseJSON("train_config", metadata.train_config);
  if (metadata.step !== undefined) out.step = Number(metadata.step);
  if (metadata.run_card !== undefined) out.runCard = parseJSON("run_card", metadata.run_card);
  if (metadata.optimizer_step !== undefined) {
    const lacking = expected.filter(([n]) => !m[n] || !v[n]).map(([n]) => n);
    if (lacking.length) throw new CheckpointError("tensors", `Optimizer state is incomplete: no moments for ${lacking.join(", ")}.`);
    out.optimizer = { step: Number(metadata.optimizer_step), m, v };
  }
  return out;
}

export { CheckpointError };
