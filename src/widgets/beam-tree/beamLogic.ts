import { beamSearch, logSoftmax, pickToken, Random, type Beam } from "../../core";
import type { BeamNode } from "../../core/beam";

/**
 * BeamTree's logic, framework-free. The search itself is the engine's beamSearch; this file supplies toy
 * "models" (step functions over a tiny vocabulary), records the logits each step saw so the widget can also
 * show the best branch a parent did NOT keep (beamSearch's tree holds each parent's beamWidth best children,
 * so at width 1 it has no pruned node to draw), turns the tree into nested display nodes, and samples a
 * comparison path with the engine's pickToken.
 */

export type Step = (seqs: number[][]) => Promise<ArrayLike<number>[]> | ArrayLike<number>[];

export interface Toy {
  vocab: string[];
  /** next-token probabilities after the sequence (the prompt is empty); they must sum to 1 */
  next: (seq: number[]) => number[];
  stopToken?: number;
  maxSteps: number;
}

/**
 * The curriculum's two-step toy: first A 0.5, B 0.4, C 0.1; after A the best is x at 0.4; after B, y at 0.9.
 * Greedy takes A then x: 0.5 · 0.4 = 0.20. Width 2 keeps B, and B y = 0.4 · 0.9 = 0.36 wins.
 */
export const TWO_STEP: Toy = {
  vocab: ["A", "B", "C", "x", "y", "z"],
  next: (seq) => {
    if (seq.length === 0) return [0.5, 0.4, 0.1, 0, 0, 0];
    const last = seq[seq.length - 1];
    if (last === 0) return [0, 0, 0, 0.4, 0.3, 0.3]; // after A
    if (last === 1) return [0, 0, 0, 0.05, 0.9, 0.05]; // after B
    return [0, 0, 0, 0.3, 0.3, 0.4]; // after C
  },
  maxSteps: 2,
};

/**
 * A toy with a stop token "." where the length penalty decides: first A 0.5, "." 0.4, B 0.1; after A, "." 0.7,
 * A 0.2, B 0.1. Width 2 ends with "." (log 0.4 = −0.916) and "A ." (log 0.35 = −1.050): the raw sum (α = 0)
 * picks the short ".", the per-token average (α = 1: −1.050 / 2 = −0.525) picks "A .".
 */
export const STOP_TOY: Toy = {
  vocab: ["A", "B", "."],
  next: (seq) => (seq.length === 0 || seq[seq.length - 1] !== 0 ? [0.5, 0.1, 0.4] : [0.2, 0.1, 0.7]),
  stopToken: 2,
  maxSteps: 3,
};

/**
 * The GPT example's defaults: a prompt where the three decoders part ways on the pretrained model (greedy
 * "seat ", width 2 "whale ", the seed-123 sample "be ": tests/widgets/beam-tree-model.test.ts), so the comparison
 * teaches something. Stopping at a space makes each output one word.
 */
export const GPT_EXAMPLE = { prompt: "said the ", stop: "space", width: 2, alpha: 1, steps: 6, seed: 123 } as const;

export const TOYS = { twoStep: TWO_STEP, stop: STOP_TOY } as const;
export type ToyName = keyof typeof TOYS;

/** A toy as beamSearch's step function: log-probabilities are logits (log 0 = −∞, an impossible token). */
export function toyStep(toy: Toy): Step {
  return (seqs) => seqs.map((s) => toy.next(s).map(Math.log));
}

/** Wraps a step function so every sequence's logits are remembered, keyed by the sequence. */
export function recording(step: Step): { step: Step; rows: Map<string, Float64Array> } {
  const rows = new Map<string, Float64Array>();
  return {
    rows,
    step: async (seqs) => {
      const out = await step(seqs);
      seqs.forEach((s, i) => rows.set(s.join(","), logSoftmax(out[i])));
      return out;
    },
  };
}

export interface SearchSettings {
  width: number; // 1–5
  alpha: number; // the length penalty's exponent
  maxSteps: number;
  stopToken?: number;
}

