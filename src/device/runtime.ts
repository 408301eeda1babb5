/**
 * The page's TensorFlow.js runtime, loaded on first need: importing this module pulls in TF.js and its
 * backends, so only widgets that compute (and the device page) import it, through loadRuntime().
 */
import { wasmPaths } from "./wasmPaths";
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
    configureWasm(wasmPaths);
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
