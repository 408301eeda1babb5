import { visibleWhitespace } from "../shared/text";
import { forward, tf, type GPTModel, type Tokenizer, type Trace } from "../../core";
import { headRawScores } from "./attention";
import { rememberError } from "../../lab/messageText";

/**
 * The demo model's attention on a text: one traced forward pass, read back as plain arrays and disposed at
 * once, so React state never holds a tensor. Raw scores come from ln_1's output and c_attn's weights by
 * headRawScores; the traced attn_probs are what the model really computed (the test checks they agree).
 */
export interface ModelAttention {
  ids: number[];
  T: number;
  C: number;
  nHead: number;
  nLayer: number;
  /** per layer: ln_1's output (T, C), the input of that layer's attention */
  ln1: Float32Array[];
  /** per layer: attn_probs (nh, T, T) as the model computed them (scaled and causally masked) */
  probs: Float32Array[];
}

export type Encoded = { ok: true; ids: number[]; dropped: number } | { ok: false; error: string };

/** Token ids for the text, keeping the last blockSize of them (as generate() does). Unknown characters are an error. */
export function encodeForModel(text: string, tokenizer: Tokenizer, blockSize: number): Encoded {
  let ids: number[];
  try {
    ids = tokenizer.encode(text);
  } catch (e) {
    return { ok: false, error: rememberError(e) }; // the widget shows it with errorText, in the reader's language
  }
  if (ids.length === 0) return { ok: false, error: "empty" };
  const dropped = Math.max(0, ids.length - blockSize);
  return { ok: true, ids: ids.slice(dropped), dropped };
}

/** A readable label for one token: spaces and line breaks made visible. */
export function tokenLabel(tokenizer: Tokenizer, id: number): string {
  const s = tokenizer.decode([id]);
  return visibleWhitespace(s) || "∅";
}

/** One forward pass with a trace; every traced tensor is read and disposed before returning. */
export function traceAttention(model: GPTModel, ids: number[]): ModelAttention {
  const { nLayer, nHead, nEmbd: C, blockSize } = model.config;
  const T = ids.length;
  if (T < 1 || T > blockSize) throw new Error(`The model reads 1–${blockSize} tokens at once, got ${T}.`);
  const trace: Trace = {};
  try {
    tf.tidy(() => {
      forward(model, tf.tensor2d([ids], [1, T], "int32"), { trace }); // the logits and idx die with this tidy
    });
    const ln1: Float32Array[] = [];
    const probs: Float32Array[] = [];
    for (let i = 0; i < nLayer; i++) {
      ln1.push(trace[`h.${i}.ln_1_out`].dataSync() as Float32Array); // (1, T, C)
      probs.push(trace[`h.${i}.attn_probs`].dataSync() as Float32Array); // (1, nh, T, T)
    }
    return { ids, T, C, nHead, nLayer, ln1, probs };
  } finally {
    tf.dispose(Object.values(trace)); // the trace's tensors were kept (tf.keep): they are ours to free
  }
}

/** A layer's c_attn weight (3C, C) and bias (3C) as arrays; the model's own tensors stay untouched. */
export function cAttn(model: GPTModel, layer: number): { w: Float32Array; b?: Float32Array } {
  const h = `transformer.h.${layer}.attn.c_attn`;
  const w = model.params[`${h}.weight`];
  if (!w) throw new Error(`The model has no ${h}.weight (layers: ${model.config.nLayer}).`);
  const b = model.params[`${h}.bias`];
  return { w: w.dataSync() as Float32Array, b: b ? (b.dataSync() as Float32Array) : undefined };
}

/** One head's raw q·k scores (T, T), before the scale and the mask. */
export function modelRawScores(model: GPTModel, ma: ModelAttention, layer: number, head: number): number[][] {
  const { w, b } = cAttn(model, layer);
  return headRawScores(ma.ln1[layer], ma.T, ma.C, w, b, ma.nHead, head);
}

/** The traced probabilities of one head, (T, T). */
export function tracedProbs(ma: ModelAttention, layer: number, head: number): number[][] {
  const { T } = ma;
  const p = ma.probs[layer];
  return Array.from({ length: T }, (_, i) => Array.from(p.subarray((head * T + i) * T, (head * T + i + 1) * T)));
}