export interface TreeNode {
  token: number; // -1 for the root
  step: number;
  logProb: number; // cumulative from the root
  score: number; // logProb / step^α
  status: "root" | "kept" | "finished" | "pruned";
  best: boolean; // on the path of the search's winner
  children: TreeNode[];
}

export interface SearchResult {
  tree: TreeNode; // nested: kept/finished children with their subtrees, then the best pruned alternative
  beams: Beam[]; // final beams, best score first (beamSearch's ranking)
  best: number[];
  steps: number; // how many steps actually ran (a search with every beam finished stops early)
}

/**
 * Runs the engine's beamSearch and nests its tree for drawing. For every expanded node the display keeps
 * its kept and finished children and adds its single most probable pruned continuation (from beamSearch's
 * own pruned nodes or, at width 1 where it records none, from the recorded logits), greyed in the widget.
 */
export async function runSearch(step: Step, prompt: number[], s: SearchSettings): Promise<SearchResult> {
  const rec = recording(step);
  const { tree, beams, best } = await beamSearch(rec.step, prompt, { beamWidth: s.width, maxNewTokens: s.maxSteps, lengthPenalty: s.alpha, stopToken: s.stopToken });
  const score = (lp: number, t: number) => (t === 0 ? 0 : lp / t ** s.alpha);
  const children = new Map<number, BeamNode[]>();
  for (const n of tree.slice(1)) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const bestKey = best.join(",");
  const onBest = (tokens: number[]) => bestKey === tokens.join(",") || bestKey.startsWith(tokens.join(",") + ",");
  let steps = 0;

  const build = (node: BeamNode, tokens: number[]): TreeNode => {
    steps = Math.max(steps, node.step);
    const out: TreeNode = { token: node.token, step: node.step, logProb: node.logProb, score: node.score, status: node.id === 0 ? "root" : node.status, best: node.id !== 0 && onBest(tokens), children: [] };
    const kids = children.get(node.id) ?? [];
    for (const k of kids.filter((k) => k.status !== "pruned")) out.children.push(build(k, [...tokens, k.token]));
    const lp = rec.rows.get([...prompt, ...tokens].join(","));
    if (lp && kids.length > 0) {
      // the best continuation of this node that the search did not keep
      const taken = new Set(kids.filter((k) => k.status !== "pruned").map((k) => k.token));
      let alt = -1;
      for (let id = 0; id < lp.length; id++) if (!taken.has(id) && lp[id] > -Infinity && (alt < 0 || lp[id] > lp[alt])) alt = id;
      if (alt >= 0) {
        const logProb = node.logProb + lp[alt];
        out.children.push({ token: alt, step: node.step + 1, logProb, score: score(logProb, node.step + 1), status: "pruned", best: false, children: [] });
      }
    }
    return out;
  };
  return { tree: build(tree[0], []), beams, best, steps };
}

/** The tree cut at `upTo` steps, for the Step button (a search is deterministic, so its first steps never change). */
export function cutTree(node: TreeNode, upTo: number): TreeNode {
  return { ...node, children: node.step >= upTo ? [] : node.children.map((c) => cutTree(c, upTo)) };
}

export interface PathResult {
  tokens: number[];
  logProb: number;
}

/**
 * One sampled continuation at temperature 1 with the seeded engine sampler, and its log-probability, for
 * comparison with greedy and beam outputs. Stops after the stop token.
 */
export async function samplePath(step: Step, prompt: number[], maxSteps: number, seed: number, stopToken?: number): Promise<PathResult> {
  const rng = new Random(seed);
  const tokens: number[] = [];
  let logProb = 0;
  for (let t = 0; t < maxSteps; t++) {
    const [row] = await step([[...prompt, ...tokens]]);
    const { id } = pickToken(row, { temperature: 1 }, rng);
    logProb += logSoftmax(row)[id];
    tokens.push(id);
    if (id === stopToken) break;
  }
  return { tokens, logProb };
}

/** The score beamSearch ranks by: Σ log p / |y|^α (0 for an empty output). Example: lengthScore(ln 0.35, 2, 1) = −0.525 */
export function lengthScore(logProb: number, length: number, alpha: number): number {
  return length === 0 ? 0 : logProb / length ** alpha;
}
