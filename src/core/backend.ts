import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu"; // registers "webgpu"
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm"; // registers "wasm"
import { DojoError } from "./errors";

/**
 * Choosing the TensorFlow.js backend, once, before the first tensor. No DOM here: callers pass in what
 * they know about the device (the page or the worker), so this file also runs in Node and in workers.
 */
export type Backend = "webgpu" | "webgl" | "wasm" | "cpu";
export const BACKENDS: readonly Backend[] = ["webgpu", "webgl", "wasm", "cpu"];

export function isBackend(name: unknown): name is Backend {
  return typeof name === "string" && (BACKENDS as readonly string[]).includes(name);
}

export interface BackendAttempt {
  backend: Backend;
  ok: boolean;
  error?: string;
}

/** Where the wasm backend finds its .wasm files: a folder URL ending in "/", or one URL per file name. */
export type WasmPaths = string | Record<string, string>;

let wasmPathsSet = false;
export function configureWasm(paths: WasmPaths): void {
  if (wasmPathsSet) return; // tfjs-backend-wasm only honours the first call before it initialises
  if (typeof paths === "string") setWasmPaths(paths);
  else setWasmPaths(paths as Parameters<typeof setWasmPaths>[0]);
  wasmPathsSet = true;
}

/**
 * Switches to one backend and says whether it really started.
 * subtle: tf.setBackend resolves false (it does not throw) when a backend cannot initialise, e.g. WebGPU
 * without an adapter, and TF.js then keeps computing on the previous backend. Callers must check this.
 */
export async function trySetBackend(backend: Backend): Promise<BackendAttempt> {
  try {
    const ok = await tf.setBackend(backend);
    if (!ok) return { backend, ok: false, error: `TensorFlow.js could not initialise the ${backend} backend on this device.` };
    await tf.ready();
    if (tf.getBackend() !== backend) return { backend, ok: false, error: `Asked for ${backend} but TensorFlow.js runs on ${tf.getBackend()}.` };
    return { backend, ok: true };
  } catch (e) {
    return { backend, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Tries `order` until one starts. A forced backend is tried alone: a learner who asked for webgl must not
 * silently get wasm; the error names what failed and what to do.
 */
export async function selectBackend(opts: { forced?: Backend; order?: readonly Backend[] } = {}): Promise<{ backend: Backend; attempts: BackendAttempt[] }> {
  const order = opts.forced ? [opts.forced] : (opts.order ?? ["webgpu", "webgl", "wasm", "cpu"]);
  const attempts: BackendAttempt[] = [];
  for (const backend of order) {
    const attempt = await trySetBackend(backend);
    attempts.push(attempt);
    if (attempt.ok) return { backend, attempts };
  }
  const detail = attempts.map((a) => `${a.backend}: ${a.error}`).join("; ");
  throw opts.forced
    ? new DojoError("backendForced", { backend: opts.forced, detail }, `The backend "${opts.forced}" requested with ?backend= could not start (${detail}). Remove ?backend= to let GPT Dojo choose.`)
    : new DojoError("noBackend", { detail }, `No TensorFlow.js backend could start (${detail}).`);
}

/**
 * A quick matmul speed in GFLOP/s on the current backend: `reps` products of two n×n matrices
 * (2n³ floating-point operations each), after one warm-up product that compiles shaders.
 */
export async function measureMatmulGflops(n = 256, reps = 5): Promise<number> {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  try {
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      const c = tf.matMul(a, b);
      await c.data(); // one read per product: includes the sync, as a training step would
      c.dispose();
    }
    const seconds = (performance.now() - t0) / 1000;
    return (2 * n * n * n * reps) / seconds / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

export { tf };
