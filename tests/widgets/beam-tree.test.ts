import { describe, expect, it } from "vitest";
import { cutTree, lengthScore, runSearch, samplePath, STOP_TOY, toyStep, TWO_STEP, type TreeNode } from "../../src/widgets/beam-tree/beamLogic";

/**
 * BeamTree's toys, hand-worked (the curriculum's L10 exercise 2):
 *   step 1: A .5, B .4, C .1;   after A: x .4, y .3, z .3;   after B: x .05, y .9, z .05.
 *   greedy: A x = .5 · .4 = .20.   width 2: step 1 keeps A, B; step 2 candidates A x .20, A y .15, B y .36,
 *   B x .02 → keeps B y .36 and A x .20; the best is B y.
 */
const [A, B, x, y] = [0, 1, 3, 4];
const flat = (n: TreeNode, path: string[] = []): string[] =>
  n.children.flatMap((c) => {
    const p = [...path, TWO_STEP.vocab[c.token] ?? String(c.token)];
    return [`${p.join(" ")}:${c.status}:${Math.exp(c.logProb).toFixed(2)}${c.best ? ":best" : ""}`, ...flat(c, p)];
  });

describe("the two-step toy", () => {
  const step = toyStep(TWO_STEP);
  it("width 1 is greedy: A x = 0.20, with B greyed as the pruned alternative", async () => {
    const r = await runSearch(step, [], { width: 1, alpha: 1, maxSteps: 2 });
    expect(r.best).toEqual([A, x]);
    expect(Math.exp(r.beams[0].logProb)).toBeCloseTo(0.2, 12);
    expect(flat(r.tree)).toEqual(["A:kept:0.50:best", "A x:kept:0.20:best", "A y:pruned:0.15", "B:pruned:0.40"]);
  });
  it("width 2 finds B y = 0.36; the greedy A x (0.20) is kept but loses; A y and B x are pruned", async () => {
    const r = await runSearch(step, [], { width: 2, alpha: 1, maxSteps: 2 });
    expect(r.best).toEqual([B, y]);
    expect(r.beams.map((b) => [b.tokens, +Math.exp(b.logProb).toFixed(6)])).toEqual([[[B, y], 0.36], [[A, x], 0.2]]);
    expect(flat(r.tree)).toEqual([
      "A:kept:0.50", "A x:kept:0.20", "A y:pruned:0.15",
      "B:kept:0.40:best", "B y:kept:0.36:best", "B x:pruned:0.02",
      "C:pruned:0.10",
    ]);
    expect(r.steps).toBe(2);
  });
  it("width 3 keeps C too, and the answer is still B y", async () => {
    const r = await runSearch(step, [], { width: 3, alpha: 1, maxSteps: 2 });
    expect(r.best).toEqual([B, y]);
    expect(r.tree.children.map((c) => c.status)).toEqual(["kept", "kept", "kept"]);
  });
  it("Step reveals the tree one level at a time", async () => {
    const r = await runSearch(step, [], { width: 2, alpha: 1, maxSteps: 2 });
    expect(flat(cutTree(r.tree, 1))).toEqual(["A:kept:0.50", "B:kept:0.40:best", "C:pruned:0.10"]);
    expect(flat(cutTree(r.tree, 0))).toEqual([]);
  });
  it("a seeded sample at T = 1 is a path with its own probability", async () => {
    const s = await samplePath(step, [], 2, 123);
    expect(s.tokens.length).toBe(2);
    const p1 = TWO_STEP.next([])[s.tokens[0]];
    const p2 = TWO_STEP.next([s.tokens[0]])[s.tokens[1]];
    expect(s.logProb).toBeCloseTo(Math.log(p1 * p2), 12);
    expect(await samplePath(step, [], 2, 123)).toEqual(s);
  });
});

describe("the stop-token toy: why beam search needs a length penalty", () => {
  // step 1: A .5, "." .4 (finished), B .1; after A: "." .7 → "A ." .35 (finished), A .2 → "A A" .10
  const step = toyStep(STOP_TOY);
  it("α = 0 (raw Σ log p) picks the shortest: '.' with log .4 = −0.916", async () => {
    const r = await runSearch(step, [], { width: 2, alpha: 0, maxSteps: 3, stopToken: STOP_TOY.stopToken });
    expect(r.best).toEqual([2]);
    expect(r.beams[0].score).toBeCloseTo(Math.log(0.4), 12);
  });
  it("α = 1 (per-token average) picks 'A .': −1.050 / 2 = −0.525", async () => {
    const r = await runSearch(step, [], { width: 2, alpha: 1, maxSteps: 3, stopToken: STOP_TOY.stopToken });
    expect(r.best).toEqual([0, 2]);
    expect(r.beams[0].score).toBeCloseTo(-0.524911, 6);
    expect(lengthScore(Math.log(0.35), 2, 1)).toBeCloseTo(-0.524911, 6);
  });
  it("the α where the two swap: log .35 / 2^α = log .4 at α = log2(log .35 / log .4) ≈ 0.196", async () => {
    const swap = Math.log2(Math.log(0.35) / Math.log(0.4));
    expect(swap).toBeCloseTo(0.196, 3);
    const below = await runSearch(step, [], { width: 2, alpha: 0.19, maxSteps: 3, stopToken: 2 });
    const above = await runSearch(step, [], { width: 2, alpha: 0.2, maxSteps: 3, stopToken: 2 });
    expect([below.best, above.best]).toEqual([[2], [0, 2]]);
  });
});
