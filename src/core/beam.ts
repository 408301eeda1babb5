import { logSoftmax } from "./sample";

/**
 * Beam search over any model: `step` maps sequences (prompt + tokens so far) to next-token logits, so the same
 * code drives the GPT in a worker, a hand-written Markov table in a test, or a widget's toy model.
 *
 * At every step each live beam proposes its continuations; the beamWidth best of all proposals by total
 * log-probability survive. A survivor that ends with stopToken is finished: it is set aside (the beam gets
 * one narrower) and competes at the end. The search stops after maxNewTokens or when no beam is left alive.
 *
 * Score (Hugging Face's convention): score = logProb / length ** lengthPenalty, where logProb is the sum of
 * the generated tokens' log-probabilities and length is the number of generated tokens, the stopToken
 * included (the prompt is not counted). lengthPenalty 0 ranks by the raw sum, which favours short outputs
 * because every token adds a negative term; 1 (the default) ranks by the per-token average; > 1 favours
 * longer outputs. During the search all live candidates have the same length, so ranking them by logProb
 * and by score agree; the penalty matters when beams of different lengths meet at the end.
 *
 * Ties break deterministically: the higher-ranked parent beam first, then the lower token id. So beamWidth 1
 * is exactly greedy decoding (argmax, ties to the lowest id, stopping at stopToken).
 */

export interface Beam {
  tokens: number[]; // generated tokens, without the prompt (ends with stopToken when finished)
  logProb: number; // sum of the generated tokens' log-probabilities
  score: number; // logProb / tokens.length ** lengthPenalty (0 for no tokens)
  finished: boolean; // ended with stopToken
}

/** One node of the search tree, for a widget that draws kept, finished and pruned branches step by step. */
export interface BeamNode {
  id: number; // index in the tree array; 0 is the root (the prompt)
  parent: number; // the parent's id; -1 for the root
  step: number; // 1 for the first generated token; 0 for the root
  token: number; // the token this branch appends; -1 for the root
  logProb: number; // cumulative, from the root
  score: number; // logProb / step ** lengthPenalty
  status: "kept" | "finished" | "pruned"; // survived as a live beam, survived ending in stopToken, or cut
}

export interface BeamStepSnapshot {
  step: number;
  beams: Beam[]; // the live beams after this step, best first
  finished: Beam[]; // every finished beam so far, in the order found
  nodes: BeamNode[]; // the tree nodes added at this step
}

export interface BeamOptions {
  beamWidth: number; // beams kept per step; 1 = greedy
  maxNewTokens: number;
  lengthPenalty?: number; // exponent on the length in the score (see above); default 1
  stopToken?: number; // a beam that emits this id is finished
  onStep?: (snapshot: BeamStepSnapshot) => void;
}

export interface BeamResult {
  best: number[]; // the best beam's new tokens
  beams: Beam[]; // finished beams and the beams still live at the end, best score first
  /**
   * The search tree: per step, each parent's beamWidth best children (every survivor is among them), each
   * marked kept, finished or pruned. Small on purpose (≤ maxNewTokens · beamWidth² nodes, not · vocabSize).
   */
  tree: BeamNode[];
}

type Step = (seqs: number[][]) => Promise<ArrayLike<number>[]> | ArrayLike<number>[];

const scoreOf = (logProb: number, length: number, penalty: number) => (length === 0 ? 0 : logProb / length ** penalty);

/** Orders by logProb, largest first, where -Infinity equals -Infinity (a − b would give NaN). */
const byLogProb = (a: number, b: number) => (a === b ? 0 : a > b ? -1 : 1);

/**
 * The k largest entries' indices, largest first, ties to the lower index; -Infinity entries (impossible
 * tokens) are never returned. O(n·k), and k is a beam width, so this beats sorting a 50k vocabulary.
 * Example: topIndices([0.1, 0.5, 0.5, 0.2], 2) → [1, 2]
 */
