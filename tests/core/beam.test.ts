import { describe, expect, it } from "vitest";
import { beamSearch } from "../../src/core/beam";

/**
 * A toy Markov model over tokens {0: A, 1: B, 2: end}: next-token probabilities depend on the last token.
 * After the prompt [0]: A 0.5, B 0.4, end 0.1. After A: A 0.35, B 0.35, end 0.3. After B: A 0.05, B 0.05, end 0.9.
 * Greedy picks A (0.5) then A or B (0.35): 0.5·0.35 = 0.175. Beam 2 keeps B (0.4) too, whose best next is
 * end (0.9): 0.4·0.9 = 0.36, the better two-token sequence.
 */
const table: Record<number, number[]> = { 0: [0.5, 0.4, 0.1], 1: [0.05, 0.05, 0.9], 2: [1 / 3, 1 / 3, 1 / 3] };
const table2: Record<number, number[]> = { ...table, 0: [0.5, 0.4, 0.1] };
const step = (seqs: number[][]) => seqs.map((s) => (s.length === 1 ? table[0] : s[s.length - 1] === 0 ? [0.35, 0.35, 0.3] : table2[s[s.length - 1]]).map(Math.log));

describe("beamSearch (hand-worked toy)", () => {
  it("width 1 is greedy: A then A (tie with B goes to the lower id)", async () => {
    const { best } = await beamSearch(step, [0], { beamWidth: 1, maxNewTokens: 2, lengthPenalty: 0 });
    expect(best.tokens).toEqual([0, 0]);
    expect(Math.exp(best.logProb)).toBeCloseTo(0.175, 10);
  });
  it("width 2 finds B, end with probability 0.36", async () => {
    const { best } = await beamSearch(step, [0], { beamWidth: 2, maxNewTokens: 2, lengthPenalty: 0, stopToken: 2 });
    expect(best.tokens).toEqual([1, 2]);
    expect(Math.exp(best.logProb)).toBeCloseTo(0.36, 10);
  });
  it("the length penalty changes the winner", async () => {
    // After the prompt: A 0.55, end 0.45; after A: end 0.6, A 0.4 (tokens 0 = A, 2 = end).
    // [end]: ln 0.45 = -0.799.  [A, end]: ln(0.55 · 0.6) = ln 0.33 = -1.109.
    // Penalty 0 scores the raw sum: [end] wins. Penalty 1 averages per token: -0.799 vs -0.554, [A, end] wins.
    const toy = (seqs: number[][]) => seqs.map((s) => (s.length === 1 ? [0.55, 0, 0.45] : [0.4, 0, 0.6]).map(Math.log));
    const raw = await beamSearch(toy, [0], { beamWidth: 2, maxNewTokens: 2, lengthPenalty: 0, stopToken: 2 });
    expect(raw.best.tokens).toEqual([2]);
    expect(raw.best.score).toBeCloseTo(Math.log(0.45), 10);
    const avg = await beamSearch(toy, [0], { beamWidth: 2, maxNewTokens: 2, lengthPenalty: 1, stopToken: 2 });
    expect(avg.best.tokens).toEqual([0, 2]);
    expect(avg.best.score).toBeCloseTo(Math.log(0.33) / 2, 10);
  });
});
