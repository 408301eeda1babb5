import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureWasm, disposeModel, loadCheckpoint, modelStep, tf, tokenizerFromSpec, trySetBackend, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { GPT_EXAMPLE, runSearch, samplePath } from "../../src/widgets/beam-tree/beamLogic";

/**
 * BeamTree's default GPT example on the pretrained model (public/models/moby-char.safetensors, on wasm as the
 * page runs here): greedy, the beam's winner and the seeded sample must be three different words, or the
 * comparison table teaches nothing (the old default, "The whale" stopping at a space, gave " " three times).
 */
let model: Awaited<ReturnType<typeof loadCheckpoint>>;
let tok: Tokenizer;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  configureWasm(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
  const attempt = await trySetBackend("wasm");
  if (!attempt.ok) throw new Error(attempt.error);
  model = await loadCheckpoint(new Uint8Array(readFileSync("public/models/moby-char.safetensors")));
  tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
});
afterAll(() => disposeModel(model));

describe("BeamTree's GPT example", () => {
  it("greedy, beam and sampling part ways: seat / whale / be", async () => {
    expect(GPT_EXAMPLE.stop).toBe("space");
    const before = tf.memory().numTensors;
    const step = modelStep(model);
    const prompt = tok.encode(GPT_EXAMPLE.prompt);
    const settings = { alpha: GPT_EXAMPLE.alpha, maxSteps: GPT_EXAMPLE.steps, stopToken: tok.encode(" ")[0] };
    const greedy = await runSearch(step, prompt, { ...settings, width: 1 });
    const beam = await runSearch(step, prompt, { ...settings, width: GPT_EXAMPLE.width });
    const sample = await samplePath(step, prompt, GPT_EXAMPLE.steps, GPT_EXAMPLE.seed, settings.stopToken);
    const words = [greedy.best, beam.best, sample.tokens].map((ids) => tok.decode(ids));
    expect(words).toEqual(["seat ", "whale ", "be "]);
    // the beam's pick is more probable than greedy's, which is the point of searching
    expect(beam.beams[0].logProb).toBeGreaterThan(greedy.beams[0].logProb);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
