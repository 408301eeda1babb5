/**
 * The same expressions on TensorFlow.js, so tf.grads can check our engine (as micrograd checks against PyTorch).
 * tf is passed in: the widget gets it from the lazily loaded runtime, the tests import it directly.
 */
import type * as tfjs from "@tensorflow/tfjs";
import { evaluate, lookupIn, type Expr, type Ops } from "./expr";

type TF = typeof tfjs;

export function tfOps(tf: TF): Ops<tfjs.Scalar> {
  return {
    num: (x) => tf.scalar(x),
    add: (a, b) => tf.add(a, b),
    sub: (a, b) => tf.sub(a, b),
    mul: (a, b) => tf.mul(a, b),
    div: (a, b) => tf.div(a, b),
    neg: (a) => tf.neg(a),
    pow: (a, k) => tf.pow(a, tf.scalar(k)),
    fn: (name, a) => (name === "exp" ? tf.exp(a) : name === "log" ? tf.log(a) : name === "tanh" ? tf.tanh(a) : name === "sigmoid" ? tf.sigmoid(a) : tf.relu(a)),
  };
}

/**
 * f and ∂f/∂x for every variable, by tf.grads on the active backend (float32 on every TF.js backend).
 * Example: tfGradients(tf, parseExpr("a*b"), ["a", "b"], { a: 2, b: -3 }) → { value: -6, grads: { a: -3, b: 2 } }
 */
export async function tfGradients(tf: TF, e: Expr, names: string[], values: Record<string, number>): Promise<{ value: number; grads: Record<string, number> }> {
  const ops = tfOps(tf);
  const f = (...xs: tfjs.Tensor[]) => evaluate(e, ops, lookupIn(Object.fromEntries(names.map((n, i) => [n, xs[i] as tfjs.Scalar]))));
  // One tidy: the graph's intermediates and the grads die here; only the stacked [f, ∂f/∂x1, …] leaves.
  const packed = tf.tidy(() => {
    const xs = names.map((n) => tf.scalar(values[n]));
    const grads = tf.grads(f)(xs);
    return tf.stack([f(...xs), ...grads]);
  });
  const data = Array.from(await packed.data());
  packed.dispose();
  return { value: data[0], grads: Object.fromEntries(names.map((n, i) => [n, data[i + 1]])) };
}
