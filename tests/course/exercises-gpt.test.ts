import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { paramShapes, type GPTConfig } from "../../src/core";
import { ladderRungs, ladderSettings, createVariant, rungConfig } from "../../src/core/ladder";
import { counterPresets, totals } from "../../src/widgets/param-counter/count";
import { stats } from "../../src/widgets/block-inspector/inspect";
import { pretrainedRecipe } from "../../src/core/pretrained";

/**
 * Lesson 7's exercise answers and the numbers its prose states, recomputed by project code: the parameter
 * counter's arithmetic (itself checked against the engine's parameter shapes), the ladder's recorded file
 * (public/ladder/moby-char.json, made by scripts/ladder.ts), the engine's rungs and init, and plain formulas.
 */
const path = "lessons/07-gpt/en.md";
const { source, problems, exercises, numericAnswer: answer, block } = readLessonExercises(path);
const lesson = source.replace(/\{,\}/g, ","); // KaTeX's 124{,}439{,}808 reads as 124,439,808
const recorded = JSON.parse(readFileSync("public/ladder/moby-char.json", "utf8")) as {
  bigramBaseline: number;
  lnVocab: number;
  rungs: { id: string; params: number; train: number; val: number }[];
};
const rung = (id: string) => recorded.rungs.find((r) => r.id === id)!;
const close = (got: number, id: string) => expect(Math.abs(got - answer(id))).toBeLessThanOrEqual(Number(exercises.get(id)!.tol));

/** LayerNorm of one vector, γ = 1, β = 0, eps 1e-5 (the biased variance). */
const layerNorm = (x: number[]) => {
  const mu = x.reduce((a, b) => a + b, 0) / x.length;
  const v = x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length;
  return x.map((u) => (u - mu) / Math.sqrt(v + 1e-5));
};
/** Φ through erf's series (converges fast for |x| ≤ 3): erf(z) = 2/√π Σ (−1)ⁿ z^(2n+1) / (n! (2n+1)). */
const erf = (z: number) => {
  let sum = 0, term = z;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-z * z) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};
const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));
const engineCount = (c: GPTConfig) => paramShapes(c).reduce((s, [, shape]) => s + shape.reduce((a, b) => a * b, 1), 0);
const f2 = (x: number) => x.toFixed(2);

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean and has the exercises this test checks", () => {
    expect(problems).toEqual([]);
    expect([...exercises.keys()].sort()).toEqual(
      ["block-params", "cproj-init", "dropout-scale", "gelu-neg", "gelu-one", "gpt2-total", "ladder-heads-params", "ladder-residual-gain", "ladder-worse", "ln-first", "ln-shift", "mlp-params", "prenorm-where", "stream-grows", "tied-saves", "why-not-batchnorm"].sort(),
    );
  });

  it("ln-first and the worked example: LN([1,2,3,4]) = LN([2,4,6,8]) = [−1.342, −0.447, 0.447, 1.342]", () => {
    expect(layerNorm([1, 2, 3, 4]).map((x) => x.toFixed(3))).toEqual(["-1.342", "-0.447", "0.447", "1.342"]);
    close(layerNorm([2, 4, 6, 8])[0], "ln-first");
    expect(lesson).toContain("[-1.342,\\ -0.447,\\ 0.447,\\ 1.342]");
  });
  it("ln-shift: a shift changes nothing; a constant vector gives 0", () => {
    expect(layerNorm([101, 102, 103, 104]).map((x) => x.toFixed(3))).toEqual(["-1.342", "-0.447", "0.447", "1.342"]);
    expect(layerNorm([5, 5, 5, 5])).toEqual([0, 0, 0, 0]);
    expect(block("ln-shift")).toContain("[-1.342, -0.447, 0.447, 1.342]");
  });
  it("gelu-one, gelu-neg: GELU(±1) = 0.8413, −0.1587; its minimum is about −0.17 near x = −0.75", () => {
    close(gelu(1), "gelu-one");
    close(gelu(-1), "gelu-neg");
    expect(((1 + erf(1 / Math.SQRT2)) / 2 - 0.5) * 2).toBeCloseTo(0.6827, 4); // the 68% the solution quotes
    let min = { x: 0, y: 0 };
    for (let x = -3; x <= 0; x += 0.0005) if (gelu(x) < min.y) min = { x, y: gelu(x) };
    expect(min.y).toBeCloseTo(-0.17, 2);
    expect(min.x).toBeCloseTo(-0.75, 2);
    // the tanh approximation agrees "to about three decimals" over the usual range
    const tanhGelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    for (let x = -4; x <= 4; x += 0.01) expect(Math.abs(tanhGelu(x) - gelu(x))).toBeLessThan(1e-3);
  });
  it("mlp-params: 8d² + 5d = 4,722,432 for d = 768, twice attention's 2,362,368", () => {
    const d = 768, linear = (n: number, m: number) => n * m + m;
    expect(linear(d, 4 * d) + linear(4 * d, d)).toBe(answer("mlp-params"));
    expect(linear(d, 3 * d) + linear(d, d)).toBe(2_362_368);
  });
  it("cproj-init: 0.02/√24 = 0.00408 (GPT-2 small); 0.02/√6 = 0.00816 (our model)", () => {
    close(0.02 / Math.sqrt(2 * 12), "cproj-init");
    expect((0.02 / Math.sqrt(2 * pretrainedRecipe.model.nLayer)).toFixed(5)).toBe("0.00816");
  });
  it("dropout-scale: 1.5 / 0.8 = 1.875", () => expect(1.5 / (1 - 0.2)).toBe(answer("dropout-scale")));
  it("tied-saves: V·d = 38,597,376 for GPT-2 small, and the counter's untied total is that much larger", () => {
    expect(50257 * 768).toBe(answer("tied-saves"));
    expect(totals({ ...counterPresets.gpt2, tied: false }).total - totals(counterPresets.gpt2).total).toBe(answer("tied-saves"));
  });
  it("block-params, gpt2-total and the worked sums: the counter, equal to the engine's parameter shapes", () => {
    expect(totals(counterPresets.pretrained).perBlock).toBe(answer("block-params"));
    const gpt2 = totals(counterPresets.gpt2);
    expect(gpt2.total).toBe(answer("gpt2-total"));
    expect(engineCount({ nLayer: 12, nEmbd: 768, nHead: 12, vocabSize: 50257, blockSize: 1024, bias: true, dropout: 0 })).toBe(answer("gpt2-total"));
    expect([1024 * 768, 12 * 768 ** 2 + 13 * 768, 12 * (12 * 768 ** 2 + 13 * 768), 2 * 768]).toEqual([786_432, 7_087_872, 85_054_464, 1_536]);
    expect(gpt2.nonEmbedding).toBe(123_653_376); // "123.65M"
    expect(gpt2.approx).toBe(124_318_464);
    expect(totals(counterPresets.pretrained).total).toBe(159_488);
    expect(engineCount({ ...pretrainedRecipe.model, vocabSize: 83 })).toBe(159_488);
    expect(((100 * gpt2.blocks) / gpt2.total).toFixed(0)).toBe("68");
    const ours = totals(counterPresets.pretrained);
    expect(((100 * ours.blocks) / ours.total).toFixed(0)).toBe("94");
    for (const n of ["124,439,808", "159,488", "38,597,376", "85,054,464", "124,318,464", "123.65M", "49,984", "68%", "94%", "800"]) expect(lesson).toContain(n);
  });
});

