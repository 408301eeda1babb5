/**
 * FrameworkCheck's numbers, with no React: our engine's gradients, and centred finite differences in float64 or
 * float32 arithmetic. (tf.grads comes from core/autograd/tfExpr.ts, on the page's TF.js backend.)
 */
import { Value } from "../../core/autograd/engine";
import { evaluate, float32Ops, lookupIn, numberOps, valueOps, type Expr } from "../../core/autograd/expr";

export type Precision = "f32" | "f64";

/** f and every ∂f/∂x by our engine. Example: engineGradients(parseExpr("a*b"), { a: 2, b: -3 }) → { value: -6, grads: { a: -3, b: 2 } } */
export function engineGradients(e: Expr, values: Record<string, number>): { value: number; grads: Record<string, number> } {
  const leaves = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, new Value(v, [], "", k)]));
  const out = evaluate(e, valueOps, lookupIn(leaves));
  out.backward();
  return { value: out.data, grads: Object.fromEntries(Object.entries(leaves).map(([k, v]) => [k, v.grad])) };
}

/**
 * The centred difference (f(x+h) − f(x−h)) / 2h for variable `name`. In "f32" every input, every intermediate
 * result and the difference itself are rounded to float32, as TF.js on a GPU would compute them.
 * Example: centralDifference(parseExpr("x^3"), { x: 1 }, "x", 1e-2, "f64") → 3.0001 (the truncation error is h²)
 */
export function centralDifference(e: Expr, values: Record<string, number>, name: string, h: number, precision: Precision): number {
  const r = precision === "f32" ? Math.fround : (x: number) => x;
  const ops = precision === "f32" ? float32Ops : numberOps;
  const env = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, r(v)]));
  const at = (x: number) => evaluate(e, ops, lookupIn({ ...env, [name]: x }));
  const x = env[name];
  // subtle: x + h is itself rounded, so in float32 a tiny h may not even change x (x + h === x).
  return r(r(at(r(x + h)) - at(r(x - h))) / r(2 * h));
}

/** |a − b| relative to the larger of the two; 0 when they are equal. Example: relativeError(1.001, 1) → 0.000999… */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** The h values the plot samples: 10^-1 … 10^-7 in quarter decades. */
export const plotExponents = Array.from({ length: 25 }, (_, k) => -1 - k / 4);

/** Relative error of the finite difference against `exact` at every plotted h. */
export function errorCurve(e: Expr, values: Record<string, number>, name: string, exact: number, precision: Precision): { log10h: number; error: number }[] {
  return plotExponents.map((p) => ({ log10h: p, error: relativeError(centralDifference(e, values, name, 10 ** p, precision), exact) }));
}
