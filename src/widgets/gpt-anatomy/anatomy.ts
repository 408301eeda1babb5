import { forward, paramShapes, tf, type GPTConfig, type GPTModel, type Trace } from "../../core";

/**
 * The whole GPT as a list of stages, for the anatomy view: what each stage computes (nanoGPT's line), the shape
 * of its output for one sequence of T tokens, and the parameters it reads. The values come from one traced
 * forward pass of the engine; ln_2 and the MLP's hidden layer, which the trace does not keep, are recomputed here
 * in plain arithmetic and checked against the traced mlp_out (tests/widgets/gpt-anatomy.test.ts).
 */
export type StageKind = "ids" | "vectors" | "attention" | "logits";

export interface StageDef {
  key: string; // "wte", "h.0.ln_1", "logits", …
  name: string; // the i18n key under anatomy.stages
  kind: StageKind;
  layer?: number;
  shape: number[]; // the output for a batch of one: (1, T, C), (1, nh, T, T), …
  params: { name: string; shape: number[] }[];
  code: string; // the line of nanoGPT's model.py that computes it
}

const BLOCK_STAGES = ["ln_1", "attn", "attn_out", "resid_1", "ln_2", "mlp_hidden", "mlp_out", "block_out"] as const;
export type BlockStage = (typeof BLOCK_STAGES)[number];

/** Every stage of a GPT with config `c` reading T tokens, in forward order. */
export function anatomyStages(c: GPTConfig, T: number): StageDef[] {
  if (!Number.isInteger(T) || T < 1 || T > c.blockSize) throw new Error(`The anatomy needs 1–${c.blockSize} tokens (blockSize), got ${T}.`);
  const shapes = new Map(paramShapes(c));
  const P = (...names: string[]) => names.filter((n) => shapes.has(n)).map((name) => ({ name, shape: shapes.get(name)! }));
  const C = c.nEmbd, nh = c.nHead;
  const stages: StageDef[] = [
    { key: "idx", name: "idx", kind: "ids", shape: [1, T], params: [], code: "idx  # (B, T) token ids" },
    { key: "wte", name: "wte", kind: "vectors", shape: [1, T, C], params: P("transformer.wte.weight"), code: "tok_emb = self.transformer.wte(idx)" },
    { key: "wpe", name: "wpe", kind: "vectors", shape: [T, C], params: P("transformer.wpe.weight"), code: "pos_emb = self.transformer.wpe(pos)" },
    { key: "emb", name: "emb", kind: "vectors", shape: [1, T, C], params: [], code: "x = self.transformer.drop(tok_emb + pos_emb)" },
  ];
  for (let i = 0; i < c.nLayer; i++) {
    const h = `transformer.h.${i}`;
    const per: Record<BlockStage, Omit<StageDef, "key" | "name" | "layer">> = {
      ln_1: { kind: "vectors", shape: [1, T, C], params: P(`${h}.ln_1.weight`, `${h}.ln_1.bias`), code: "self.ln_1(x)" },
      attn: { kind: "attention", shape: [1, nh, T, T], params: P(`${h}.attn.c_attn.weight`, `${h}.attn.c_attn.bias`), code: "att = softmax(masked(q @ k.transpose(-2, -1) / sqrt(hs)))" },
      attn_out: { kind: "vectors", shape: [1, T, C], params: P(`${h}.attn.c_proj.weight`, `${h}.attn.c_proj.bias`), code: "self.c_proj((att @ v).transpose(1, 2).view(B, T, C))" },
      resid_1: { kind: "vectors", shape: [1, T, C], params: [], code: "x = x + self.attn(self.ln_1(x))" },
      ln_2: { kind: "vectors", shape: [1, T, C], params: P(`${h}.ln_2.weight`, `${h}.ln_2.bias`), code: "self.ln_2(x)" },
      mlp_hidden: { kind: "vectors", shape: [1, T, 4 * C], params: P(`${h}.mlp.c_fc.weight`, `${h}.mlp.c_fc.bias`), code: "self.gelu(self.c_fc(x))" },
      mlp_out: { kind: "vectors", shape: [1, T, C], params: P(`${h}.mlp.c_proj.weight`, `${h}.mlp.c_proj.bias`), code: "self.c_proj(...)" },
      block_out: { kind: "vectors", shape: [1, T, C], params: [], code: "x = x + self.mlp(self.ln_2(x))" },
    };
    for (const s of BLOCK_STAGES) stages.push({ key: `h.${i}.${s}`, name: s, layer: i, ...per[s] });
  }
  stages.push(
    { key: "ln_f", name: "ln_f", kind: "vectors", shape: [1, T, C], params: P("transformer.ln_f.weight", "transformer.ln_f.bias"), code: "x = self.transformer.ln_f(x)" },
    { key: "logits", name: "logits", kind: "logits", shape: [1, T, c.vocabSize], params: [], code: "logits = self.lm_head(x)  # lm_head.weight is wte.weight" },
  );
  return stages;
}

export interface StageValues {
  shape: number[];
  data: Float32Array;
}

const EPS = 1e-5;

/** LayerNorm of each row of x (rows × C), as torch.nn.LayerNorm: biased variance, eps 1e-5. */
export function layerNormRows(x: Float32Array, C: number, w: Float32Array, b?: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < x.length / C; r++) {
    let mean = 0;
    for (let j = 0; j < C; j++) mean += x[r * C + j];
    mean /= C;
    let v = 0;
    for (let j = 0; j < C; j++) v += (x[r * C + j] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / C + EPS);
    for (let j = 0; j < C; j++) out[r * C + j] = (x[r * C + j] - mean) * inv * w[j] + (b ? b[j] : 0);
  }
  return out;
}

