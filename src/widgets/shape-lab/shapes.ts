/**
 * Shape rules for ShapeLab and lesson 1, as pure functions: broadcasting, matmul, Linear, transpose, reshape, sum.
 * Each returns the result shape or an error in words; tests compare every rule with TF.js on the cpu backend.
 */
import { formatShape, parseShape } from "../../course/exercises/answers";

export type Dims = number[];

/** One right-aligned axis of a broadcast: the two sizes (undefined: the shape is too short) and what happens. */
export interface AxisRow {
  a?: number;
  b?: number;
  out?: number;
  status: "equal" | "stretchA" | "stretchB" | "clash";
}

export type ShapeResult = { ok: true; dims: Dims; note?: string } | { ok: false; error: string };

/** Example: parseDims("2, 3, 4") → [2, 3, 4]; parseDims("(4,)") → [4]; parseDims("2,x") → null */
export function parseDims(text: string): Dims | null {
  const s = parseShape(text);
  return s && !s.error ? s.dims : null;
}

export const numel = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * Aligns two shapes from the right, as NumPy, PyTorch and TF.js do; a missing axis counts as size 1.
 * Example: broadcastTable([2, 3, 4], [3, 1]) →
 *   [{a: 2, out: 2, status: "stretchB"}, {a: 3, b: 3, out: 3, status: "equal"}, {a: 4, b: 1, out: 4, status: "stretchB"}]
 */
export function broadcastTable(a: readonly number[], b: readonly number[]): AxisRow[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const da = a[a.length - n + i], db = b[b.length - n + i]; // undefined where a shape is shorter
    const x = da ?? 1, y = db ?? 1;
    if (x === y) return { a: da, b: db, out: x, status: da === undefined ? "stretchA" : db === undefined ? "stretchB" : "equal" };
    if (x === 1) return { a: da, b: db, out: y, status: "stretchA" };
    if (y === 1) return { a: da, b: db, out: x, status: "stretchB" };
    return { a: da, b: db, status: "clash" };
  });
}

/**
 * The broadcast result shape, or the first clashing axis counted from the right as PyTorch reports it.
 * Example: broadcastShapes([2, 3, 4], [2, 3]) → { ok: false, error: "size 4 of a does not match size 3 of b at axis -1 …" }
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): ShapeResult {
  const rows = broadcastTable(a, b);
  const clash = rows.findLastIndex((r) => r.status === "clash"); // the first clash met walking from the right
  if (clash >= 0) {
    const r = rows[clash], axis = clash - rows.length;
    return { ok: false, error: `size ${r.a} of a does not match size ${r.b} of b at axis ${axis} (counting from the right); sizes must be equal or 1.` };
  }
  return { ok: true, dims: rows.map((r) => r.out as number) };
}

/**
 * a @ b as TF.js's tf.matMul computes it: both at least 2-D, the last axis of a meets the second-to-last of b,
 * and the batch axes in front broadcast. (PyTorch also takes 1-D operands as vectors; TF.js does not.)
 * Example: matmulShape([2, 3, 4], [4, 8]) → [2, 3, 8]; matmulShape([3, 4], [5, 4]) → inner sizes 4 and 5 differ
 */
export function matmulShape(a: readonly number[], b: readonly number[], transposeB = false): ShapeResult {
  if (a.length < 2 || b.length < 2)
    return { ok: false, error: `matMul needs at least 2 axes on each side, got ${formatShape(a)} and ${formatShape(b)}; a vector (n,) must be reshaped to (1, n) or (n, 1) first.` };
  const [n, k] = a.slice(-2);
  const [k2, m] = transposeB ? [b[b.length - 1], b[b.length - 2]] : b.slice(-2);
  if (k !== k2) return { ok: false, error: `inner sizes differ: a has ${k} columns but b${transposeB ? "ᵀ" : ""} has ${k2} rows.` };
  const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
  if (!batch.ok) return { ok: false, error: `the batch axes do not broadcast: ${batch.error}` };
  return { ok: true, dims: [...batch.dims, n, m] };
}

export type Convention = "torch" | "tfjs";

