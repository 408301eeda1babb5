import { describe, expect, it } from "vitest";
import { beamSearch, type BeamStepSnapshot } from "../../src/core/beam";
import { argmax, logSoftmax } from "../../src/core/sample";
import { Random } from "../../src/core/random";

/** A step function from a Markov table: next-token probabilities depend only on the last token. */
const markov = (table: Record<number, number[]>) => (seqs: number[][]) => seqs.map((s) => table[s[s.length - 1]].map(Math.log));

/**
 * Toy 1: tokens {0: A, 1: B, 2: C}, prompt [C].
 *   after C: A 0.5, B 0.4, C 0.1      after A: A 0.3, B 0.3, C 0.4      after B: A 0.9, B 0.05, C 0.05
 * Greedy: A (0.5), then C (0.4): probability 0.5 · 0.4 = 0.20.
 * Beam 2, step 1 keeps [A] 0.5 and [B] 0.4. Step 2 candidates: [A,A] 0.15, [A,B] 0.15, [A,C] 0.20,
 * [B,A] 0.36, [B,B] 0.02, [B,C] 0.02. Kept: [B,A] 0.36 and [A,C] 0.20. Best: [B, A], logProb ln 0.36 = −1.0216512,
 * score with the default lengthPenalty 1: ln 0.36 / 2 = −0.5108256.
 */
const toy1 = markov({ 2: [0.5, 0.4, 0.1], 0: [0.3, 0.3, 0.4], 1: [0.9, 0.05, 0.05] });

describe("beamSearch on a hand-worked Markov table", () => {
  it("width 1 is greedy: [A, C] with probability 0.20", async () => {
    const { best, beams } = await beamSearch(toy1, [2], { beamWidth: 1, maxNewTokens: 2 });
    expect(best).toEqual([0, 2]);
    expect(beams[0].logProb).toBeCloseTo(Math.log(0.2), 12);
  });

  it("width 2 finds [B, A] with probability 0.36, scored ln 0.36 / 2", async () => {
    const { best, beams } = await beamSearch(toy1, [2], { beamWidth: 2, maxNewTokens: 2 });
    expect(best).toEqual([1, 0]);
    expect(beams.map((b) => b.tokens)).toEqual([[1, 0], [0, 2]]);
    expect(beams[0].logProb).toBeCloseTo(-1.0216512, 6);
    expect(beams[0].score).toBeCloseTo(-0.5108256, 6);
    expect(beams[1].score).toBeCloseTo(Math.log(0.2) / 2, 12);
  });

  it("records the tree: each parent's two best children, marked kept or pruned", async () => {
    const steps: BeamStepSnapshot[] = [];
    const { tree } = await beamSearch(toy1, [2], { beamWidth: 2, maxNewTokens: 2, onStep: (s) => steps.push(s) });
    const step2 = tree.filter((n) => n.step === 2).map((n) => [tree[n.parent].token, n.token, n.status, +Math.exp(n.logProb).toFixed(6)]);
    // A's best two children: C 0.20, then A (0.15, tied with B: the lower id). B's: A 0.36, then B (0.02, tied with C).
    expect(step2).toEqual([
      [1, 0, "kept", 0.36],
      [0, 2, "kept", 0.2],
      [0, 0, "pruned", 0.15],
      [1, 1, "pruned", 0.02],
    ]);
    expect(tree[0]).toMatchObject({ id: 0, parent: -1, token: -1, step: 0 });
    expect(steps.map((s) => s.beams.map((b) => b.tokens))).toEqual([[[0], [1]], [[1, 0], [0, 2]]]);
  });

  it("sets finished beams aside and lets them compete at the end", async () => {
    // toy 1 with C as the stop token: step 1 keeps [A], [B]; step 2 keeps [B,A] 0.36 and finishes [A,C] 0.20
    const { best, beams } = await beamSearch(toy1, [2], { beamWidth: 2, maxNewTokens: 2, stopToken: 2 });
    expect(best).toEqual([1, 0]);
    expect(beams.map((b) => [b.tokens, b.finished])).toEqual([[[1, 0], false], [[0, 2], true]]);
  });
});

describe("the length penalty", () => {
  /**
   * Toy 2: tokens {0: A, 1: B, 2: end}, prompt [B], stop token end, beam 2, at most 2 new tokens.
   *   after B: A 0.5, end 0.4, B 0.1       after A: end 0.7, A 0.2, B 0.1
   * Step 1 keeps [A] 0.5 and finishes [end] 0.4. Step 2 from [A]: [A,end] 0.35 (finished), [A,A] 0.10 (kept).
   *   [end]    logProb ln 0.40 = −0.9162907   penalty 0: −0.9162907   penalty 1: −0.9162907 / 1 = −0.9162907
   *   [A,end]  logProb ln 0.35 = −1.0498221   penalty 0: −1.0498221   penalty 1: −1.0498221 / 2 = −0.5249110
   *   [A,A]    logProb ln 0.10 = −2.3025851   penalty 0: −2.3025851   penalty 1: −2.3025851 / 2 = −1.1512925
   * The raw sum (penalty 0) prefers the short [end]; the per-token average (penalty 1) prefers [A, end].
   */
  const toy2 = markov({ 1: [0.5, 0.1, 0.4], 0: [0.2, 0.1, 0.7] });
  const run = (lengthPenalty: number) => beamSearch(toy2, [1], { beamWidth: 2, maxNewTokens: 2, stopToken: 2, lengthPenalty });

  it("penalty 0 ranks by the raw sum: [end] wins", async () => {
    const { best, beams } = await run(0);
    expect(best).toEqual([2]);
    expect(beams.map((b) => b.tokens)).toEqual([[2], [0, 2], [0, 0]]);
    expect(beams.map((b) => b.score)).toEqual([expect.closeTo(-0.9162907, 6), expect.closeTo(-1.0498221, 6), expect.closeTo(-2.3025851, 6)]);
  });

  it("penalty 1 ranks by the per-token average: [A, end] wins", async () => {
    const { best, beams } = await run(1);
    expect(best).toEqual([0, 2]);
    expect(beams.map((b) => b.tokens)).toEqual([[0, 2], [2], [0, 0]]);
    expect(beams.map((b) => b.score)).toEqual([expect.closeTo(-0.524911, 6), expect.closeTo(-0.9162907, 6), expect.closeTo(-1.1512925, 6)]);
  });
});

