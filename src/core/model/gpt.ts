import * as tf from "@tensorflow/tfjs";
import type { GPTModel } from "./params";
import { resolveArchitecture, type Architecture } from "./architecture";
import { addBias, columnSum, matmul } from "./matmul";
import type { Random } from "../random";
import { DojoError } from "../errors";

/**
 * nanoGPT's model.py GPT, as pure functions over a GPTModel. Shapes use the paper's letters:
 * B batch, T time (tokens), C channels (nEmbd), nh heads, hs head size (C / nh), V vocabulary.
 */

/**
 * Named activations of one forward pass, for widgets and for finding where a mismatch starts. Keys, in
 * forward order and as in the golden file: embeddings_sum (B, T, C); per layer i h.{i}.ln_1_out,
 * h.{i}.attn_probs (B, nh, T, T), h.{i}.attn_out, h.{i}.mlp_out (each before its residual add),
 * h.{i}.block_out; then ln_f_out. A variant (Architecture) traces only the pieces it runs.
 */
export type Trace = Record<string, tf.Tensor>;

export interface ForwardOptions {
  training?: boolean; // dropout is active only in training mode
  rng?: Random; // seeds the dropout masks (required when training with dropout > 0)
  /** When given, filled with named activations. The tensors are kept (tf.keep): the caller disposes them. */
  trace?: Trace;
  /** Pieces to switch off for this call; otherwise the model's own `arch`, otherwise every piece on. */
  arch?: Partial<Architecture>;
}

// ---- layers ---------------------------------------------------------------------------------------------

/** nn.Linear: y = x Wᵀ + b with W stored (out, in), as PyTorch stores it. */
function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const x2 = x.reshape([-1, shape[shape.length - 1]]); // (N, in)
  let y = matmul(x2, w, false, true); // (N, out)
  if (b) y = addBias(y, b);
  return y.reshape([...shape.slice(0, -1), w.shape[0]]);
}

/**
 * LayerNorm over the last axis with the biased variance and eps 1e-5, as torch.nn.LayerNorm, with the backward
 * pass written out (autodiff through tf.moments takes about three times the kernels). With x̂ = (x − μ)·r,
 * r = 1/√(σ² + ε) and g = dy·w:  dx = r·(g − mean(g) − x̂·mean(g·x̂)),  dw = Σₙ dy·x̂,  db = Σₙ dy.
 */
function layerNorm(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const x2 = x.reshape([-1, shape[shape.length - 1]]); // (N, C)
  const y = b ? layerNormBias(x2, w, b) : layerNormNoBias(x2, w);
  return y.reshape(shape);
}

function normalize(x: tf.Tensor): { xhat: tf.Tensor; r: tf.Tensor } {
  const { mean, variance } = tf.moments(x, -1, true);
  const r = tf.rsqrt(variance.add(1e-5));
  return { xhat: x.sub(mean).mul(r), r };
}

function layerNormInputGrad(dy: tf.Tensor, w: tf.Tensor, xhat: tf.Tensor, r: tf.Tensor): tf.Tensor {
  const g = dy.mul(w);
  return g.sub(g.mean(-1, true)).sub(xhat.mul(g.mul(xhat).mean(-1, true))).mul(r);
}

