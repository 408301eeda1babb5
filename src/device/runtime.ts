/**
 * The page's TensorFlow.js runtime, loaded on first need: importing this module pulls in TF.js and its
 * backends, so only widgets that compute (and the device page) import it, through loadRuntime().
 */
import { wasmPaths } from "./wasmPaths";
import { configureWasm, selectBackend, tf, type Backend, type BackendAttempt } from "../core/backend";
import { forcedBackend } from "./forcedBackend";
import { preferredOrder, readDeviceFacts, type DeviceFacts } from "./facts";
import { setBackendState } from "./backendStore";

export interface Runtime {
  tf: typeof tf;
  backend: Backend;
  forced: boolean;
  attempts: BackendAttempt[];
  facts: DeviceFacts;
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
