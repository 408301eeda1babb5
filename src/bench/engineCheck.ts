/**
 * The engine on a bare page, for the browser tests (tests/e2e/engine.spec.ts) and for developers checking a
 * backend by hand in the console: `await dojo.use("webgl")`, then anything from `dojo.core`.
 */
import { wasmPaths } from "../device/wasmPaths";
import * as core from "../core";
import { tf, type Backend } from "../core/backend";
import { runBench, type BenchOptions } from "./bench";

core.configureWasm(wasmPaths);

async function use(backend: Backend): Promise<string> {
  const { backend: chosen } = await core.selectBackend({ forced: backend });
  return chosen;
}

Object.assign(globalThis, { dojo: { core, tf, use, bench: (o: BenchOptions) => runBench(o) } });
document.body.dataset.ready = "true";