const layerNormBias = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  const { xhat, r } = normalize(x);
  save([w, xhat, r]);
  return {
    value: xhat.mul(w).add(b),
    gradFunc: (dy: tf.Tensor, [sw, sx, sr]: tf.Tensor[]) => [layerNormInputGrad(dy, sw, sx, sr), columnSum(dy.mul(sx)), columnSum(dy)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;

const layerNormNoBias = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  const { xhat, r } = normalize(x);
  save([w, xhat, r]);
  return {
    value: xhat.mul(w),
    gradFunc: (dy: tf.Tensor, [sw, sx, sr]: tf.Tensor[]) => [layerNormInputGrad(dy, sw, sx, sr), columnSum(dy.mul(sx))],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;

/**
 * The exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)), not the tanh approximation, with its derivative written out:
 * GELU'(x) = Φ(x) + x·φ(x), φ(x) = exp(−x²/2)/√(2π). Autodiff through erf takes twice the kernels.
 */
const gelu = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const cdf = tf.erf(x.mul(Math.SQRT1_2)).add(1).mul(0.5); // Φ(x)
  save([x, cdf]);
  return {
    value: x.mul(cdf),
    gradFunc: (dy: tf.Tensor, [sx, sc]: tf.Tensor[]) => {
      const pdf = tf.exp(sx.square().mul(-0.5)).mul(1 / Math.sqrt(2 * Math.PI)); // φ(x)
      return [dy.mul(sc.add(sx.mul(pdf)))];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

function dropout(x: tf.Tensor, p: number, opts: ForwardOptions): tf.Tensor {
  if (!opts.training || p === 0) return x;
  if (!opts.rng) throw new Error(`Training with dropout ${p} needs an rng in ForwardOptions, so runs repeat exactly.`);
  return tf.dropout(x, p, undefined, opts.rng.nextUint32());
}

/**
 * Token embedding lookup, wte[idx], with a gradient that every backend can compute.
 * subtle: tf.gather's gradient needs the UnsortedSegmentSum kernel, which the wasm backend lacks. Where it
 * is missing we scatter-add the gradient with a one-hot matmul, (N, V)ᵀ · (N, C) → (V, C); elsewhere we use
 * unsortedSegmentSum, which is cheaper for large vocabularies.
 */
function embed(wte: tf.Tensor2D, idx: tf.Tensor2D): tf.Tensor3D {
  const [B, T] = idx.shape;
  const flat = idx.reshape([-1]) as tf.Tensor1D; // (N) with N = B·T
  const lookup = tf.customGrad(((w: tf.Tensor) => {
    return {
      value: tf.gather(w as tf.Tensor2D, flat),
      gradFunc: (dy: tf.Tensor) => {
        const V = w.shape[0];
        if (tf.getKernel("UnsortedSegmentSum", tf.getBackend())) return tf.unsortedSegmentSum(dy, flat, V);
        return matmul(oneHotFloat(flat, V), dy, true, false); // (V, C)
      },
    };
  }) as Parameters<typeof tf.customGrad>[0]);
  return (lookup(wte) as tf.Tensor2D).reshape([B, T, wte.shape[1]]);
}

/**
 * One-hot rows as float32. subtle: tfjs-backend-wasm 4.22's OneHot kernel ignores a float32 dtype and writes
 * integer bits (1 reads back as 1.4e-45), so the one-hot is built as int32 and cast.
 */
function oneHotFloat(indices: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.oneHot(indices, depth).cast("float32") as tf.Tensor2D;
}

// ---- attention ------------------------------------------------------------------------------------------

/** Additive causal mask (Tq, Tk): 0 where key j ≤ query i's position, -1e9 above (exp underflows to exactly 0). */
function causalMask(Tq: number, Tk: number): tf.Tensor2D {
  const offset = Tk - Tq; // query i sits at absolute position offset + i
  const rows = tf.range(0, Tq, 1, "int32").add(offset).reshape([Tq, 1]);
  const cols = tf.range(0, Tk, 1, "int32").reshape([1, Tk]);
  return tf.where(tf.greater(cols, rows), tf.fill([Tq, Tk], -1e9), tf.zeros([Tq, Tk])) as tf.Tensor2D;
}

function splitHeads(x: tf.Tensor, nh: number): tf.Tensor4D {
  const [B, T, C] = x.shape as [number, number, number];
  return x.reshape([B, T, nh, C / nh]).transpose([0, 2, 1, 3]) as tf.Tensor4D; // (B, nh, T, hs)
}

function mergeHeads(y: tf.Tensor4D): tf.Tensor3D {
  const [B, nh, T, hs] = y.shape;
  return y.transpose([0, 2, 1, 3]).reshape([B, T, nh * hs]) as tf.Tensor3D; // heads side by side: (B, T, C)
}

/** One layer's cached keys and values, (B, nh, T_cached, hs) each. */
export interface LayerCache {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
}

/** The causal mask for (Tq, Tk), made once per forward pass and shared by every layer (all layers see the same lengths). */
type MaskFor = (Tq: number, Tk: number) => tf.Tensor2D;
function maskMemo(): MaskFor {
  let made: { Tq: number; Tk: number; mask: tf.Tensor2D } | null = null;
  return (Tq, Tk) => {
    if (!made || made.Tq !== Tq || made.Tk !== Tk) made = { Tq, Tk, mask: causalMask(Tq, Tk) };
    return made.mask;
  };
}

function attention(model: GPTModel, i: number, x: tf.Tensor3D, opts: ForwardOptions, maskFor: MaskFor, cache?: LayerCache[]): tf.Tensor3D {
  const { nHead: nh, nEmbd: C, dropout: p } = model.config;
  const P = model.params;
  const h = `transformer.h.${i}.attn`;
  const qkv = linear(x, P[`${h}.c_attn.weight`], P[`${h}.c_attn.bias`]); // (B, T, 3C): q, k, v side by side
  const [q0, k0, v0] = tf.split(qkv, [C, C, C], -1);
  const q = splitHeads(q0, nh); // (B, nh, T, hs)
  let k = splitHeads(k0, nh);
  let v = splitHeads(v0, nh);
  if (cache) {
    const old = cache[i];
    if (old) {
      k = tf.concat([old.k, k], 2) as tf.Tensor4D; // (B, nh, T_cached + T, hs)
      v = tf.concat([old.v, v], 2) as tf.Tensor4D;
      tf.dispose([old.k, old.v]);
    }
    cache[i] = { k: tf.keep(k), v: tf.keep(v) };
  }
  const hs = C / nh;
  const Tq = q.shape[2], Tk = k.shape[2];
  const scores = matmul(q, k, false, true).mul(1 / Math.sqrt(hs)).add(maskFor(Tq, Tk)); // (B, nh, Tq, Tk)
  const probs = tf.softmax(scores, -1);
  if (opts.trace) opts.trace[`h.${i}.attn_probs`] = tf.keep(probs);
  const y = matmul(dropout(probs, p, opts), v) as tf.Tensor4D; // (B, nh, Tq, hs)
  const out = linear(mergeHeads(y), P[`${h}.c_proj.weight`], P[`${h}.c_proj.bias`]);
  return dropout(out, p, opts) as tf.Tensor3D; // resid_dropout
}

function mlp(model: GPTModel, i: number, x: tf.Tensor3D, opts: ForwardOptions): tf.Tensor3D {
  const P = model.params;
  const h = `transformer.h.${i}.mlp`;
  const hidden = gelu(linear(x, P[`${h}.c_fc.weight`], P[`${h}.c_fc.bias`])); // (B, T, 4C)
  return dropout(linear(hidden, P[`${h}.c_proj.weight`], P[`${h}.c_proj.bias`]), model.config.dropout, opts) as tf.Tensor3D;
}

// ---- the model ------------------------------------------------------------------------------------------

/**
 * The residual stream after every block and ln_f: (B, T, C). `pos0` is the position of idx's first token.
 * `A` switches pieces off for the ladder's variants; all on, this is nanoGPT's GPT.forward up to lm_head.
 */
function hidden(model: GPTModel, idx: tf.Tensor2D, opts: ForwardOptions, cache?: LayerCache[], pos0 = 0): tf.Tensor3D {
  const { blockSize, nLayer } = model.config;
  const [, T] = idx.shape;
  if (pos0 + T > blockSize)
    throw new DojoError("blockSize", { t: pos0 + T, blockSize }, `Cannot forward ${pos0 + T} tokens: blockSize is ${blockSize}. Keep only the last ${blockSize} tokens (generate() does).`);
  const A = resolveArchitecture(model, opts);
  const P = model.params;
  const tok = embed(P["transformer.wte.weight"] as tf.Tensor2D, idx); // (B, T, C)
  let x = tok;
  if (A.positions) x = tok.add(P["transformer.wpe.weight"].slice([pos0, 0], [T, -1])); // (T, C) broadcast over B
  x = dropout(x, model.config.dropout, opts) as tf.Tensor3D;
  const trace = opts.trace;
  const maskFor = maskMemo();
  if (trace) trace.embeddings_sum = tf.keep(x);
  // a sub-layer's output either adds to the stream (residual) or replaces it
  const write = (stream: tf.Tensor3D, out: tf.Tensor3D) => (A.residual ? (stream.add(out) as tf.Tensor3D) : out);
  for (let i = 0; i < nLayer; i++) {
    const b = `transformer.h.${i}`;
    // the trace is filled in forward order (attention adds attn_probs), matching the golden file's keys
    if (A.attention) {
      let input = x;
      if (A.layerNorm) {
        input = layerNorm(x, P[`${b}.ln_1.weight`], P[`${b}.ln_1.bias`]) as tf.Tensor3D;
        if (trace) trace[`h.${i}.ln_1_out`] = tf.keep(input);
      }
      const a = attention(model, i, input, opts, maskFor, cache);
      if (trace) trace[`h.${i}.attn_out`] = tf.keep(a);
      x = write(x, a);
    }
    if (A.mlp) {
      let input = x;
      if (A.layerNorm) {
        input = layerNorm(x, P[`${b}.ln_2.weight`], P[`${b}.ln_2.bias`]) as tf.Tensor3D;
      }
      const m = mlp(model, i, input, opts);
      if (trace) trace[`h.${i}.mlp_out`] = tf.keep(m);
      x = write(x, m);
    }
    if (trace) trace[`h.${i}.block_out`] = tf.keep(x);
  }
  if (A.finalNorm) {
    x = layerNorm(x, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"]) as tf.Tensor3D;
    if (trace) trace.ln_f_out = tf.keep(x);
  }
  return x;
}

/** Logits (B, T, V) for every position; lm_head shares wte's weights (weight tying). */
export function forward(model: GPTModel, idx: tf.Tensor2D, opts: ForwardOptions = {}): tf.Tensor3D {
  return tf.tidy(() => linear(hidden(model, idx, opts), model.params["transformer.wte.weight"]) as tf.Tensor3D);
}

/**
 * Mean cross-entropy over all B·T positions: −mean(log softmax(logits)[target]), with the textbook gradient
 * (softmax − onehot) / N written out: three kernels instead of autodiff's walk back through logSumExp and its max.
 */
export function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const V = logits.shape[2];
    const flat = logits.reshape([-1, V]) as tf.Tensor2D; // (N, V)
    const N = flat.shape[0];
    const onehot = oneHotFloat(targets.reshape([-1]) as tf.Tensor1D, V); // (N, V)
    const loss = tf.customGrad(((x: tf.Tensor2D, save: tf.GradSaveFunc) => {
      const logp = tf.logSoftmax(x);
      save([logp, onehot]);
      return {
        value: logp.mul(onehot).sum().div(-N),
        gradFunc: (dy: tf.Tensor, [lp, oh]: tf.Tensor[]) => [tf.exp(lp).sub(oh).mul(dy.div(N))],
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D) => tf.Scalar;
    return loss(flat);
  });
}

// ---- KV cache -------------------------------------------------------------------------------------------

/** Keys and values of every layer for the tokens seen so far; `length` is how many positions it holds. */
export interface KVCache {
  layers: LayerCache[];
  length: number;
}

export function createKVCache(): KVCache {
  return { layers: [], length: 0 };
}

export function disposeKVCache(cache: KVCache): void {
  for (const l of cache.layers) tf.dispose([l.k, l.v]);
  cache.layers = [];
  cache.length = 0;
}

/**
 * Runs only the new tokens through the model, attending to the cached keys and values, and returns the
 * logits of the last position, (B, V). Equal to forward(all tokens)[:, -1] up to float rounding; the cache
 * grows by idx's length and must not pass blockSize (generate() recomputes from a cropped context then).
 */
export function forwardCached(model: GPTModel, idx: tf.Tensor2D, cache: KVCache, opts: Pick<ForwardOptions, "arch"> = {}): tf.Tensor2D {
  const logits = tf.tidy(() => {
    const x = hidden(model, idx, opts, cache.layers, cache.length); // (B, T, C)
    const [B, T, C] = x.shape;
    const last = x.slice([0, T - 1, 0], [B, 1, C]).reshape([B, C]);
    return matmul(last, model.params["transformer.wte.weight"], false, true) as tf.Tensor2D; // (B, V)
  });
  cache.length += idx.shape[1];
  return logits;
}
