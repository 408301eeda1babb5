import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { parseShape } from "../../src/course/exercises/answers";
import {
  cosine,
  defaultGPTConfig,
  loadCheckpoint,
  lookupCopies,
  matrix,
  numParams,
  oneHotMatmulMacs,
  pairFrequency,
  paramShapes,
  ropeRotate,
  ropeScore,
  shufflePermutation,
  shuffleProbe,
  sinusoidalTable,
  tokenizerFromSpec,
  type GPTModel,
  type Tokenizer,
  type TokenizerSpec,
} from "../../src/core";
import { embeddingView, neighbours } from "../../src/widgets/embedding-map/embeddingMap";

/**
 * Lesson 5's exercise answers and the numbers its prose states, computed by project code: the core's embedding,
 * PCA, position and shuffle functions, and the pretrained model itself. A typo in the lesson fails here.
 */
const path = "lessons/05-embeddings/en.md";
const { source: lesson, problems, exercises, numericAnswer: answer, block } = readLessonExercises(path);
const close = (got: number, id: string) => expect(Math.abs(got - answer(id)), `${id}: computed ${got}, lesson says ${answer(id)}`).toBeLessThanOrEqual(Number(exercises.get(id)!.tol));
const says = (text: string) => expect(lesson, `the lesson should state "${text}"`).toContain(text);
const shape = (id: string) => parseShape(String(exercises.get(id)!.answer));

const GPT2 = { ...defaultGPTConfig, vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768, bias: true, dropout: 0 };
const count = (c: typeof GPT2) => paramShapes(c).reduce((s, [, sh]) => s + sh.reduce((a, b) => a * b, 1), 0);

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean and has the exercises this test checks", () => {
    expect(problems).toEqual([]);
    const checked = ["wte-shape", "onehot-row", "onehot-macs", "onehot-why-same", "emb-out-shape", "nearest-a", "cosine-calc", "shuffle-predict", "perm-equivariance", "wpe-rows", "pe-sin1", "pe-theta1", "pe-wavelength", "rope-rotate", "rope-score", "rope-where", "gpt2-wte-params", "gpt2-wte-share", "ours-emb-share", "tying-logit"];
    expect([...exercises.keys()].filter((k) => checked.includes(k)).sort()).toEqual([...checked].sort());
  });

  it("onehot-row: the one-hot of token 2 times the 3×2 table is row 2, (0.5, 0.6)", () => {
    const W = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
    const oneHotTimes = (x: number) => [0, 1].map((c) => W.reduce((s, r, v) => s + (v === x ? 1 : 0) * r[c], 0));
    expect(oneHotTimes(1)).toEqual([0.3, 0.4]); // the prose's example
    close(oneHotTimes(2)[1], "onehot-row");
  });
  it("onehot-macs: 64 · 83 · 64 = 339,968 multiply-adds against 4,096 copies; GPT-2 costs 38,597,376 per token", () => {
    close(oneHotMatmulMacs(64, 83, 64), "onehot-macs");
    expect(lookupCopies(64, 64)).toBe(4096);
    expect(oneHotMatmulMacs(1, 50257, 768)).toBe(38_597_376);
    says("$64 \\cdot 83 \\cdot 64 = 339{,}968$");
  });
  it("onehot-why-same: the one correct choice is the sum argument", () => {
    expect(block("onehot-why-same").match(/\{correct\}/g)).toHaveLength(1);
    expect(block("onehot-why-same")).toMatch(/only the term from row \$x\$ is non-zero\]\{correct\}/);
  });
  it("emb-out-shape: (8, 1024) ids become (8, 1024, 768)", () => {
    expect(shape("emb-out-shape")).toEqual({ error: false, dims: [8, 1024, 768] });
    expect(8 * 1024).toBe(8192);
  });
  it("cosine-calc: cos((1, 0), (1, 1)) = 0.7071", () => close(cosine([1, 0], [1, 1]), "cosine-calc"));
  it("pe-sin1: PE(1, 0) = sin 1 = 0.8415 and PE(1, 1) = cos 1 = 0.5403 (d = 4)", () => {
    const pe = sinusoidalTable(2, 4);
    close(pe[1][0], "pe-sin1");
    expect(pe[1][1].toFixed(4)).toBe("0.5403");
    says("PE_{(1,0)} = \\sin 1 = 0.8415");
    says("PE_{(1,1)} = \\cos 1 = 0.5403");
  });
  it("pe-theta1: θ₁ = 10000^(−2/4) = 0.01, so PE(1, 2) = sin 0.01 = 0.0100 and PE(1, 3) = 0.99995", () => {
    close(pairFrequency(1, 4), "pe-theta1");
    const pe = sinusoidalTable(2, 4);
    expect(pe[1][2].toFixed(4)).toBe("0.0100");
    expect(pe[1][3].toFixed(5)).toBe("0.99995");
  });
  it("pe-wavelength: 2π / 0.01 = 628.3 positions; pair 0 turns once every 6.28", () => {
    close((2 * Math.PI) / pairFrequency(1, 4), "pe-wavelength");
    expect(((2 * Math.PI) / pairFrequency(0, 4)).toFixed(2)).toBe("6.28");
  });
  it("rope-rotate: (1, 0) at position 1 becomes (0.5403, 0.8415)", () => {
    const r = ropeRotate([1, 0], 1);
    close(r[0], "rope-rotate");
    expect(r[1].toFixed(4)).toBe("0.8415");
  });
  it("rope-score: q = k = (1, 0) at positions 2 and 5 score cos 3 = −0.990, the same at 10 and 13", () => {
    close(ropeScore([1, 0], 2, [1, 0], 5), "rope-score");
    expect(ropeScore([1, 0], 10, [1, 0], 13)).toBeCloseTo(ropeScore([1, 0], 2, [1, 0], 5), 12);
  });
  it("rope-where, perm-equivariance, tying-logit: exactly one correct choice each, the one the solution explains", () => {
    expect(block("rope-where")).toMatch(/\[Into the queries and keys of every attention layer[^\]]*\]\{correct\}/);
    expect(block("perm-equivariance")).toMatch(/\[The vector it computes for "dog" is the same[^\]]*\]\{correct\}/);
    expect(block("tying-logit")).toMatch(/\[The dot product of the final hidden vector[^\]]*\]\{correct\}/);
    for (const id of ["rope-where", "perm-equivariance", "tying-logit", "nearest-a", "onehot-why-same"]) expect(block(id).match(/\{correct\}/g), id).toHaveLength(1);
  });
  it("gpt2-wte-params and gpt2-wte-share: 50,257 · 768 = 38,597,376 = 31.0% of 124,439,808 (the engine's parameter list)", () => {
    close(50257 * 768, "gpt2-wte-params");
    expect(count(GPT2)).toBe(124_439_808);
    close((100 * 50257 * 768) / count(GPT2), "gpt2-wte-share");
    expect(count(GPT2) + 50257 * 768).toBe(163_037_184); // an untied head
    expect(((100 * 1024 * 768) / count(GPT2)).toFixed(1)).toBe("0.6");
    expect(((100 * (50257 + 1024) * 768) / count(GPT2)).toFixed(1)).toBe("31.6");
    says("163,037,184");
  });
});

