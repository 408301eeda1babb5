import * as tf from "@tensorflow/tfjs";

/**
 * AdamW's per-parameter update as one kernel on the CPU backends (wasm and cpu): one JavaScript loop over the
 * parameter instead of the fourteen TF.js ops of the composite update. On wasm each op costs ~20 µs of dispatch
 * (and the intermediate tensors a copy each), which for our small models is more than the arithmetic itself.
 *
 * Every operation rounds to float32 (Math.fround) in the composite's order, so the result is the composite
 * update's to the last bit: m ← m·β1 + g·(1−β1); v ← v·β2 + g²·(1−β2); p ← p·(1−lr·wd) (when it decays);
 * p ← p − (m / (√v / √(1−β2ᵗ) + ε)) · (lr / (1−β1ᵗ)).
 * GPU backends keep the composite ops (their kernels run in parallel on the device).
 */
export const ADAMW_KERNEL = "GptDojoAdamW";

export interface AdamWAttrs {
  beta1: number;
  beta2: number;
  eps: number;
  decayFactor: number; // 1 − lr·wd, or 1 where the parameter does not decay
  sqrtBc2: number;
  stepSize: number; // lr / (1 − β1ᵗ)
  [key: string]: number; // NamedAttrMap
}

const f = Math.fround;

function update(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, a: AdamWAttrs, outP: Float32Array, outM: Float32Array, outV: Float32Array): void {
  const b1 = f(a.beta1), c1 = f(1 - a.beta1), b2 = f(a.beta2), c2 = f(1 - a.beta2);
  const eps = f(a.eps), decay = f(a.decayFactor), sqrtBc2 = f(a.sqrtBc2), stepSize = f(a.stepSize);
  const decays = a.decayFactor !== 1;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = f(f(m[i] * b1) + f(gi * c1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    const pi = decays ? f(p[i] * decay) : p[i];
    const denom = f(f(f(Math.sqrt(vi)) / sqrtBc2) + eps);
    outM[i] = mi;
    outV[i] = vi;
    outP[i] = f(pi - f(f(mi / denom) * stepSize));
  }
}

interface WasmLike {
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}
interface CpuLike {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: "float32", values: Float32Array): tf.TensorInfo;
}

let registered = false;

/** Registers the kernel for wasm and cpu (once). */
export function registerFusedAdamW(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: ADAMW_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const b = backend as unknown as WasmLike;
      const { p, g, m, v } = inputs as Record<string, tf.TensorInfo>;
      // all outputs first: allocating can grow the wasm memory, which detaches earlier views of the heap
      const outs = [b.makeOutput(p.shape, "float32"), b.makeOutput(p.shape, "float32"), b.makeOutput(p.shape, "float32")];
      const [P, G, M, V, oP, oM, oV] = [p, g, m, v, ...outs].map((t) => b.typedArrayFromHeap(t));
      update(P, G, M, V, attrs as unknown as AdamWAttrs, oP, oM, oV);
      return outs;
    },
  });
  tf.registerKernel({
    kernelName: ADAMW_KERNEL,
    backendName: "cpu",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const b = backend as unknown as CpuLike;
      const { p, g, m, v } = inputs as Record<string, tf.TensorInfo>;
      const [P, G, M, V] = [p, g, m, v].map((t) => b.data.get(t.dataId).values);
      const [oP, oM, oV] = [0, 1, 2].map(() => new Float32Array(P.length));
      update(P, G, M, V, attrs as unknown as AdamWAttrs, oP, oM, oV);
      return [oP, oM, oV].map((vals) => b.makeTensorInfo(p.shape, "float32", vals));
    },
  });
}

/** Whether the active backend runs the fused update. */
export function hasFusedAdamW(): boolean {
  return tf.getKernel(ADAMW_KERNEL, tf.getBackend()) !== undefined;
}

/** [p', m', v'] for one parameter (new tensors; the caller assigns them). */
export function fusedAdamW(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamWAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.engine().runKernel(ADAMW_KERNEL, { p, g, m, v }, attrs) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
}
