import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCheckpoint, pca, tokenizerFromSpec, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { charGroup, drawnRows, embeddingView, neighbours, viewOfRows } from "../../src/widgets/embedding-map/embeddingMap";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("charGroup", () => {
  it.each([["e", "vowel"], ["t", "consonant"], ["E", "upper"], ["7", "digit"], [",", "punct"], ["—", "punct"], [" ", "space"], ["\n", "space"]])("%j is a %s", (ch, g) =>
    expect(charGroup(ch)).toBe(g),
  );
});

describe("drawnRows", () => {
  it("draws everything up to the cap; above it, the first ids plus the selection and its neighbours", () => {
    expect(drawnRows(83, 400, [5])).toBeNull();
    expect([...drawnRows(1000, 3, [500, 2, 999, -1, 1000])!].sort((a, b) => a - b)).toEqual([0, 1, 2, 500, 999]);
  });
});

describe("viewOfRows on a hand-made table", () => {
  // three "vowels" along one direction, two "digits" along another
  const rows = [[1, 0, 0], [0.9, 0.1, 0], [0.95, -0.05, 0], [0, 0, 1], [0, 0.1, 0.9]];
  const v = viewOfRows(rows, ["a", "e", "o", "1", "2"]);
  it("projects with the core PCA, and a's nearest rows are the other vowels (cosine 0.9939, 0.9986)", () => {
    expect(v.pca.points).toEqual(pca(rows).points);
    const n = neighbours(v, 0, 2);
    expect(n.map((x) => v.labels[x.index])).toEqual(["o", "e"]);
    expect(n[0].similarity).toBeCloseTo(0.95 / Math.sqrt(0.95 ** 2 + 0.05 ** 2), 10);
    expect(n[1].similarity).toBeCloseTo(0.9 / Math.sqrt(0.82), 10);
  });
  it("asks for at most rows − 1 neighbours", () => expect(neighbours(v, 3, 10)).toHaveLength(4));
});

describe("the pretrained model's embeddings (moby-char)", () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let tok: Tokenizer;
  beforeAll(async () => {
    model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });
  const near = (ch: string, k: number) => {
    const v = embeddingView(model, "wte", tok);
    return neighbours(v, tok.encode(ch)[0], k).map((n) => tok.decode([n.index]));
  };
  it("a's four nearest characters are the other vowels o, e, i, u", () => expect(near("a", 4)).toEqual(["o", "e", "i", "u"]));
  it("every digit's five nearest are digits; A's and T's five nearest are capitals", () => {
    for (const d of "0123456789") expect(near(d, 5).every((c) => /[0-9]/.test(c)), d).toBe(true);
    for (const c of "AT") expect(near(c, 5).every((x) => /[A-Z]/.test(x)), c).toBe(true);
  });
  it("the projection is deterministic and its PC1 puts lowercase letters on one side, digits on the other", () => {
    const a = embeddingView(model, "wte", tok), b = embeddingView(model, "wte", tok);
    expect(a.pca.points).toEqual(b.pca.points);
    const x = (ch: string) => a.pca.points[tok.encode(ch)[0]][0];
    for (const l of "aeinost") for (const d of "0123456789") expect(x(l)).toBeGreaterThan(x(d));
  });
  it("wpe: PC1 holds 87% of the variance and orders positions 1–62 (a steady walk)", () => {
    const v = embeddingView(model, "wpe", tok);
    expect(v.pca.explained[0]).toBeCloseTo(0.8745, 3);
    const xs = v.pca.points.map((p) => p[0]);
    for (let i = 1; i < 62; i++) expect(xs[i + 1]).toBeLessThan(xs[i]);
    expect(v.labels.slice(0, 3)).toEqual(["0", "1", "2"]);
  });
  it("reading the tables creates no tensors", () => {
    const before = tf.memory().numTensors;
    embeddingView(model, "wte", tok);
    embeddingView(model, "wpe", tok);
    expect(tf.memory().numTensors).toBe(before);
  });
});
