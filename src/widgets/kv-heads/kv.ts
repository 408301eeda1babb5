/**
 * Multi-head, grouped-query and multi-query attention (Shazeer 2019; Ainslie et al. 2023): n_h query heads
 * share n_kv key/value heads in groups of g = n_h / n_kv. The KV cache keeps one K and one V per layer, token,
 * KV head and head dimension:
 *
 *   bytes = 2 · L · T · n_kv · d_head · bytes_per_value · B
 *
 * Example (the curriculum's, after rasbt's memory_estimator_gqa.py): d_model 4096, 32 heads, 32 layers,
 * context 32,768, bf16: 17.18 GB with MHA (n_kv = 32), 4.29 GB with 8 KV heads.
 */

export const DTYPES = { fp32: 4, fp16: 2, bf16: 2, int8: 1 } as const;
export type Dtype = keyof typeof DTYPES;
export const dtypeNames = Object.keys(DTYPES) as Dtype[];

export interface KVConfig {
  layers: number; // L
  tokens: number; // T, the context kept in the cache
  dModel: number;
  nHead: number; // query heads
  nKv: number; // key/value heads
  dtype: Dtype;
  batch: number; // B
}

export const KV_PRESETS = {
  llama: { layers: 32, tokens: 32768, dModel: 4096, nHead: 32, nKv: 32, dtype: "bf16", batch: 1 },
  gpt2: { layers: 12, tokens: 1024, dModel: 768, nHead: 12, nKv: 12, dtype: "fp16", batch: 1 },
  ours: { layers: 3, tokens: 64, dModel: 64, nHead: 4, nKv: 4, dtype: "fp32", batch: 1 },
} as const satisfies Record<string, KVConfig>;
export type KVPreset = keyof typeof KV_PRESETS;
export const kvPresetNames = Object.keys(KV_PRESETS) as KVPreset[];

/** The divisors of n, largest first: the n_kv values a slider may take. Example: 12 → [12, 6, 4, 3, 2, 1] */
export function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = n; d >= 1; d--) if (n % d === 0) out.push(d);
  return out;
}

/** What is wrong with a configuration, naming the values, or null. */
export function kvConfigError(c: KVConfig): string | null {
  for (const [name, v] of [["layers", c.layers], ["context", c.tokens], ["d_model", c.dModel], ["heads", c.nHead], ["KV heads", c.nKv], ["batch", c.batch]] as const)
    if (!Number.isInteger(v) || v < 1) return `${name} must be a whole number ≥ 1, got ${v}.`;
  if (c.dModel % c.nHead !== 0) return `d_model ${c.dModel} must be divisible by the number of heads ${c.nHead} (d_head = d_model / n_h).`;
  if (c.nHead % c.nKv !== 0) return `the ${c.nHead} query heads must split evenly into ${c.nKv} KV heads (n_kv must divide n_h; try ${divisors(c.nHead).join(", ")}).`;
  if (!(c.dtype in DTYPES)) return `dtype must be one of ${dtypeNames.join(", ")}, got ${c.dtype}.`;
  return null;
}

/** KV-cache bytes = 2 · L · T · n_kv · d_head · bytes_per_value · B. Throws on a bad configuration. */
export function kvCacheBytes(c: KVConfig): number {
  const err = kvConfigError(c);
  if (err) throw new Error(err);
  return 2 * c.layers * c.tokens * c.nKv * (c.dModel / c.nHead) * DTYPES[c.dtype] * c.batch;
}

/** The K/V head that query head q reads, with g = n_h / n_kv query heads per group. Example: (5, 8, 2) → 1 */
export function kvHeadOf(q: number, nHead: number, nKv: number): number {
  return Math.floor(q / (nHead / nKv));
}

/** The name of the arrangement: MHA when every head has its own K/V, MQA with one, GQA between. */
export function attentionKind(nHead: number, nKv: number): "MHA" | "GQA" | "MQA" {
  return nKv === nHead ? "MHA" : nKv === 1 ? "MQA" : "GQA";
}

/** Decimal units with two decimals, as memory estimators print them. Example: 17179869184 → "17.18 GB", 37748736 → "37.75 MB" */
export function formatBytes(bytes: number): string {
  const units = [["TB", 1e12], ["GB", 1e9], ["MB", 1e6], ["kB", 1e3]] as const;
  for (const [u, s] of units) {
    if (bytes >= s) {
      return `${(bytes / s).toFixed(2)} ${u}`;
    }
  }
  return `${bytes} B`;
}