/** A pseudo-random "model": logits are a deterministic function of the whole sequence. */
function randomModel(vocab: number, salt: number, scale = 2) {
  return (seqs: number[][]) => seqs.map((s) => new Random(s.reduce((h, x) => (Math.imul(h, 31) + x + 1) | 0, salt)).normalArray(vocab, 0, scale));
}

/** Greedy decoding written out independently: argmax, append, stop after the stop token. */
async function greedy(step: ReturnType<typeof randomModel>, prompt: number[], maxNewTokens: number, stopToken?: number) {
  const out: number[] = [];
  for (let t = 0; t < maxNewTokens; t++) {
    const id = argmax(step([[...prompt, ...out]])[0]);
    out.push(id);
    if (id === stopToken) break;
  }
  return out;
}

describe("beamSearch against independent references", () => {
  it("width 1 equals greedy decoding, with and without a stop token, at any length penalty", async () => {
    let stoppedEarly = 0;
    for (let salt = 0; salt < 20; salt++) {
      const step = randomModel(7, salt);
      for (const stopToken of [undefined, 3]) {
        const expected = await greedy(step, [1, 2], 12, stopToken);
        if (expected.length < 12) stoppedEarly++;
        for (const lengthPenalty of [0, 1, 2]) {
          const { best } = await beamSearch(step, [1, 2], { beamWidth: 1, maxNewTokens: 12, stopToken, lengthPenalty });
          expect(best, `salt ${salt}, stop ${stopToken}, penalty ${lengthPenalty}`).toEqual(expected);
        }
      }
    }
    expect(stoppedEarly).toBeGreaterThan(3); // the stop-token path is exercised, not just the full-length one
  });

  it("a beam wide enough to keep every sequence finds the brute-force best", async () => {
    // vocab 3, 3 new tokens: 27 sequences; width 9 keeps all 9 two-token prefixes, so the search is exhaustive
    for (let salt = 0; salt < 10; salt++) {
      const step = randomModel(3, 100 + salt);
      let bestSeq: number[] = [];
      let bestLogProb = -Infinity;
      for (let i = 0; i < 27; i++) {
        const seq = [Math.floor(i / 9), Math.floor(i / 3) % 3, i % 3];
        let lp = 0;
        for (let t = 0; t < 3; t++) lp += logSoftmax(step([[0, ...seq.slice(0, t)]])[0])[seq[t]];
        if (lp > bestLogProb) [bestSeq, bestLogProb] = [seq, lp];
      }
      const { best, beams } = await beamSearch(step, [0], { beamWidth: 9, maxNewTokens: 3 });
      expect(best, `salt ${salt}`).toEqual(bestSeq);
      expect(beams[0].logProb).toBeCloseTo(bestLogProb, 10);
    }
  });

  it("awaits an async step and returns the prompt-free tokens", async () => {
    const seen: number[][] = [];
    const step = async (seqs: number[][]) => {
      seen.push(...seqs);
      return toy1(seqs);
    };
    const { best } = await beamSearch(step, [2], { beamWidth: 1, maxNewTokens: 2 });
    expect(best).toEqual([0, 2]);
    expect(seen).toEqual([[2], [2, 0]]);
  });

  it("maxNewTokens 0 returns the empty continuation", async () => {
    const { best, beams } = await beamSearch(toy1, [2], { beamWidth: 3, maxNewTokens: 0 });
    expect(best).toEqual([]);
    expect(beams).toEqual([{ tokens: [], logProb: 0, score: 0, finished: false }]);
  });
});

describe("beamSearch errors name the bad value", () => {
  it.each([
    [{ beamWidth: 0, maxNewTokens: 2 }, "beamWidth must be a whole number ≥ 1, got 0."],
    [{ beamWidth: 2, maxNewTokens: 1.5 }, "maxNewTokens must be a whole number ≥ 0, got 1.5."],
    [{ beamWidth: 2, maxNewTokens: 2, lengthPenalty: NaN }, "lengthPenalty must be a finite number (1 = per-token average), got NaN."],
    [{ beamWidth: 2, maxNewTokens: 2, stopToken: 7 }, "stopToken 7 is not a token id of this model (0..2)."],
  ])("%j", async (o, message) => {
    await expect(beamSearch(toy1, [2], o)).rejects.toThrow(message);
  });
  it("a step function returning the wrong number of rows", async () => {
    await expect(beamSearch(() => [], [2], { beamWidth: 2, maxNewTokens: 2 })).rejects.toThrow("step() was given 1 sequences but returned 0 rows");
  });
});
