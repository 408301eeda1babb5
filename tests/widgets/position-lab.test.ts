import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCheckpoint, tokenizerFromSpec, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { positionTable, tableScale } from "../../src/widgets/position-lab/positions";
import { shuffleTest } from "../../src/widgets/position-lab/shuffle";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("positionTable", () => {
  it("sinusoidal, d = 2: row 1 is [sin 1, cos 1]; similarity of 0 with t is cos t", () => {
    const pt = positionTable("sinusoidal", 4, 2, 10000);
    expect(pt.cells[1][0]).toBeCloseTo(0.841471, 6);
    expect(pt.cells[1][1]).toBeCloseTo(0.540302, 6);
    pt.similarity(0).forEach((s, t) => expect(s).toBeCloseTo(Math.cos(t), 12));
  });
  it("sinusoidal and RoPE similarities depend only on the offset, and agree with each other", () => {
    const sin = positionTable("sinusoidal", 64, 16, 10000), rope = positionTable("rope", 64, 16, 10000);
    expect(sin.similarity(10)[13]).toBeCloseTo(sin.similarity(40)[43], 12);
    rope.similarity(10).forEach((s, t) => expect(s).toBeCloseTo(sin.similarity(10)[t], 12));
    expect(rope.similarity(10)[10]).toBeCloseTo(1, 12);
    expect(rope.cells[2][0]).toBeCloseTo(Math.cos(2), 12); // pair 0 turns one radian per position
  });
  it("none: all zeros, every position similar to every other; learned: the cosine of wpe rows", () => {
    const none = positionTable("none", 3, 4, 10000);
    expect(none.cells).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(none.similarity(1)).toEqual([1, 1, 1]);
    expect(tableScale(none.cells)).toBe(1e-9);
    const learned = positionTable("learned", 2, 0, 0, [[1, 0], [1, 1]]);
    expect(learned.similarity(0)[1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(() => positionTable("learned", 2, 0, 0)).toThrow("The learned scheme needs the model's wpe table");
  });
});

describe("the shuffle test on the pretrained model", () => {
  let demo: { model: GPTModel; tokenizer: Tokenizer };
  beforeAll(async () => {
    const model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    demo = { model, tokenizer: await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec) };
  });
  it("'Call me Ishmael.' without positions or mask: only permuted; every prediction moves with its token", () => {
    const r = shuffleTest(demo, "Call me Ishmael.", 1, { positions: false, causal: false });
    if (!r.ok) throw new Error(r.error);
    expect(r.permuted).toBe(true);
    expect(r.probe.permutedDiff).toBeLessThan(1e-4);
    r.shuffledPred.forEach((id, i) => expect(id).toBe(r.originalPred[r.probe.perm[i]]));
  });
  it("with wpe added, the same shuffle changes the outputs", () => {
    const r = shuffleTest(demo, "Call me Ishmael.", 1, { positions: true, causal: false });
    if (!r.ok) throw new Error(r.error);
    expect(r.permuted).toBe(false);
    expect(r.probe.permutedDiff).toBeGreaterThan(1);
  });
  it("says what is wrong with a text it cannot run", () => {
    expect(shuffleTest(demo, "a", 1, { positions: false, causal: false })).toEqual({ ok: false, error: "empty" });
    const r = shuffleTest(demo, "日本", 1, { positions: false, causal: false });
    expect(r.ok).toBe(false);
  });
  it("keeps the last blockSize characters of a long text", () => {
    const r = shuffleTest(demo, "x".repeat(70), 1, { positions: true, causal: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.dropped).toBe(6);
    expect(r.ids).toHaveLength(64);
  });
});