function topIndices(values: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === -Infinity || (top.length === k && !(v > values[top[k - 1]]))) continue;
    let j = Math.min(top.length, k - 1); // insert after every entry ≥ v, so an equal, earlier index stays ahead
    while (j > 0 && values[top[j - 1]] < v) j--;
    top.splice(j, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

export async function beamSearch(step: Step, prompt: number[], o: BeamOptions): Promise<BeamResult> {
  const { beamWidth: width, maxNewTokens, stopToken } = o;
  const penalty = o.lengthPenalty ?? 1;
  if (!(Number.isInteger(width) && width >= 1)) throw new Error(`beamWidth must be a whole number ≥ 1, got ${width}.`);
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 0)) throw new Error(`maxNewTokens must be a whole number ≥ 0, got ${maxNewTokens}.`);
  if (!Number.isFinite(penalty)) throw new Error(`lengthPenalty must be a finite number (1 = per-token average), got ${penalty}.`);
  if (stopToken !== undefined && !(Number.isInteger(stopToken) && stopToken >= 0)) throw new Error(`stopToken must be a token id (a whole number ≥ 0), got ${stopToken}.`);

  const tree: BeamNode[] = [{ id: 0, parent: -1, step: 0, token: -1, logProb: 0, score: 0, status: "kept" }];
  let live: { tokens: number[]; logProb: number; node: number }[] = [{ tokens: [], logProb: 0, node: 0 }];
  const finished: Beam[] = [];
  const toBeam = (tokens: number[], logProb: number, done: boolean): Beam => ({ tokens, logProb, score: scoreOf(logProb, tokens.length, penalty), finished: done });
  let vocab = -1;

  for (let t = 1; t <= maxNewTokens && live.length > 0; t++) {
    const logits = await step(live.map((b) => [...prompt, ...b.tokens]));
    if (!logits || logits.length !== live.length)
      throw new Error(`beamSearch: step() was given ${live.length} sequences but returned ${logits?.length} rows of logits; it must return one per sequence.`);

    // each beam's width best continuations: the global best `width` are among them
    const candidates: { beam: number; token: number; logProb: number }[] = [];
    live.forEach((b, bi) => {
      const row = logits[bi];
      if (vocab < 0) vocab = row.length;
      if (row.length !== vocab) throw new Error(`beamSearch: step() returned ${row.length} logits for sequence ${bi} but ${vocab} before; every row must cover the whole vocabulary.`);
      if (stopToken !== undefined && stopToken >= vocab) throw new Error(`stopToken ${stopToken} is not a token id of this model (0..${vocab - 1}).`);
      const lp = logSoftmax(row);
      for (const id of topIndices(lp, width)) candidates.push({ beam: bi, token: id, logProb: b.logProb + lp[id] });
    });
    // best first; ties: the earlier (better) parent beam, then the lower token id
    candidates.sort((a, b) => byLogProb(a.logProb, b.logProb) || a.beam - b.beam || a.token - b.token);

    const next: typeof live = [];
    const nodes: BeamNode[] = [];
    candidates.forEach((c, r) => {
      const parent = live[c.beam];
      const tokens = [...parent.tokens, c.token];
      const status = r >= width ? "pruned" : c.token === stopToken ? "finished" : "kept";
      const node: BeamNode = { id: tree.length, parent: parent.node, step: t, token: c.token, logProb: c.logProb, score: scoreOf(c.logProb, t, penalty), status };
      tree.push(node);
      nodes.push(node);
      if (status === "kept") next.push({ tokens, logProb: c.logProb, node: node.id });
      if (status === "finished") finished.push(toBeam(tokens, c.logProb, true));
    });
    live = next;
    o.onStep?.({ step: t, beams: live.map((b) => toBeam(b.tokens, b.logProb, false)), finished: [...finished], nodes });
  }

  // final ranking: score, then the shorter beam, then the lexicographically smaller one (any fixed rule will do)
  const beams = [...finished, ...live.map((b) => toBeam(b.tokens, b.logProb, false))];
  beams.sort((a, b) => byLogProb(a.score, b.score) || a.tokens.length - b.tokens.length || compareTokens(a.tokens, b.tokens));
  return { best: [...beams[0].tokens], beams, tree };
}

function compareTokens(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