describe(`${path}: the numbers measured on the pretrained model`, () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let tok: Tokenizer;
  beforeAll(async () => {
    model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });
  const id = (ch: string) => tok.encode(ch)[0];
  const near = (ch: string, k: number) => neighbours(embeddingView(model, "wte", tok), id(ch), k).map((n) => ({ ch: tok.decode([n.index]), s: n.similarity.toFixed(3) }));

  it("wte-shape: wte is (83, 64); 'Call' is [26, 52, 63, 63]; a's row starts [0.1276, 0.1290, 0.0006, 0.0846]", () => {
    expect(shape("wte-shape")).toEqual({ error: false, dims: model.params["transformer.wte.weight"].shape });
    expect(tok.encode("Call")).toEqual([26, 52, 63, 63]);
    expect(id("b")).toBe(53);
    const row = (model.params["transformer.wte.weight"].arraySync() as number[][])[id("a")];
    expect(row.slice(0, 4).map((x) => x.toFixed(4))).toEqual(["0.1276", "0.1290", "0.0006", "0.0846"]);
    says("$[0.1276,\\ 0.1290,\\ 0.0006,\\ 0.0846,\\ \\dots]$");
  });
  it("nearest-a: o 0.496, e 0.483, i 0.452, u 0.322, then A 0.212", () => {
    expect(near("a", 5)).toEqual([{ ch: "o", s: "0.496" }, { ch: "e", s: "0.483" }, { ch: "i", s: "0.452" }, { ch: "u", s: "0.322" }, { ch: "A", s: "0.212" }]);
    expect(block("nearest-a")).toMatch(/\[`o`, `e`, `i`, `u`: the other vowels\]\{correct\}/);
  });
  it("the prose's neighbours: 1 → 3 (0.954); A → O, T, E, I, U; , → ; (0.883); space ↔ newline (0.582)", () => {
    expect(near("1", 1)).toEqual([{ ch: "3", s: "0.954" }]);
    expect(near("A", 5).map((n) => n.ch)).toEqual(["O", "T", "E", "I", "U"]);
    expect(near(",", 1)).toEqual([{ ch: ";", s: "0.883" }]);
    expect(near(" ", 1)).toEqual([{ ch: "\n", s: "0.582" }]);
    expect(near("\n", 1)).toEqual([{ ch: " ", s: "0.582" }]);
  });
  it("PCA: wte's axes explain 31.1% and 10.7%; wpe's first explains 87.5%", () => {
    const e = embeddingView(model, "wte", tok).pca.explained.map((x) => (100 * x).toFixed(1));
    expect(e).toEqual(["31.1", "10.7"]);
    expect((100 * embeddingView(model, "wpe", tok).pca.explained[0]).toFixed(1)).toBe("87.5");
    // "along the first, lowercase letters on one side, digits and brackets on the other; along the second,
    // punctuation at the bottom and capitals at the top"
    const pts = embeddingView(model, "wte", tok).pca.points;
    const pc = (ch: string, k: number) => pts[id(ch)][k];
    for (const l of "abcdefghijklmnopqrstuvwxyz") for (const d of "0123456789[]") expect(pc(l, 0), `${l} vs ${d}`).toBeGreaterThan(pc(d, 0));
    for (const p of ".,;:!?") for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") expect(pc(p, 1), `${p} vs ${c}`).toBeLessThan(pc(c, 1));
    says("31.1%");
    says("10.7%");
    says("87.5%");
  });
  it("wpe: neighbouring positions average cosine 0.880, positions 32 apart −0.479", () => {
    const wpe = matrix(model.params["transformer.wpe.weight"].arraySync() as number[][]);
    const mean = (k: number) => {
      let s = 0;
      for (let t = 0; t + k < wpe.rows; t++) s += cosine(wpe.data.subarray(t * 64, t * 64 + 64), wpe.data.subarray((t + k) * 64, (t + k) * 64 + 64));
      return s / (wpe.rows - k);
    };
    expect(mean(1).toFixed(3)).toBe("0.880");
    expect(mean(32).toFixed(3)).toBe("-0.479");
  });
  it("wpe-rows: 'Call me Ishmael.' is 16 characters, so 16 rows of wpe", () => close(tok.encode("Call me Ishmael.").length, "wpe-rows"));
  it("shuffle: no positions and no mask → only permuted (< 1e-4); the mask alone, or wpe alone, changes the outputs by more than 1", () => {
    const ids = tok.encode("Call me Ishmael. Some years ago");
    const perm = shufflePermutation(ids.length, 1);
    expect(shuffleProbe(model, ids, perm, { positions: false, causal: false }).permutedDiff).toBeLessThan(1e-4);
    expect(shuffleProbe(model, ids, perm, { positions: false, causal: true }).permutedDiff).toBeGreaterThan(1);
    expect(shuffleProbe(model, ids, perm, { positions: true, causal: false }).permutedDiff).toBeGreaterThan(1);
    // the widget's default: "Call me Ishmael." with seed 1
    const short = tok.encode("Call me Ishmael.");
    const p16 = shufflePermutation(short.length, 1);
    expect(shuffleProbe(model, short, p16, { positions: false, causal: false }).permutedDiff).toBeLessThan(1e-4);
    expect(shuffleProbe(model, short, p16, { positions: false, causal: true }).permutedDiff).toBeGreaterThan(3); // "several logits"
    expect(shuffleProbe(model, short, p16, { positions: true, causal: false }).permutedDiff.toFixed(1)).toBe("4.7");
  });
  it("ours-emb-share: wte 5,312 (3.33%) + wpe 4,096 (2.57%) = 9,408 = 5.9% of 159,488; the blocks 150,080 (94.10%)", () => {
    const total = numParams(model);
    expect(total).toBe(159_488);
    const wte = model.params["transformer.wte.weight"].size, wpe = model.params["transformer.wpe.weight"].size;
    expect([wte, wpe]).toEqual([5312, 4096]);
    expect(((100 * wte) / total).toFixed(2)).toBe("3.33");
    expect(((100 * wpe) / total).toFixed(2)).toBe("2.57");
    expect(total - wte - wpe).toBe(150_080);
    expect(((100 * (total - wte - wpe)) / total).toFixed(2)).toBe("94.10");
    close((100 * (wte + wpe)) / total, "ours-emb-share");
    says("| `wte` (tied with the head) | $83 \\times 64$ | 5,312 | 3.33% |");
    says("| `wpe` | $64 \\times 64$ | 4,096 | 2.57% |");
    says("| 150,080 | 94.10% |");
  });
});
