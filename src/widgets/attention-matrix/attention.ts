import { softmax } from "../../core";

/**
 * Scaled dot-product attention on plain arrays, stage by stage (scores → mask → softmax → context), for the
 * AttentionMatrix widget and the lesson's exercises. No TF.js here: the model's side is in modelAttention.ts.
 */

/** rasbt's toy sentence and its 3-d embeddings (LLMs-from-scratch, ch03, "simplified self-attention"). */
export const TOY_TOKENS = ["Your", "journey", "starts", "with", "one", "step"] as const;
export const TOY_EMBEDDINGS: readonly (readonly number[])[] = [
  [0.43, 0.15, 0.89], // Your
  [0.55, 0.87, 0.66], // journey
  [0.57, 0.85, 0.64], // starts
  [0.22, 0.58, 0.33], // with
  [0.77, 0.25, 0.1], // one
  [0.05, 0.8, 0.55], // step
];

export type Stage = "scores" | "masked" | "weights";
export const stages: readonly Stage[] = ["scores", "masked", "weights"];

export interface AttentionOptions {
  /** divide the scores by √d_k */
  scale: boolean;
  /** hide the future: key j > query i gets −∞ before the softmax */
  causal: boolean;
}

export interface AttentionStages {
  /** q_i · k_j, divided by √d_k when scaled: (L, L) */
  scores: number[][];
  /** the scores with −∞ above the diagonal when causal (otherwise the scores again) */
  masked: number[][];
  /** softmax of each masked row: every row sums to 1 */
  weights: number[][];
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`dot needs two vectors of one length, got ${a.length} and ${b.length}.`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Row-wise raw scores S_ij = q_i · k_j for queries (Lq, d) and keys (Lk, d). Example: toy "journey"·"Your" = 0.9544 */
export function rawScores(q: readonly ArrayLike<number>[], k: readonly ArrayLike<number>[]): number[][] {
  return q.map((qi) => k.map((kj) => dot(qi, kj)));
}

/**
 * The three stages from raw scores (L, L) and the head size d_k. Example, the toy's "journey" row unscaled and
 * unmasked: weights [0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581]; masked causally it sees only "Your" and
 * itself: [0.368, 0.632, 0, 0, 0, 0].
 */
export function attentionStages(raw: readonly (readonly number[])[], dk: number, { scale, causal }: AttentionOptions): AttentionStages {
  if (!(dk >= 1)) throw new Error(`d_k must be at least 1, got ${dk}.`);
  const c = scale ? 1 / Math.sqrt(dk) : 1;
  const scores = raw.map((row) => row.map((s) => s * c));
  // subtle: a row of length Lk for query i at absolute position i + (Lk − Lq), as the engine's causalMask
  const masked = scores.map((row, i) => row.map((s, j) => (causal && j > i + (row.length - scores.length) ? -Infinity : s)));
  const weights = masked.map((row) => Array.from(softmax(row)));
  return { scores, masked, weights };
}

/** Context vectors z_i = Σ_j w_ij v_j: (L, L) weights times values (L, d). Example: toy "journey" → [0.4419, 0.6515, 0.5683] */
export function contextVectors(weights: readonly (readonly number[])[], v: readonly ArrayLike<number>[]): number[][] {
  const d = v[0]?.length ?? 0;
  return weights.map((row) => {
    const z = new Array<number>(d).fill(0);
    row.forEach((w, j) => {
      for (let c = 0; c < d; c++) z[c] += w * v[j][c];
    });
    return z;
  });
}

/**
 * The lower-triangular averaging trick (Karpathy's "mathematical trick in self-attention"): a causal mask over
 * all-zero scores gives row i the uniform weights 1/(i+1) on tokens 0..i, so the output is a running mean.
 */
export function causalAverageWeights(L: number): number[][] {
  const zeros = Array.from({ length: L }, () => new Array<number>(L).fill(0));
  return attentionStages(zeros, 1, { scale: false, causal: true }).weights;
}

/** The toy's stages and context vectors with Q = K = V = x (identity projections, as in rasbt's simplified attention). */
export function toyAttention(opts: AttentionOptions) {
  const x = TOY_EMBEDDINGS;
  const st = attentionStages(rawScores(x, x), x[0].length, opts);
  return { ...st, context: contextVectors(st.weights, x) };
}

// ---- the model's heads ----------------------------------------------------------------------------------

/**
 * One head's raw scores q·k (no scale, no mask) from a layer's input and its packed c_attn projection.
 * x is ln_1's output (T, C) row-major; w is c_attn.weight in PyTorch layout (3C, C), rows q | k | v; b its
 * bias (3C) or undefined. Head h owns rows h·hs..(h+1)·hs−1 of each third (hs = C / nh), as in nanoGPT's
 * `q.view(B, T, nh, hs)`. Returns (T, T).
 */
export function headRawScores(x: ArrayLike<number>, T: number, C: number, w: ArrayLike<number>, b: ArrayLike<number> | undefined, nh: number, head: number): number[][] {
  if (C % nh !== 0) throw new Error(`nEmbd ${C} must be divisible by nHead ${nh}.`);
  if (!(head >= 0 && head < nh)) throw new Error(`head must be 0–${nh - 1}, got ${head}.`);
  if (x.length !== T * C) throw new Error(`the layer input must hold T·C = ${T}·${C} = ${T * C} numbers, got ${x.length}.`);
  if (w.length !== 3 * C * C) throw new Error(`c_attn.weight must be (3C, C) = (${3 * C}, ${C}), got ${w.length} numbers.`);
  const hs = C / nh;
  const project = (row0: number) =>
    Array.from({ length: T }, (_, t) => {
      const out = new Float64Array(hs);
      for (let r = 0; r < hs; r++) {
        const wr = (row0 + r) * C;
        let s = b ? b[row0 + r] : 0;
        for (let c = 0; c < C; c++) s += w[wr + c] * x[t * C + c];
        out[r] = s;
      }
      return out;
    });
  const q = project(head * hs); // (T, hs)
  const k = project(C + head * hs); // (T, hs)
  return rawScores(q, k);
}
