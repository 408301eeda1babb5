/**
 * Where the wasm backend's files are: bundled with the site (hashed URLs), never a CDN. Used by the page's
 * runtime and by the training worker.
 */
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { tf } from "../core/backend";

export const wasmPaths = {
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimd,
};

// subtle: the threaded wasm build starts its pthread workers from the source text of one bundled function,
// and minification renames a variable that text refers to ("e is not defined" in every worker). Until the
// threaded build is bundled unminified, use the single-threaded SIMD build. TF.js would give these 2-core
// machines one thread anyway (it uses half of hardwareConcurrency); see BROWSER.md.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