describe(`${path}: the ladder's numbers`, () => {
  const order = ["bigram", "head", "heads", "mlp", "residual", "layernorm", "stack"];
  it("the table's parameters are the engine's rungs, and its losses (and changes) are the recorded run's", () => {
    expect(recorded.rungs.map((r) => r.id)).toEqual(order);
    const params = ladderRungs().map((r) => {
      const m = createVariant(rungConfig(r, ladderSettings, 83), r.arch, 1);
      const n = Object.values(m.params).reduce((s, v) => s + v.size, 0);
      Object.values(m.params).forEach((v) => v.dispose());
      return n;
    });
    expect(recorded.rungs.map((r) => r.params)).toEqual(params);
    const rows = [...lesson.matchAll(/^\| (bigram|\+ one head|four heads|\+ MLP|\+ residual|\+ LayerNorm|3 blocks) \| ([\d,]+) \| ([\d.]+) \| ([^|]*)\|$/gm)];
    expect(rows.length).toBe(7);
    rows.forEach((m, i) => {
      const r = recorded.rungs[i];
      expect(m[2]).toBe(r.params.toLocaleString("en-US"));
      expect(m[3]).toBe(f2(r.val));
      if (i > 0) {
        const dv = Number(f2(r.val)) - Number(f2(recorded.rungs[i - 1].val));
        expect(m[4].trim()).toBe(`${dv < 0 ? "−" : "+"}${Math.abs(dv).toFixed(2)}`);
      }
    });
  });
  it("ladder-residual-gain: 3.13 − 2.62 = 0.51; ladder-worse quotes the MLP rung's train and val", () => {
    close(rung("mlp").val - rung("residual").val, "ladder-residual-gain");
    expect(block("ladder-residual-gain")).toContain(`${rung("mlp").val.toFixed(4)} - ${rung("residual").val.toFixed(4)} \\approx ${(rung("mlp").val - rung("residual").val).toFixed(3)}`);
    expect(block("ladder-worse")).toContain(`${f2(rung("mlp").train)} train, ${f2(rung("mlp").val)} validation`);
    expect(rung("mlp").val).toBeGreaterThan(rung("heads").val); // "makes it worse"
  });
  it("ladder-heads-params: one head and four heads have the same count", () => expect(rung("heads").params - rung("head").params).toBe(answer("ladder-heads-params")));
  it("the prose's claims: ln 83 = 4.42, the counting bigram 2.47, the stack passes it, the budget and settings", () => {
    expect(f2(recorded.lnVocab)).toBe("4.42");
    expect(lesson).toContain("$\\ln 83 = 4.42$");
    expect(f2(recorded.bigramBaseline)).toBe("2.47");
    expect(lesson).toContain("2.47 on the same validation text");
    expect(rung("stack").val).toBeLessThan(recorded.bigramBaseline);
    expect(Math.min(...recorded.rungs.map((r) => r.val))).toBe(rung("stack").val); // "the best loss of the ladder"
    expect(rung("residual").val - rung("mlp").val).toBeLessThan(Math.min(...recorded.rungs.slice(1).map((r, i) => (r.id === "residual" ? 0 : r.val - recorded.rungs[i].val)))); // the biggest single step
    const t = ladderSettings.train;
    expect([t.maxIters, t.batchSize, ladderSettings.model.blockSize, t.learningRate, t.warmupIters, t.minLr, ladderSettings.model.nEmbd]).toEqual([300, 16, 32, 0.003, 20, 0.0003, 64]);
    expect([ladderSettings.evaluation.evalIters, ladderSettings.evaluation.batchSize]).toEqual([10, 32]);
    expect(lesson).toContain("300 steps of 16 sequences of 32\ncharacters per rung");
  });
  it("the inspector's histogram spans −4 … 4, as the prose says", () => {
    expect(stats([-4, 4], 2, 2, 4).counts).toEqual([1, 1]);
    expect(lesson).toContain("a histogram from $-4$ to $4$");
  });
});
