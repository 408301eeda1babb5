import { describe, expect, it } from "vitest";
import { checkCheckpointHeader, checkTokenizerSpec } from "../../src/workers/checkpointGuard";
import { GPT4_SPLIT_PATTERN } from "../../src/core/tokenizers/regex";
import { createModel, disposeModel, saveCheckpoint, CharTokenizer, tf } from "../../src/core";

/** A .safetensors file: an 8-byte length, the header JSON, then `dataBytes` zero bytes. */
function file(metadata: Record<string, string>, dataBytes = 0): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ __metadata__: metadata }));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}
const config = (c: object = {}) => JSON.stringify({ n_layer: 1, n_head: 1, n_embd: 4, block_size: 2, bias: true, vocab_size: 2, dropout: 0, ...c });

describe("checkpoint header guard (issue 11, item 7)", () => {
  it("refuses a config the lab cannot build from the header alone: a million layers in 256 bytes", () => {
    const bytes = file({ config: config({ n_layer: 1_000_000 }) });
    expect(bytes.length).toBeLessThan(256);
    expect(() => checkCheckpointHeader(bytes)).toThrow("The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24. This file cannot be loaded here.");
  });
  it("refuses a file too small for the weights its config claims", () => {
    // 2 layers × 64 wide, vocabulary 65, block 32: (65·64 + 32·64 + 2·12·64²)·4 = 418,048 bytes at least
    expect(() => checkCheckpointHeader(file({ config: config({ n_layer: 2, n_head: 4, n_embd: 64, block_size: 32, vocab_size: 65 }) }, 1000))).toThrow(
      "The checkpoint claims a model of 2 layers × 64 wide with a vocabulary of 65, which needs at least 418,048 bytes of weights, but the file holds 1,000.",
    );
  });
  it("never compiles a split pattern from a file: only GPT-4's and GPT-2's are accepted", () => {
    expect(() => checkTokenizerSpec(JSON.stringify({ kind: "bpe-regex", pattern: "(a+)+$", merges: [] }))).toThrow(
      'The checkpoint\'s tokenizer uses its own split pattern "(a+)+$". The lab only runs GPT-4\'s and GPT-2\'s patterns',
    );
    expect(() => checkTokenizerSpec(JSON.stringify({ kind: "bpe-regex", pattern: GPT4_SPLIT_PATTERN, merges: [] }))).not.toThrow();
    expect(() => checkTokenizerSpec(JSON.stringify({ kind: "char", chars: ["a", "b"] }))).not.toThrow();
  });
  it("keeps the safetensors reader's messages for a damaged file", () => {
    expect(() => checkCheckpointHeader(new Uint8Array(0))).toThrow(/^The file has 0 bytes/);
  });
  it("reads a real checkpoint's config and step", async () => {
    await tf.setBackend("cpu");
    const tok = CharTokenizer.fromText("abcd");
    const model = createModel({ vocabSize: 4, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 8, dropout: 0, bias: true }, 1);
    const bytes = await saveCheckpoint(model, { tokenizer: tok.toJSON(), step: 17 });
    disposeModel(model);
    expect(checkCheckpointHeader(bytes)).toEqual({ config: { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 8, vocabSize: 4, bias: true, dropout: 0 }, step: 17 });
  });
});
