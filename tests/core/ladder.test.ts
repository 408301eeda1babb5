import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CharTokenizer, splitData } from "../../src/core";
import { bigramBaseline, ladderRungs, ladderSettings, trainRung, withSteps, type RungProgress } from "../../src/core/ladder";
import { mobyDick } from "../../scripts/corpora";
import { useWasm } from "./helpers";

/**
 * The ladder's training loop and its recorded run (public/ladder/moby-char.json, made by scripts/ladder.ts on
 * wasm): the file holds today's settings and rungs, its baseline is recomputed from the corpus, and its first
 * rung is retrained here on the same backend to the same loss. The loop leaves no tensor behind.
 */
const recorded = JSON.parse(readFileSync("public/ladder/moby-char.json", "utf8"));
const text = mobyDick();
const tok = CharTokenizer.fromText(text);
const splits = splitData(Uint16Array.from(tok.encode(text)));

let previous = "";
beforeAll(async () => {
  previous = tf.getBackend();
  await useWasm(); // the recorded run's backend
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

describe("bigramBaseline", () => {
  it("works the docstring's example by hand: train abab, val ba → ln(3/2)", () => {
    expect(bigramBaseline(Uint16Array.from([0, 1, 0, 1]), Uint16Array.from([1, 0]), 2)).toBeCloseTo(Math.log(1.5), 12);
  });
  it("without smoothing, a val pair never seen in training costs infinity; add-one keeps it finite", () => {
    expect(bigramBaseline(Uint16Array.from([0, 1, 0, 1]), Uint16Array.from([1, 1]), 2, 0)).toBe(Infinity);
    expect(bigramBaseline(Uint16Array.from([0, 1, 0, 1]), Uint16Array.from([1, 1]), 2)).toBeCloseTo(Math.log(3), 12); // (0 + 1) / (1 + 2)
  });
});

describe("withSteps", () => {
  it("ends the cosine at the last step and keeps warmup within a tenth", () => {
    expect(withSteps(ladderSettings, 300)).toBe(ladderSettings);
    const s = withSteps(ladderSettings, 100);
    expect([s.train.maxIters, s.train.lrDecayIters, s.train.warmupIters]).toEqual([100, 100, 10]);
    expect(() => withSteps(ladderSettings, 1)).toThrow("The ladder needs a whole number of steps per rung, at least 2; got 1.");
  });
});

describe("the recorded ladder (public/ladder/moby-char.json)", () => {
  it("was made with today's settings and rungs, on Moby-Dick's 83 characters", () => {
    expect(recorded.settings).toEqual(ladderSettings);
    expect(recorded.rungs.map((r: { id: string }) => r.id)).toEqual(ladderRungs().map((r) => r.id));
    expect([recorded.corpus, recorded.tokenizer, recorded.vocabSize, recorded.backend]).toEqual(["moby-dick", "char", tok.vocabSize, "wasm"]);
    expect(recorded.lnVocab).toBeCloseTo(Math.log(83), 12);
  });
  it("its counting-bigram baseline is recomputed from the corpus", () => {
    expect(bigramBaseline(splits.train, splits.val, tok.vocabSize)).toBeCloseTo(recorded.bigramBaseline, 10);
  });
  it("its first rung retrains to the recorded train and val loss on the same backend", async () => {
    const r = await trainRung(ladderRungs()[0], ladderSettings, splits, tok.vocabSize);
    const rec = recorded.rungs[0];
    expect(r!.params).toBe(rec.params);
    expect(r!.val).toBeCloseTo(rec.val, 5);
    expect(r!.train).toBeCloseTo(rec.train, 5);
  }, 300_000);
});

describe("trainRung's loop", () => {
  const tiny = withSteps({ ...ladderSettings, model: { ...ladderSettings.model, nEmbd: 16, blockSize: 8 }, evaluation: { evalIters: 2, batchSize: 4, seed: 1 } }, 6);
  it("keeps tf.memory().numTensors flat from step to step and frees everything at the end, for every rung", async () => {
    for (const rung of ladderRungs(tiny)) {
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      const losses: number[] = [];
      const r = await trainRung(rung, tiny, splits, tok.vocabSize, (p: RungProgress) => {
        counts.push(tf.memory().numTensors);
        losses.push(p.loss);
      });
      // after step 0 AdamW has made its moments; from then on a step must not leave anything behind
      expect(new Set(counts.slice(1)).size, `${rung.id}: ${counts.join(", ")}`).toBe(1);
      expect(tf.memory().numTensors, rung.id).toBe(before);
      expect(losses.length).toBe(6);
      expect(losses[0]).toBeCloseTo(Math.log(83), 0); // untrained: about ln V
      expect(r!.val).toBeGreaterThan(0);
    }
  }, 300_000);
  it("stops when onStep says false, returns null and frees everything", async () => {
    const before = tf.memory().numTensors;
    let steps = 0;
    const r = await trainRung(ladderRungs(tiny)[6], tiny, splits, tok.vocabSize, () => ++steps < 3);
    expect([r, steps]).toEqual([null, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
