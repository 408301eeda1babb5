import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { BACKENDS, measureMatmulGflops, trySetBackend, type Backend } from "../core/backend";
import type { Runtime } from "./runtime";

/**
 * Starts every backend in turn, times a matmul on each, then returns to the backend the page uses.
 * WebGPU on a software adapter is slow, so its matmul is smaller: the probe must finish in seconds.
 */
export async function probeAllBackends(runtime: Runtime) {
  const rows = [];
  let wasmThreads: number | undefined;
  for (const backend of BACKENDS) {
    const attempt = await trySetBackend(backend);
    const facts = describe(backend, runtime);
    if (!attempt.ok) {
      rows.push({ backend, available: false, ...facts, error: attempt.error });
      continue;
    }
    const n = backend === "cpu" || (facts.software && backend === "webgpu") ? 128 : 256;
    const gflops = await measureMatmulGflops(n, 3);
    if (backend === "wasm") wasmThreads = getThreadsCount();
    rows.push({ backend, available: true, ...facts, gflops });
  }
  await trySetBackend(runtime.backend);
  return { rows, wasmThreads };
}

function describe(backend: Backend, runtime: Runtime): { adapter?: string; software?: boolean } {
  const f = runtime.facts;
  if (backend === "webgpu") return { adapter: f.webgpu.adapter, software: f.webgpu.available ? f.webgpu.software : undefined };
  if (backend === "webgl") return { adapter: f.webgl.renderer, software: f.webgl.available ? f.webgl.software : undefined };
  // "Software?" asks whether a GPU backend is emulated on the CPU; wasm and cpu run on the CPU by design.
  if (backend === "wasm") return { adapter: wasmSimd() ? "WebAssembly SIMD" : "WebAssembly" };
  return { adapter: "JavaScript" };
}

/** Whether this browser validates a WebAssembly SIMD instruction (TF.js's wasm backend then runs its SIMD build). */
function wasmSimd(): boolean {
  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), as wasm-feature-detect tests it
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}