/**
 * A linear layer from `inF` to `outF` features on x of shape (…, inF). PyTorch stores the weight as (out, in)
 * and computes x Aᵀ + b; TF.js/Keras stores a kernel (in, out) and computes x W + b. Same numbers, transposed.
 * Example: linearShapes([2, 3, 768], 768, 3072, "torch") → weight [3072, 768], params 2362368, out [2, 3, 3072]
 */
export function linearShapes(x: readonly number[], inF: number, outF: number, convention: Convention) {
  const weight = convention === "torch" ? [outF, inF] : [inF, outF];
  const params = inF * outF + outF;
  const out: ShapeResult =
    x.length === 0
      ? { ok: false, error: "a linear layer needs at least one axis: the features." }
      : x[x.length - 1] !== inF
        ? { ok: false, error: `the last axis of x has ${x[x.length - 1]} features but the layer expects ${inF}.` }
        : { ok: true, dims: [...x.slice(0, -1), outF] };
  return { weight, bias: [outF], params, out };
}

/** PyTorch's dim convention: -1 is the last axis. Example: normaliseDim(-1, 3) → 2; normaliseDim(3, 3) → null */
export function normaliseDim(dim: number, rank: number): number | null {
  const d = dim < 0 ? dim + rank : dim;
  return Number.isInteger(d) && d >= 0 && d < rank ? d : null;
}

/** x.transpose(d0, d1). Example: transposeShape([2, 3, 4], -2, -1) → [2, 4, 3] */
export function transposeShape(x: readonly number[], d0: number, d1: number): ShapeResult {
  const i = normaliseDim(d0, x.length), j = normaliseDim(d1, x.length);
  if (i === null || j === null)
    return { ok: false, error: `dims ${d0} and ${d1} must lie in [${-x.length}, ${x.length - 1}] for a shape with ${x.length} axes.` };
  const out = [...x];
  [out[i], out[j]] = [out[j], out[i]];
  return { ok: true, dims: out };
}

/** x.reshape(target), with one -1 inferred. Example: reshapeShape([2, 3, 4], [6, -1]) → [6, 4] */
export function reshapeShape(x: readonly number[], target: readonly number[]): ShapeResult {
  const free = target.filter((d) => d === -1).length;
  if (free > 1) return { ok: false, error: "only one size may be -1." };
  const known = numel(target.filter((d) => d !== -1));
  const total = numel(x);
  if (free === 1) {
    if (known === 0 || total % known !== 0) return { ok: false, error: `${total} elements cannot be split into ${formatShape(target)}: ${total} / ${known} is not a whole number.` };
    return { ok: true, dims: target.map((d) => (d === -1 ? total / known : d)) };
  }
  if (known !== total) return { ok: false, error: `${formatShape(x)} has ${total} elements but ${formatShape(target)} holds ${known}; reshape never adds or drops elements.` };
  return { ok: true, dims: [...target] };
}

/** x.sum(dim, keepdim). Example: sumShape([27, 27], 1, false) → [27]; sumShape([27, 27], 1, true) → [27, 1] */
export function sumShape(x: readonly number[], dim: number, keepdim: boolean): ShapeResult {
  const d = normaliseDim(dim, x.length);
  if (d === null) return { ok: false, error: `dim ${dim} is out of range for a shape with ${x.length} axes (use ${-x.length} to ${x.length - 1}).` };
  return { ok: true, dims: keepdim ? x.map((s, i) => (i === d ? 1 : s)) : x.filter((_, i) => i !== d) };
}

/** Bytes per element of the dtypes a GPT is stored in. */
export const dtypeBytes = { float32: 4, bfloat16: 2, float16: 2, int8: 1 } as const;
export type Dtype = keyof typeof dtypeBytes;
export const dtypes = Object.keys(dtypeBytes) as Dtype[];

/** Example: tensorBytes([768, 3072], "float32") → 9437184 */
export const tensorBytes = (dims: readonly number[], dtype: Dtype) => numel(dims) * dtypeBytes[dtype];

/** Example: formatBytes(9449472) → "9,449,472 bytes (9.01 MiB)"; formatBytes(1000) → "1,000 bytes (0.98 KiB)" */
export function formatBytes(n: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let x = n, u = -1;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  const head = `${n.toLocaleString("en-US")} bytes`;
  return u < 0 ? (n >= 1000 ? `${head} (${(n / 1024).toFixed(2)} KiB)` : head) : `${head} (${x.toFixed(2)} ${units[u]})`;
}
