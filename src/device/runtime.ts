/**
 * The page's TensorFlow.js runtime, loaded on first need: importing this module pulls in TF.js and its
 * backends, so only widgets that compute (and the device page) import it, through loadRuntime().
 */
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { configureWasm, isBackend, selectBackend, tf, type Backend, type BackendAttempt } from "../core/backend";
import { preferredOrder, readDeviceFacts, type DeviceFacts } from "./facts";
import { setBackendState } from "./backendStore";

export interface Runtime {
  tf: typeof tf;
  backend: Backend;
  forced: boolean;
  attempts: BackendAttempt[];
  facts: DeviceFacts;
}

/** ?backend= in the page query or the hash query. */
export function forcedBackend(): Backend | undefined {
  const q = location.hash.indexOf("?");
  const value = new URLSearchParams(location.search).get("backend") ?? new URLSearchParams(q >= 0 ? location.hash.slice(q + 1) : "").get("backend");
  return isBackend(value) ? value : undefined;
}

let started: Promise<Runtime> | null = null;

export function startRuntime(): Promise<Runtime> {
  started ??= (async () => {
    // The wasm files are bundled with the site (never a CDN); each name maps to its hashed URL.
    configureWasm({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimd,
    });
    // subtle: the threaded wasm build starts its pthread workers from the source text of one bundled function,
    // and minification renames a variable that text refers to ("e is not defined" in every worker). Until the
    // threaded build is bundled unminified, use the single-threaded SIMD build. TF.js would give these 2-core
    // machines one thread anyway (it uses half of hardwareConcurrency); see BROWSER.md.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    const facts = await readDeviceFacts();
    const forced = forcedBackend();
    try {
      const { backend, attempts } = await selectBackend({ forced, order: preferredOrder(facts) });
      setBackendState({ backend, forced: Boolean(forced) });
      return { tf, backend, forced: Boolean(forced), attempts, facts };
    } catch (e) {
      setBackendState({ error: (e as Error).message });
      started = null; // let a later widget try again (e.g. after the learner fixes the URL)
      throw e;
    }
  })();
  return started;
}