/** y = x Wᵀ + b for rows of x (rows × nIn), W stored (nOut, nIn) as PyTorch stores it. */
export function linearRows(x: Float32Array, nIn: number, w: Float32Array, nOut: number, b?: Float32Array): Float32Array {
  const rows = x.length / nIn;
  const out = new Float32Array(rows * nOut);
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < nOut; o++) {
      let s = b ? b[o] : 0;
      for (let k = 0; k < nIn; k++) s += x[r * nIn + k] * w[o * nIn + k];
      out[r * nOut + o] = s;
    }
  return out;
}

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), enough to show GELU's values. */
export function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** The exact GELU nanoGPT uses (nn.GELU()): x·Φ(x). GELU(1) = 0.8413. */
export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

/**
 * Every stage's values for one sequence of token ids: one traced forward pass (read back and disposed at once),
 * plus ln_2 and the MLP's hidden layer recomputed from the block's parameters.
 */
export function anatomyValues(model: GPTModel, ids: number[]): Record<string, StageValues> {
  const c = model.config;
  const T = ids.length;
  const stages = anatomyStages(c, T); // checks T
  const C = c.nEmbd;
  const P = model.params;
  const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
  const param = (name: string) => (P[name] ? read(P[name]) : undefined);
  const trace: Trace = {};
  const out: Record<string, StageValues> = {};
  try {
    const logits = tf.tidy(() => forward(model, tf.tensor2d([ids], [1, T], "int32"), { trace }));
    try {
      out.logits = { shape: logits.shape, data: Float32Array.from(read(logits)) };
    } finally {
      logits.dispose();
    }
    const wte = param("transformer.wte.weight")!;
    const wpe = param("transformer.wpe.weight")!;
    out.idx = { shape: [1, T], data: Float32Array.from(ids) };
    const tok = new Float32Array(T * C), pos = new Float32Array(T * C);
    ids.forEach((id, t) => {
      tok.set(wte.subarray(id * C, (id + 1) * C), t * C);
      pos.set(wpe.subarray(t * C, (t + 1) * C), t * C);
    });
    out.wte = { shape: [1, T, C], data: tok };
    out.wpe = { shape: [T, C], data: pos };
    const traced = (key: string) => ({ shape: trace[key].shape, data: Float32Array.from(read(trace[key])) });
    out.emb = traced("embeddings_sum");
    let x = out.emb.data;
    for (let i = 0; i < c.nLayer; i++) {
      const h = `transformer.h.${i}`;
      out[`h.${i}.ln_1`] = traced(`h.${i}.ln_1_out`);
      out[`h.${i}.attn`] = traced(`h.${i}.attn_probs`);
      out[`h.${i}.attn_out`] = traced(`h.${i}.attn_out`);
      const a = out[`h.${i}.attn_out`].data;
      const resid = x.map((v, k) => v + a[k]);
      out[`h.${i}.resid_1`] = { shape: [1, T, C], data: resid };
      const ln2 = layerNormRows(resid, C, param(`${h}.ln_2.weight`)!, param(`${h}.ln_2.bias`));
      out[`h.${i}.ln_2`] = { shape: [1, T, C], data: ln2 };
      const hidden = linearRows(ln2, C, param(`${h}.mlp.c_fc.weight`)!, 4 * C, param(`${h}.mlp.c_fc.bias`)).map(gelu);
      out[`h.${i}.mlp_hidden`] = { shape: [1, T, 4 * C], data: hidden };
      out[`h.${i}.mlp_out`] = traced(`h.${i}.mlp_out`);
      out[`h.${i}.block_out`] = traced(`h.${i}.block_out`);
      x = out[`h.${i}.block_out`].data;
    }
    out.ln_f = traced("ln_f_out");
  } finally {
    tf.dispose(Object.values(trace)); // the trace's tensors were kept (tf.keep): they are ours to free
  }
  for (const s of stages) if (!out[s.key]) throw new Error(`The forward pass gave no values for stage ${s.key}.`);
  return out;
}

export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** Mean, population standard deviation, min and max of every value. */
export function stats(data: ArrayLike<number>): Stats {
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    sum += data[i];
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  const mean = sum / data.length;
  let v = 0;
  for (let i = 0; i < data.length; i++) v += (data[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / data.length), min, max };
}

/** The k most likely next tokens after position t, from the logits (1, T, V): softmax over that row. */
export function topNext(logits: StageValues, t: number, k: number): { id: number; p: number }[] {
  const V = logits.shape[2];
  const row = logits.data.subarray(t * V, (t + 1) * V);
  let m = -Infinity;
  for (const z of row) m = Math.max(m, z);
  let total = 0;
  const e = Array.from(row, (z) => {
    const v = Math.exp(z - m);
    total += v;
    return v;
  });
  return e
    .map((v, id) => ({ id, p: v / total }))
    .sort((a, b) => b.p - a.p || a.id - b.id)
    .slice(0, k);
}

/** Parameters the stages read, each counted once (wte is read twice: embedding and tied head). */
export function stageParamCount(stages: StageDef[]): number {
  const seen = new Map<string, number>();
  for (const s of stages) for (const p of s.params) seen.set(p.name, p.shape.reduce((a, b) => a * b, 1));
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** "(1, 12, 64)" */
export function shapeText(shape: readonly number[]): string {
  return `(${shape.join(", ")})`;
}
