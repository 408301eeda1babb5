import { describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { parseShape } from "../../src/course/exercises/answers";
import { attentionStages, causalAverageWeights, contextVectors, rawScores, TOY_EMBEDDINGS, TOY_TOKENS, toyAttention } from "../../src/widgets/attention-matrix/attention";
import { sampleDots, softmaxTimes, variance } from "../../src/widgets/scaling-histogram/scaling";
import { kvCacheBytes, KV_PRESETS } from "../../src/widgets/kv-heads/kv";
import { Random } from "../../src/core/random";

/**
 * Lesson 4's exercise answers (and the numbers its prose states), computed by project code: the widgets' pure
 * attention, scaling and KV-cache functions. A typo in an answer= fails here instead of in front of a learner.
 */
const path = "lessons/06-attention/en.md";
const { source: lesson, problems, exercises, numericAnswer: answer, block } = readLessonExercises(path);
const J = TOY_TOKENS.indexOf("journey");
const plain = toyAttention({ scale: false, causal: false });
const causal = toyAttention({ scale: false, causal: true });
const close = (got: number, id: string) => expect(Math.abs(got - answer(id))).toBeLessThanOrEqual(Number(exercises.get(id)!.tol));

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean and has the exercises this test checks", () => {
    expect(problems).toEqual([]);
    expect([...exercises.keys()].sort()).toEqual(
      ["attn-shape", "causal-average", "causal-your", "dk-std", "gqa-what-shrinks", "kv-gpt2", "kv-gqa", "mha-params", "softmax-saturate", "toy-context-first", "toy-score-starts", "toy-weight-self", "window-scores"].sort(),
    );
  });
  it("toy-score-starts: journey · starts = 1.4754", () => close(plain.scores[J][TOY_TOKENS.indexOf("starts")], "toy-score-starts"));
  it("toy-weight-self: journey's weight on itself = 0.2379", () => close(plain.weights[J][J], "toy-weight-self"));
  it("toy-context-first: journey's context vector starts 0.4419", () => close(plain.context[J][0], "toy-context-first"));
  it("causal-your: with the mask, journey gives 0.368 to Your", () => close(causal.weights[J][0], "causal-your"));
  it("causal-average: zero scores, causal mask: row 4 gives 1/5 to token 0 (in float32)", () => expect(causalAverageWeights(6)[4][0]).toBeCloseTo(answer("causal-average"), 7));
  it("dk-std: std(q·k) = √64 = 8, and 4,000 seeded samples measure it within 3%", () => {
    expect(Math.sqrt(64)).toBe(answer("dk-std"));
    expect(Math.abs(Math.sqrt(variance(sampleDots(64, 4000, 1))) - 8) / 8).toBeLessThan(0.03);
  });
  it("softmax-saturate: softmax([100, 200, 300]) puts 1 on the last entry; softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652]", () => {
    expect(softmaxTimes(100)[2]).toBe(1);
    expect(softmaxTimes(1).map((p) => p.toFixed(4))).toEqual(["0.0900", "0.2447", "0.6652"]);
    expect(block("softmax-saturate")).toContain("[0.0900, 0.2447, 0.6652]");
  });
  it("attn-shape: (B, nh, T, T) for 8 sequences, 12 heads, 1,024 tokens; 403 MB in float32", () => {
    const shape = [8, 12, 1024, 1024];
    expect(parseShape(String(exercises.get("attn-shape")!.answer))).toEqual({ error: false, dims: shape });
    expect((shape.reduce((a, b) => a * b) * 4) / 1e6).toBeCloseTo(402.65, 2);
  });
  it("mha-params: c_attn (768 → 2304) + c_proj (768 → 768) with biases = 4d² + 4d = 2,362,368", () => {
    const linear = (n: number, m: number) => n * m + m;
    expect(linear(768, 3 * 768) + linear(768, 768)).toBe(answer("mha-params"));
    expect(4 * 768 ** 2 + 4 * 768).toBe(answer("mha-params"));
  });
  it("window-scores: L = 4096, w = 512 gives 1,966,336 scores; full causal 8,390,656", () => {
    const count = (L: number, w: number) => Array.from({ length: L }, (_, i) => Math.min(i + 1, w)).reduce((a, b) => a + b, 0);
    expect(count(4096, 512)).toBe(answer("window-scores"));
    expect(count(4096, 4096)).toBe(8_390_656);
  });
  it("kv-gqa: 17.18 GB with 32 KV heads, 4.29 GB with 8", () => {
    expect(kvCacheBytes(KV_PRESETS.llama) / 1e9).toBeCloseTo(17.18, 2);
    close(kvCacheBytes({ ...KV_PRESETS.llama, nKv: 8 }) / 1e9, "kv-gqa");
    expect(kvCacheBytes({ ...KV_PRESETS.llama, nKv: 1 }) / 1e9).toBeCloseTo(0.54, 2); // MQA, as the solution says
  });
  it("kv-gpt2: GPT-2 small at 1,024 tokens in fp16 = 37.7 MB; our model 98,304 bytes", () => {
    close(kvCacheBytes(KV_PRESETS.gpt2) / 1e6, "kv-gpt2");
    expect(kvCacheBytes(KV_PRESETS.ours)).toBe(98_304);
  });
  it("gqa-what-shrinks: the KV cache (and W^K, W^V) shrink by n_h / n_kv = 4; the attention weights do not", () => {
    expect([...block("gqa-what-shrinks").matchAll(/^:::choice\[(.*)\]\{correct\}$/gm)].map((m) => m[1])).toEqual(["The KV cache, and the parameters of the K and V projections"]);
    expect(kvCacheBytes(KV_PRESETS.llama) / kvCacheBytes({ ...KV_PRESETS.llama, nKv: 8 })).toBe(4);
  });
});

