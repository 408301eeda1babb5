import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CharTokenizer, configureWasm, trySetBackend, disposeModel, loadCheckpoint, splitData, tf, tokenizerFromSpec, type TokenizerSpec } from "../../src/core";
import { evaluatePretrained, pretrainedRecipe } from "../../src/core/pretrained";
import { mobyDick } from "../../scripts/corpora";

/**
 * The course's pretrained model (public/models/moby-char.safetensors, made by scripts/pretrain.ts on wasm) loads
 * here on the same backend and reproduces the losses its card records, on the same fixed evaluation batches.
 */
const card = JSON.parse(readFileSync("public/models/moby-char.json", "utf8"));

beforeAll(async () => {
  // wasm, as the script used: the plain-JS cpu backend needs minutes for the 40 evaluation batches
  const require = createRequire(import.meta.url);
  configureWasm(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
  const attempt = await trySetBackend("wasm");
  if (!attempt.ok) throw new Error(attempt.error);
});

describe("the pretrained tiny model", () => {
  it("is the recipe's model, with the tokenizer of Moby-Dick's characters", async () => {
    const model = await loadCheckpoint(new Uint8Array(readFileSync("public/models/moby-char.safetensors")));
    expect(model.config).toEqual({ ...pretrainedRecipe.model, vocabSize: 83 });
    expect(model.meta.step).toBe(pretrainedRecipe.train.maxIters);
    const tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
    expect(tok.toJSON()).toEqual(CharTokenizer.fromText(mobyDick()).toJSON());
    expect(card.parameters).toBe(159488); // 83·64 + 64·64 + 3·(12·64² + 13·64) + 2·64: embeddings, blocks with biases, ln_f
    disposeModel(model);
  });

  it("reproduces its recorded validation loss on the recipe's evaluation batches", async () => {
    const before = tf.memory().numTensors;
    const model = await loadCheckpoint(new Uint8Array(readFileSync("public/models/moby-char.safetensors")));
    const tok = CharTokenizer.fromText(mobyDick());
    const splits = splitData(Uint16Array.from(tok.encode(mobyDick())));
    const { train, val } = await evaluatePretrained(model, splits);
    expect(val).toBeCloseTo(card.evaluation.val, 5);
    expect(train).toBeCloseTo(card.evaluation.train, 5);
    expect(val).toBeLessThan(Math.log(83) - 2.4); // far below the uniform guess ln 83 = 4.42
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
