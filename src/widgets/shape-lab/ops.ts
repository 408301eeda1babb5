/**
 * ShapeLab's operations: what the second field means for each, the predicted result (shapes.ts), and the same
 * operation run by TF.js on zero tensors so the learner sees TF.js's own error text.
 */
import type * as TF from "@tensorflow/tfjs";
import { broadcastShapes, broadcastTable, linearShapes, matmulShape, numel, parseDims, reshapeShape, sumShape, transposeShape, type AxisRow, type Convention, type Dims, type ShapeResult } from "./shapes";

export const labOps = ["add", "mul", "matmul", "linear", "transpose", "reshape", "sum"] as const;
export type LabOp = (typeof labOps)[number];

/** Example: parseInts("-2, -1") → [-2, -1]; parseInts("(6, -1)") → [6, -1]; parseInts("a") → null */
export function parseInts(text: string): number[] | null {
  const s = text.trim().replace(/\u2212/g, "-").replace(/^[([]\s*|\s*[)\]]$/g, "");
  if (s === "") return [];
  const parts = s.split(/\s*,\s*|\s+/).filter((p, i, all) => p !== "" || i < all.length - 1);
  return parts.every((p) => /^-?\d+$/.test(p)) ? parts.map(Number) : null;
}

/** What the learner typed, read for one op: the shape a and the op's argument, or which field is unreadable. */
export type LabArgs =
  | { ok: true; op: LabOp; a: Dims; b: number[] }
  | { ok: false; field: "a" | "b" };

export function readArgs(op: LabOp, aText: string, bText: string): LabArgs {
  const a = parseDims(aText);
  if (!a) return { ok: false, field: "a" };
  const b = op === "add" || op === "mul" || op === "matmul" ? parseDims(bText) : parseInts(bText);
  const need = op === "linear" || op === "transpose" ? 2 : op === "sum" ? 1 : null;
  if (!b || (need !== null && b.length !== need) || (op === "linear" && b.some((d) => d <= 0))) return { ok: false, field: "b" };
  return { ok: true, op, a, b };
}

export interface LabOutcome {
  result: ShapeResult;
  table?: AxisRow[]; // add, mul, and matmul's batch axes
  weight?: Dims; // linear: the weight's shape under the chosen convention
  params?: number;
}

/** The rules' answer. Example: predict({ ok: true, op: "add", a: [2, 3, 4], b: [4] }, …).result → { ok: true, dims: [2, 3, 4] } */
export function predict(args: Extract<LabArgs, { ok: true }>, keepdim: boolean, convention: Convention): LabOutcome {
  const { op, a, b } = args;
  switch (op) {
    case "add":
    case "mul":
      return { result: broadcastShapes(a, b), table: broadcastTable(a, b) };
    case "matmul":
      return { result: matmulShape(a, b), table: a.length >= 2 && b.length >= 2 ? broadcastTable(a.slice(0, -2), b.slice(0, -2)) : undefined };
    case "linear": {
      const l = linearShapes(a, b[0], b[1], convention);
      return { result: l.out, weight: l.weight, params: l.params };
    }
    case "transpose":
      return { result: transposeShape(a, b[0], b[1]) };
    case "reshape":
      return { result: reshapeShape(a, b) };
    case "sum":
      return { result: sumShape(a, b[0], keepdim) };
  }
}

/** Zero tensors larger than this are not allocated; the rules alone answer. */
export const maxRunElements = 1 << 22;

/**
 * Runs the op in TF.js on zero tensors and reports TF.js's result shape or its error message, verbatim.
 * Example: runInTfjs(tf, { op: "add", a: [2, 3, 4], b: [2, 3] }) →
 *   { error: "Operands could not be broadcast together with shapes 2,3,4 and 2,3." }
 */
export function runInTfjs(tf: typeof TF, args: Extract<LabArgs, { ok: true }>, keepdim: boolean, convention: Convention): { dims: Dims } | { error: string } | { skipped: number } {
  const { op, a, b } = args;
  const other = op === "add" || op === "mul" || op === "matmul" ? b : op === "linear" ? [b[0], b[1]] : [];
  if (numel(a) > maxRunElements || numel(other) > maxRunElements) return { skipped: Math.max(numel(a), numel(other)) };
  try {
    const dims = tf.tidy(() => {
      const x = tf.zeros(a);
      switch (op) {
        case "add":
          return tf.add(x, tf.zeros(b)).shape;
        case "mul":
          return tf.mul(x, tf.zeros(b)).shape;
        case "matmul":
          return tf.matMul(x, tf.zeros(b)).shape;
        case "linear": {
          const [inF, outF] = b;
          // PyTorch: y = x Aᵀ + b with A (out, in); TF.js dense: y = x W + b with W (in, out).
          const y = convention === "torch" ? tf.matMul(x, tf.zeros([outF, inF]), false, true) : tf.matMul(x, tf.zeros([inF, outF]));
          return tf.add(y, tf.zeros([outF])).shape;
        }
        case "transpose": {
          const perm = a.map((_, i) => i);
          const [i, j] = b.map((d) => (d < 0 ? d + a.length : d));
          [perm[i], perm[j]] = [perm[j], perm[i]];
          return tf.transpose(x, perm).shape;
        }
        case "reshape":
          return tf.reshape(x, b).shape;
        case "sum":
          return tf.sum(x, b[0], keepdim).shape;
      }
    });
    return { dims };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
