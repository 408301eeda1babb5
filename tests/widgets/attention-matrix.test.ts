import { describe, expect, it } from "vitest";
import { attentionStages, causalAverageWeights, contextVectors, rawScores, TOY_EMBEDDINGS, TOY_TOKENS, toyAttention } from "../../src/widgets/attention-matrix/attention";

const r4 = (xs: number[]) => xs.map((x) => Number(x.toFixed(4)));
const J = TOY_TOKENS.indexOf("journey");

describe("rasbt's toy 'Your journey starts with one step' (LLMs-from-scratch ch03), Q = K = V = x", () => {
  it("the query 'journey': scores [0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865]", () => {
    const s = toyAttention({ scale: false, causal: false });
    expect(r4(s.scores[J])).toEqual([0.9544, 1.495, 1.4754, 0.8434, 0.707, 1.0865]);
    // by hand: journey · Your = 0.55·0.43 + 0.87·0.15 + 0.66·0.89
    expect(s.scores[J][0]).toBeCloseTo(0.55 * 0.43 + 0.87 * 0.15 + 0.66 * 0.89, 12);
  });
  it("weights [0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581] and context [0.4419, 0.6515, 0.5683]", () => {
    const s = toyAttention({ scale: false, causal: false });
    expect(r4(s.weights[J])).toEqual([0.1385, 0.2379, 0.2333, 0.124, 0.1082, 0.1581]);
    expect(r4(s.context[J])).toEqual([0.4419, 0.6515, 0.5683]);
    for (const row of s.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
  it("causal: 'journey' sees only 'Your' and itself: weights [0.368, 0.632], context [0.5058, 0.6050, 0.7447]", () => {
    const s = toyAttention({ scale: false, causal: true });
    expect(s.weights[J].map((x) => Number(x.toFixed(3)))).toEqual([0.368, 0.632, 0, 0, 0, 0]);
    expect(r4(s.context[J])).toEqual([0.5058, 0.605, 0.7447]);
    // by hand: softmax([0.9544, 1.4950]) = 1 / (1 + e^{0.5406}) on "Your"
    expect(s.weights[J][0]).toBeCloseTo(1 / (1 + Math.exp(1.495 - 0.9544)), 3);
    expect(s.masked[J].slice(2)).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
    expect(s.weights[0]).toEqual([1, 0, 0, 0, 0, 0]); // the first token can only look at itself
  });
  it("scaled by 1/√3, the 'journey' row is flatter: its largest weight falls from 0.2379 to 0.2070", () => {
    const s = toyAttention({ scale: true, causal: false });
    expect(s.scores[J][1]).toBeCloseTo(1.495 / Math.sqrt(3), 4);
    const e = [0.9544, 1.495, 1.4754, 0.8434, 0.707, 1.0865].map((x) => Math.exp(x / Math.sqrt(3)));
    expect(s.weights[J][1]).toBeCloseTo(e[1] / e.reduce((a, b) => a + b, 0), 4);
    expect(s.weights[J][1].toFixed(4)).toBe("0.2070");
  });
});

describe("the lower-triangular averaging trick (Karpathy's gpt.py: tril, masked_fill(-inf), softmax)", () => {
  it("zero scores under a causal mask average the past: row i is 1/(i+1) on tokens 0..i", () => {
    const w = causalAverageWeights(4);
    expect(w).toEqual([
      [1, 0, 0, 0],
      [0.5, 0.5, 0, 0],
      [1 / 3, 1 / 3, 1 / 3, 0].map((x) => Math.fround(x)),
      [0.25, 0.25, 0.25, 0.25],
    ]);
    // so the context of row 3 is the mean of the first four values
    const v = [[1], [2], [3], [10]];
    expect(contextVectors(w, v)[3][0]).toBe(4);
  });
  it("a query may sit later than the keys start (a KV cache): the mask is offset like the engine's", () => {
    const w = attentionStages([[0, 0, 0]], 1, { scale: false, causal: true }).weights; // one query at position 2 of 3 keys
    expect(w[0].map((x) => Number(x.toFixed(6)))).toEqual([0.333333, 0.333333, 0.333333]);
  });
  it("rawScores is QKᵀ: rows are queries", () => {
    expect(rawScores([[1, 0], [0, 2]], [[3, 4], [5, 6], [7, 8]])).toEqual([[3, 5, 7], [8, 12, 16]]);
    expect(TOY_EMBEDDINGS).toHaveLength(TOY_TOKENS.length);
  });
});
