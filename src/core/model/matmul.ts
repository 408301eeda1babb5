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
  // a decode step's product (one query row) is too small for the convolution's layout transposes to pay
  const rows = a.shape[a.rank - (transposeA ? 1 : 2)];
  if (a.rank > 2 && rows >= 8 && tf.getBackend() === "wasm") return batchedAsDepthwise(a, b, transposeA, transposeB);
  // batched products on cpu take its generic loop either way: transposing first only adds work
  // a few rows (a decode step's one token) are cheap even on the transposing path; transposing the weight is not
  if (!explicitTransposes() || a.rank > 2 || b.rank > 2 || rows < 8) return tf.matMul(a, b, transposeA, transposeB);
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

// ---- batched products on wasm ------------------------------------------------------------------------------

/**
 * op(a)·op(b) for stacks of matrices (…, M, K)·(…, K, N), as one depthwise convolution.
 *
 * subtle: wasm's BatchMatMul runs batched products (attention's per-head Q·Kᵀ and P·V) in a generic loop at
 * ~3 GFLOP/s, while its depthwise convolution goes through XNNPACK. With G = the stacked matrices as channels,
 * input x[0, m, k, g] = A[g, m, k] and filter f[0, k, g, n] = B[g, k, n], a 1×K "valid" depthwise convolution
 * with channel multiplier N gives y[0, m, 0, g·N + n] = Σₖ A[g, m, k]·B[g, k, n]: the batched product, 2–2.5×
 * faster at attention's shapes including the layout transposes (measured: (48, 64, 64)·(48, 64, 32) 3.9 → 1.8 ms).
 */
function depthwiseProduct(a: tf.Tensor3D, b: tf.Tensor3D, transposeA: boolean, transposeB: boolean): tf.Tensor3D {
  return tf.tidy(() => {
    const G = a.shape[0];
    const [M, K] = transposeA ? [a.shape[2], a.shape[1]] : [a.shape[1], a.shape[2]];
    const N = transposeB ? b.shape[1] : b.shape[2];
    const x = a.transpose(transposeA ? [2, 1, 0] : [1, 2, 0]).reshape([1, M, K, G]) as tf.Tensor4D; // (M, K, G)
    const f = b.transpose(transposeB ? [2, 0, 1] : [1, 0, 2]).reshape([1, K, G, N]) as tf.Tensor4D; // (K, G, N)
    const y = tf.depthwiseConv2d(x, f, 1, "valid"); // (1, M, 1, G·N)
    return y.reshape([M, G, N]).transpose([1, 0, 2]) as tf.Tensor3D;
  });
}

/** The product and its gradient (each gradient is again a batched product, taken the same way). */
const depthwiseProductWithGrad = (transposeA: boolean, transposeB: boolean) =>
  tf.customGrad(((a: tf.Tensor3D, b: tf.Tensor3D, save: tf.GradSaveFunc) => {
    save([a, b]);
    return {
      value: depthwiseProduct(a, b, transposeA, transposeB),
      gradFunc: (dy: tf.Tensor3D, [sa, sb]: tf.Tensor[]) => {
        const A = sa as tf.Tensor3D, B = sb as tf.Tensor3D;
        if (!transposeA && !transposeB) return [depthwiseProduct(dy, B, false, true), depthwiseProduct(A, dy, true, false)];
        if (!transposeA && transposeB) return [depthwiseProduct(dy, B, false, false), depthwiseProduct(dy, A, true, false)];
        if (transposeA && !transposeB) return [depthwiseProduct(B, dy, false, true), depthwiseProduct(A, dy, false, false)];
        return [depthwiseProduct(B, dy, true, true), depthwiseProduct(dy, A, true, true)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

const depthwiseProducts = [
  [depthwiseProductWithGrad(false, false), depthwiseProductWithGrad(false, true)],
  [depthwiseProductWithGrad(true, false), depthwiseProductWithGrad(true, true)],
];

function batchedAsDepthwise(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  if (a.rank !== b.rank || a.shape.slice(0, -2).join() !== b.shape.slice(0, -2).join())
    throw new Error(`Batched product of shapes (${a.shape.join(", ")}) and (${b.shape.join(", ")}): the leading dimensions must match (no broadcasting here).`);
  const lead = a.shape.slice(0, -2);
  const G = lead.reduce((x, y) => x * y, 1);
  const a3 = a.reshape([G, a.shape[a.rank - 2], a.shape[a.rank - 1]]) as tf.Tensor3D;
  const b3 = b.reshape([G, b.shape[b.rank - 2], b.shape[b.rank - 1]]) as tf.Tensor3D;
  const y = depthwiseProducts[transposeA ? 1 : 0][transposeB ? 1 : 0](a3, b3);
  return y.reshape([...lead, y.shape[1], y.shape[2]]);
}
