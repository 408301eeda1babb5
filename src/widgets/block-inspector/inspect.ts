import { forward, tf, type GPTModel, type Trace } from "../../core";

/**
 * BlockInspector's logic, framework-free: one traced forward pass of the engine, read back as plain arrays and
 * disposed at once, then statistics of every stage. The stream after attention's residual add, which the
 * trace does not keep, is the stream before it plus attention's output (exactly the engine's x.add(a)).
 */

export type StageKind = "stream" | "norm" | "write";

export interface Stage {
  key: "emb" | "ln_1" | "attn" | "resid_mid" | "mlp" | "block" | "ln_f";
  layer?: number;
  kind: StageKind;
  values: Float32Array; // (T, C), row-major
}

export interface Stats {
  mean: number;
  std: number; // population std over all T·C values
  rms: number; // mean over tokens of ‖x_t‖ / √C (the per-token scale a LayerNorm divides out)
  counts: number[]; // histogram over [−range, range], values outside land in the end bins
}

/**
 * Mean, std, per-token RMS and a histogram of a (T, C) array. Example: [1, 2, 3, 4] as T 1, C 4 → mean 2.5,
 * std √1.25 = 1.118, rms √7.5 = 2.739; with 4 bins over [−4, 4] the counts are [0, 0, 1, 3].
 */
export function stats(values: Float32Array | number[], C: number, bins: number, range: number): Stats {
  const N = values.length;
  let sum = 0;
  for (let i = 0; i < N; i++) sum += values[i];
  const mean = sum / N;
  let ss = 0;
  for (let i = 0; i < N; i++) ss += (values[i] - mean) ** 2;
  let rmsSum = 0;
  for (let t = 0; t < N / C; t++) {
    let sq = 0;
    for (let c = 0; c < C; c++) sq += values[t * C + c] ** 2;
    rmsSum += Math.sqrt(sq / C);
  }
  const counts = new Array(bins).fill(0);
  for (let i = 0; i < N; i++) {
    const b = Math.floor(((values[i] + range) / (2 * range)) * bins);
    counts[Math.min(bins - 1, Math.max(0, b))]++;
  }
  return { mean, std: Math.sqrt(ss / N), rms: rmsSum / (N / C), counts };
}

/** Every stage of one forward pass on `ids` (one sequence of at most blockSize tokens), in forward order. */
export function traceStages(model: GPTModel, ids: number[]): { stages: Stage[]; T: number; C: number } {
  const { nLayer, nEmbd: C, blockSize } = model.config;
  const T = ids.length;
  if (T < 1 || T > blockSize) throw new Error(`The model reads 1–${blockSize} tokens at once, got ${T}.`);
  const trace: Trace = {};
  try {
    tf.tidy(() => {
      forward(model, tf.tensor2d([ids], [1, T], "int32"), { trace });
    });
    const read = (key: string) => {
      if (!trace[key]) throw new Error(`The forward pass did not trace "${key}". Traced: ${Object.keys(trace).join(", ")}.`);
      return Float32Array.from(trace[key].dataSync());
    };
    const stages: Stage[] = [{ key: "emb", kind: "stream", values: read("embeddings_sum") }];
    let stream = stages[0].values;
    for (let i = 0; i < nLayer; i++) {
      const attn = read(`h.${i}.attn_out`);
      const mid = stream.map((x, j) => x + attn[j]); // float32 x + a, as the engine adds
      stages.push({ key: "ln_1", layer: i, kind: "norm", values: read(`h.${i}.ln_1_out`) });
      stages.push({ key: "attn", layer: i, kind: "write", values: attn });
      stages.push({ key: "resid_mid", layer: i, kind: "stream", values: mid });
      stages.push({ key: "mlp", layer: i, kind: "write", values: read(`h.${i}.mlp_out`) });
      stream = read(`h.${i}.block_out`);
      stages.push({ key: "block", layer: i, kind: "stream", values: stream });
    }
    stages.push({ key: "ln_f", kind: "norm", values: read("ln_f_out") });
    return { stages, T, C };
  } finally {
    tf.dispose(Object.values(trace)); // kept by the trace (tf.keep): ours to free
  }
}
