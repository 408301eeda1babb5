import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { CharTokenizer, getBatch, Random, splitData, type TokenArray } from "../../src/core";
import { batchOffsets, tokensPerStep, trainSplit, windowsAt } from "../../src/widgets/data-loader-view/batches";
import { visibleWhitespace } from "../../src/widgets/shared/text";
import { firstNames, mobyDick } from "../../scripts/corpora";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const moby = mobyDick();
const tok = CharTokenizer.fromText(moby);
const ids = Uint16Array.from(tok.encode(moby));
const train = trainSplit(ids);

/** getBatch's x and y as plain arrays, B rows of T. */
function engineBatch(data: TokenArray, B: number, T: number, rng: Random): { x: number[][]; y: number[][] } {
  const { x, y } = getBatch(data, B, T, rng);
  const out = { x: x.arraySync() as number[][], y: y.arraySync() as number[][] };
  tf.dispose([x, y]);
  return out;
}

describe("the widget's windows are the engine's getBatch", () => {
  it("Moby-Dick has 83 characters, and trainSplit is splitData's first 90%", () => {
    expect(tok.vocabSize).toBe(83);
    const { train: engineTrain } = splitData(ids);
    expect(train.length).toBe(engineTrain.length);
    expect(train.length).toBe(Math.floor(ids.length * 0.9));
  });

  it.each([
    [4, 16, 42],
    [8, 64, 1337],
    [1, 2, -7],
  ])("B=%i, T=%i, seed %i: same offsets, same x and y (shifted by one)", (B, T, seed) => {
    const before = tf.memory().numTensors;
    const ours = windowsAt(train, batchOffsets(train.length, B, T, seed), T);
    const theirs = engineBatch(train, B, T, new Random(seed));
    expect(ours.map((w) => w.x)).toEqual(theirs.x);
    expect(ours.map((w) => w.y)).toEqual(theirs.y);
    for (const w of ours) expect(w.y.slice(0, -1)).toEqual(w.x.slice(1));
    expect(tf.memory().numTensors).toBe(before); // the tensors getBatch made were freed
  });

  it("batch k is the (k+1)-th getBatch call on one generator", () => {
    const rng = new Random(2024);
    const engine = [0, 1, 2].map(() => engineBatch(train, 3, 8, rng));
    for (const k of [0, 1, 2]) expect(windowsAt(train, batchOffsets(train.length, 3, 8, 2024, k), 8).map((w) => w.x)).toEqual(engine[k].x);
  });

  it("the value the browser test checks: B=4, T=16, seed 42 starts row 0 at offset 256625, ' to the cabin, t'", () => {
    const [first] = windowsAt(train, batchOffsets(train.length, 4, 16, 42), 16);
    expect(first.offset).toBe(256625);
    expect(tok.decode(first.x)).toBe(" to the cabin, t");
  });

  it("first names: 28 characters (a–z, '-' and newline)", () => {
    expect(CharTokenizer.fromText(firstNames()).vocabSize).toBe(28);
  });

  it("errors name the values", () => {
    expect(() => batchOffsets(10, 2, 10, 1)).toThrow("the split has 10 tokens, but one window needs T + 1 = 11");
    expect(() => batchOffsets(100, 0, 8, 1)).toThrow("B must be a whole number of at least 1, got 0");
    expect(() => windowsAt(train, [train.length - 4], 8)).toThrow(`A window at offset ${train.length - 4} needs tokens up to ${train.length + 4}`);
  });
});

describe("tokens per step", () => {
  it("nanoGPT's GPT-2 run: 40 × 12 × 1024 = 491,520; the course model: 1 × 24 × 64 = 1,536", () => {
    expect(tokensPerStep(40, 12, 1024)).toBe(491_520);
    expect(tokensPerStep(1, 24, 64)).toBe(1536);
    expect(() => tokensPerStep(0, 12, 1024)).toThrow("gradAccumSteps must be a whole number of at least 1, got 0");
  });
  it("shows space and newline as visible marks", () => expect([" ", "\n", "a"].map(visibleWhitespace)).toEqual(["␣", "↵", "a"]));
});
