/**
 * The page's TensorFlow.js runtime, loaded on first need: importing this module pulls in TF.js and its
 * backends, so only widgets that compute (and the device page) import it, through loadRuntime().
 */
import { wasmPaths } from "./wasmPaths";
import { configureWasm, selectBackend, tf, type Backend, type BackendAttempt } from "../core/backend";
import { forcedBackend } from "./forcedBackend";
import { preferredOrder, type DeviceFacts } from "./facts";
import { setBackendState } from "./backendState";
import { deviceFacts, fingerprintOf, loadRecord, readOverride } from "./backendMeasure";
import { resolveBackend, withFirst, type BackendSource } from "./backendChoice";

export interface Runtime {
  tf: typeof tf;
  backend: Backend;
  forced: boolean;
  /** who picked it: ?backend= (url), the learner's override, this device's measurement, or the default order */
  source: BackendSource;
  attempts: BackendAttempt[];
  facts: DeviceFacts;
}

let started: Promise<Runtime> | null = null;

export function startRuntime(): Promise<Runtime> {
  started ??= (async () => {
    configureWasm(wasmPaths);
    const facts = await deviceFacts();
    const forced = forcedBackend();
    // the override or the measured fastest goes first; the heuristic order stays behind it as the fallback
    const { backend: first, source } = resolveBackend({ url: forced, override: readOverride(), measured: loadRecord(fingerprintOf(facts))?.choice });
    try {
      const { backend, attempts } = await selectBackend({ forced, order: withFirst(first, preferredOrder(facts)) });
      const actual: BackendSource = forced || backend === first ? source : "default";
      setBackendState({ backend, forced: Boolean(forced) });
      return { tf, backend, forced: Boolean(forced), source: actual, attempts, facts };
    } catch (e) {
      setBackendState({ error: (e as Error).message });
      started = null; // let a later widget try again (e.g. after the learner fixes the URL)
      throw e;
    }
  })();
  return started;
}
