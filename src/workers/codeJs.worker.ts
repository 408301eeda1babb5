/// <reference lib="webworker" />
/**
 * Runs JavaScript/TypeScript code exercises with `tf` (cpu backend), `dojo` (src/core's public API) and
 * `pretrained()`. The model's bytes are fetched once, with a fetch kept in this module's closure, before the
 * network, IndexedDB and Cache Storage are removed from the worker's scope (learner code sees only globals).
 */
import * as dojo from "../core";
import { runJsWithTf } from "../course/code/jsHarness";
import { lockDown } from "../course/code/sandbox";
import type { CodeReply, CodeRequest } from "./codeProtocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: CodeReply) => scope.postMessage(reply);
const ownFetch = scope.fetch.bind(scope);
let ready: Promise<void> | undefined;
let bytes: Promise<Uint8Array> | undefined;

function modelBytes(url: string): Promise<Uint8Array> {
  bytes ??= ownFetch(url).then(async (res) => {
    if (!res.ok) throw new Error(`Could not load the pretrained model from ${url}: the server answered ${res.status}.`);
    return new Uint8Array(await res.arrayBuffer());
  });
  return bytes.catch((e) => {
    bytes = undefined;
    throw e;
  });
}

scope.onmessage = async (e: MessageEvent<CodeRequest>) => {
  const msg = e.data;
  if (msg.type !== "run") return;
  try {
    ready ??= dojo.tf.setBackend("cpu").then(async (ok) => {
      if (!ok) throw new Error("TensorFlow.js could not start its cpu backend in the code worker.");
      await dojo.tf.ready();
      const left = lockDown(scope);
      if (left.length) throw new Error(`Could not remove ${left.join(", ")} from the JS worker; refusing to run code with network access.`);
    });
    await ready;
    post({ type: "status", id: msg.id, stage: "running" });
    const result = await runJsWithTf(msg.code, msg.tests, msg.lang, dojo.tf, dojo as never, () => modelBytes(msg.assets.model));
    post({ type: "result", id: msg.id, result });
  } catch (err) {
    post({ type: "fatal", id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
};
