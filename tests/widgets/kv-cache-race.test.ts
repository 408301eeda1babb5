import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, loadCheckpoint, modelStep, tokenizerFromSpec, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { decode, decodeAll, kvWork, maxPromptFor } from "../../src/widgets/kv-cache-race/race";
import { kvCacheBytes } from "../../src/widgets/kv-heads/kv";
import { runSearch } from "../../src/widgets/beam-tree/beamLogic";

/**
 * KVCacheRace's logic: the counted work against the closed forms, and, on the course's pretrained model, the
 * same greedy tokens with and without the cache (and the same as the engine's generate()). No timing here.
 */
describe("the work formulas", () => {
  it("P = 16, N = 48: 1,896 K/V rows without the cache, 63 with", () => {
    expect(kvWork(16, 48)).toEqual({ without: 768 + 1128, with: 63 });
  });
  it("GPT-2 small's KV cache at 1,024 tokens in fp16 is 37,748,736 bytes ≈ 37.7 MB", () => {
    const bytes = kvCacheBytes({ layers: 12, tokens: 1024, dModel: 768, nHead: 12, nKv: 12, dtype: "fp16", batch: 1 });
    expect(bytes).toBe(37_748_736);
    expect(bytes / 1e6).toBeCloseTo(37.7, 1);
  });
  it("the largest prompt that leaves room for n tokens in the block", () => {
    expect(maxPromptFor(64, 48)).toBe(17);
    expect(maxPromptFor(64, 64)).toBe(1);
  });
});

const file = "public/models/moby-char.safetensors";
describe("on the pretrained model", () => {
  let model: Awaited<ReturnType<typeof loadCheckpoint>>;
  let tok: Tokenizer;
  beforeAll(async () => {
    await tf.setBackend("cpu");
    model = await loadCheckpoint(readFileSync(file)); // a Node Buffer: safetensors.ts copies each tensor out of it
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });

  it("greedy with and without the cache writes the same 48 tokens, and they are generate()'s", async () => {
    const prompt = tok.encode("Call me Ishmael.");
    const a = await decodeAll(model, prompt, 48, false);
    const b = await decodeAll(model, prompt, 48, true);
    expect(b.tokens).toEqual(a.tokens);
    expect(a.tokens).toEqual(await generate(model, prompt, { maxNewTokens: 48, greedy: true, useCache: false }));
    expect(tok.decode(a.tokens).length).toBe(48);
  });

  it("counts the rows each step computes: P, P+1, … without the cache; P, then 1, 1, … with it", async () => {
    const prompt = tok.encode("Call me Ishmael.");
    const P = prompt.length;
    expect(P).toBe(16);
    const a = await decodeAll(model, prompt, 48, false);
    const b = await decodeAll(model, prompt, 48, true);
    expect(a.kvRows).toEqual(Array.from({ length: 48 }, (_, i) => P + i));
    expect(b.kvRows).toEqual([P, ...new Array(47).fill(1)]);
    const sum = (x: number[]) => x.reduce((s, v) => s + v, 0);
    expect([sum(a.kvRows), sum(b.kvRows)]).toEqual([1896, 63]);
    expect(kvWork(P, 48)).toEqual({ without: 1896, with: 63 });
  });

  it("fills the block exactly (a 1-token prompt and 64 new tokens) and refuses one more", async () => {
    const one = tok.encode("T");
    const a = await decodeAll(model, one, 64, true);
    expect(a.tokens).toEqual((await decodeAll(model, one, 64, false)).tokens);
    await expect(decodeAll(model, tok.encode("Th"), 64, true)).rejects.toThrow(
      "A prompt of 2 tokens and 64 new tokens need 65 positions; the model's block is 64. Use at most 1 prompt tokens.",
    );
  });

  it("leaves no tensors behind, also when the race is stopped halfway", async () => {
    const prompt = tok.encode("Call me Ishmael.");
    await decodeAll(model, prompt, 4, true); // warm-up
    const before = tf.memory().numTensors;
    await decodeAll(model, prompt, 8, true);
    await decodeAll(model, prompt, 8, false);
    const steps = decode(model, prompt, 8, true);
    await steps.next();
    await steps.next();
    await steps.return(undefined);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("modelStep batches beams exactly like one sequence at a time; beam width 1 is generate()'s greedy", async () => {
    const step = modelStep(model);
    const seqs = ["The whale", "Call me I", "the sea, "].map((s) => tok.encode(s));
    const batch = await step(seqs);
    for (let i = 0; i < seqs.length; i++) {
      const [single] = await step([seqs[i]]);
      for (let j = 0; j < single.length; j++) expect(batch[i][j]).toBeCloseTo(single[j], 4);
    }
    const prompt = tok.encode("The whale");
    const greedy = await generate(model, prompt, { maxNewTokens: 10, greedy: true });
    const before = tf.memory().numTensors;
    const r = await runSearch(step, prompt, { width: 1, alpha: 1, maxSteps: 10 });
    expect(r.best).toEqual(greedy);
    expect(tf.memory().numTensors).toBe(before);
  });
});