describe(`${path}: the numbers in the prose`, () => {
  it("the toy's scores, weights and context vectors as the lesson prints them", () => {
    const f = (xs: number[], d = 4) => `[${xs.map((x) => x.toFixed(d)).join(",\\ ")}]`;
    expect(lesson).toContain(f(plain.scores[J]));
    expect(lesson).toContain(f(plain.weights[J]));
    expect(lesson).toContain(`z = ${f(plain.context[J]).replace(/\\ /g, "\\ ")}`);
    expect(lesson).toContain(`[${causal.weights[J].slice(0, 2).map((x) => x.toFixed(3)).join(", ")}]`);
    expect(lesson).toContain(`[${causal.context[J].map((x) => x.toFixed(4)).join(", ")}]`);
    // journey · Your worked term by term
    expect([0.55 * 0.43, 0.87 * 0.15, 0.66 * 0.89].map((x) => x.toFixed(4))).toEqual(["0.2365", "0.1305", "0.5874"]);
  });
  it("scaled by 1/√3, journey's largest weight falls from 0.2379 to 0.2070", () => {
    const s = toyAttention({ scale: true, causal: false });
    expect(lesson).toContain(`from ${plain.weights[J][J].toFixed(4)} to ${Math.max(...s.weights[J]).toFixed(4)}`);
  });
  it("the exponentials in the toy-weight-self solution add up to 18.745", () => {
    const e = plain.scores[J].map(Math.exp);
    expect(e.map((x) => x.toFixed(3))).toEqual(["2.597", "4.459", "4.373", "2.324", "2.028", "2.964"]);
    expect(e.reduce((a, b) => a + b).toFixed(3)).toBe("18.745");
  });
});

describe(`${path}: the prose's numbers`, () => {
  it("Var(q_i) ≈ d · 0.02² ≈ 0.3 for a LayerNorm'd x (variance 1) and GPT-2's 0.02 init, d = 768", () => {
    const d = 768, rng = new Random(4);
    expect(d * 0.02 ** 2).toBeCloseTo(0.3072, 6);
    // 2,000 seeded q_i = Σ_j x_j w_j with x_j ~ N(0, 1), w_j ~ N(0, 0.02²): their variance is within 10% of 0.307
    const q = Array.from({ length: 2000 }, () => {
      const x = rng.normalArray(d), w = rng.normalArray(d, 0, 0.02);
      return x.reduce((s, xj, j) => s + xj * w[j], 0);
    });
    const mean = q.reduce((s, v) => s + v, 0) / q.length;
    const varQ = q.reduce((s, v) => s + (v - mean) ** 2, 0) / (q.length - 1);
    expect(Math.abs(varQ - 0.3072) / 0.3072).toBeLessThan(0.1);
    expect(lesson).toContain("$d \\cdot 0.02^2 \\approx 0.3$");
    expect(lesson).not.toContain("roughly what LayerNorm and a");
  });
  it("attention is permutation-equivariant without the mask: shuffled rows in, the same context vectors shuffled out", () => {
    const context = (x: readonly (readonly number[])[]) => contextVectors(attentionStages(rawScores(x, x), 3, { scale: false, causal: false }).weights, x);
    const order = [3, 0, 5, 1, 4, 2];
    const shuffled = context(order.map((i) => TOY_EMBEDDINGS[i]));
    const plainZ = context(TOY_EMBEDDINGS);
    order.forEach((i, r) => shuffled[r].forEach((z, c) => expect(z).toBeCloseTo(plainZ[i][c], 12)));
    // with the causal mask it is not: the first token then sees only itself
    const masked = (x: readonly (readonly number[])[]) => contextVectors(attentionStages(rawScores(x, x), 3, { scale: false, causal: true }).weights, x);
    expect(masked(order.map((i) => TOY_EMBEDDINGS[i]))[1][0]).not.toBeCloseTo(masked(TOY_EMBEDDINGS)[0][0], 3);
    expect(lesson).toContain("**permutation-equivariant**");
  });
  it("one meaning for L (the sequence length): the number of layers is n_layer, as in the config's nLayer", () => {
    expect(lesson).not.toMatch(/L_\{\\text\{layers\}\}|\$2 L T /);
    expect(lesson).toContain("2 \\cdot n_{\\text{layer}} \\cdot T");
  });
});
