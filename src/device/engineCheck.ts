/**
 * The engine on a bare page, for the browser tests (tests/e2e/engine.spec.ts) and for developers checking a
 * backend by hand in the console: `await dojo.use("webgl")`, then anything from `dojo.core`.
 */
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as core from "../core";
import { tf, type Backend } from "../core/backend";

core.configureWasm({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimd,
});
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false); // see src/device/runtime.ts

async function use(backend: Backend): Promise<string> {
  const { backend: chosen } = await core.selectBackend({ forced: backend });
  return chosen;
}

Object.assign(globalThis, { dojo: { core, tf, use } });
document.body.dataset.ready = "true";
