import * as tf from "@tensorflow/tfjs";

/**
 * Matrix products for the model, fast on every backend.
 *
 * subtle: tfjs-backend-wasm 4.22's BatchMatMul runs 10–20× slower when asked to transpose an operand (measured
 * with scripts/profile-step.ts: (1024, 64)·(256, 64)ᵀ took 11.7 ms, the same product with the weight already
 * (64, 256) 0.85 ms), and tf.matMul's own gradient asks for exactly those transposed products (dA = dY·Bᵀ,
 * dB = Aᵀ·dY). On wasm (and the plain-JS cpu backend) we therefore transpose explicitly (a cheap Transpose
 * kernel) and multiply untransposed, forward and backward. GPU backends transpose for free inside their
 * shaders, so they keep tf.matMul's flags.
 */
let explicit: boolean | null = null;
let explicitFor = "";
function explicitTransposes(): boolean {
  const backend = tf.getBackend();
  if (backend !== explicitFor) {
    explicitFor = backend;
    explicit = backend === "wasm" || backend === "cpu";
  }
  return explicit!;
}

/** Swaps the last two axes: (…, m, n) → (…, n, m). */
function swapLast(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  const perm = [...Array(r).keys()];
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(x, perm);
}

/** a·b with no transposes anywhere, forward or backward: dA = dY·swap(B), dB = swap(A)·dY. */
const plainProduct = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [tf.matMul(dy, swapLast(sb)), tf.matMul(swapLast(sa), dy)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** tf.matMul(a, b, transposeA, transposeB), on the backend's fast path (see above). Same shapes, same values. */
export function matmul(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor {
  // batched products (attention's (B, nh, T, T)) take wasm's generic loop either way: transposing first only adds work
  if (!explicitTransposes() || a.rank > 2 || b.rank > 2) return tf.matMul(a, b, transposeA, transposeB);
  return plainProduct(transposeA ? swapLast(a) : a, transposeB ? swapLast(b) : b);
}

/**
 * y + b for y (N, out) and a bias b (out). Its gradient for b is the column sum of dY, which wasm computes by
 * transposing dY and summing its rows; on wasm and cpu we take it as ones(1, N)·dY instead, one fast product.
 */
const biasAddOnes = tf.customGrad(((y: tf.Tensor, b: tf.Tensor) => ({
  value: y.add(b),
  gradFunc: (dy: tf.Tensor) => [dy, columnSum(dy).reshape(b.shape)],
})) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (y: tf.Tensor, b: tf.Tensor) => tf.Tensor;

export function addBias(y: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return explicitTransposes() ? biasAddOnes(y, b) : y.add(b);
}

/** Σ over the rows of a (N, C) tensor → (C): ones(1, N)·t on wasm and cpu (see addBias), t.sum(0) elsewhere. */
export function columnSum(t: tf.Tensor): tf.Tensor {
  if (!explicitTransposes()) return t.sum(0);
  const [n, c] = t.shape as [number, number];
  return tf.matMul(tf.ones([1, n]), t as tf.Tensor2D).reshape([c]);
}
