import { logSoftmax } from "./sample";

export interface Beam {
  tokens: number[]; // generated tokens, without the prompt
  logProb: number; // sum of the tokens' log-probabilities
  score: number; // logProb / length^lengthPenalty
  finished: boolean; // ended with stopToken
}

export interface BeamOptions {
  beamWidth: number;
  maxNewTokens: number;
  /** Score = logProb / (generated length)^lengthPenalty, the Hugging Face convention: 0 = raw sum (favours
   * short outputs), 1 = per-token average, > 1 favours longer ones. */
  lengthPenalty?: number;
  stopToken?: number;
  /** Each step's kept beams and the candidates pruned, for the BeamTree widget. */
  onStep?: (step: { kept: Beam[]; pruned: Beam[] }) => void;
}

const score = (logProb: number, length: number, penalty: number) => logProb / Math.max(1, length) ** penalty;

/**
 * Beam search over any model: `step` gives next-token logits for each sequence (prompt + tokens). Keeps the
 * beamWidth best partial sequences by score at every step; finished ones (stopToken) are set aside and
 * compete at the end. Ties break towards the lower token id, so width 1 is exactly greedy decoding.
 */
export async function beamSearch(
  step: (seqs: number[][]) => Promise<ArrayLike<number>[]> | ArrayLike<number>[],
  prompt: number[],
  o: BeamOptions,
): Promise<{ best: Beam; beams: Beam[] }> {
  if (!(Number.isInteger(o.beamWidth) && o.beamWidth >= 1)) throw new Error(`beamWidth must be a whole number ≥ 1, got ${o.beamWidth}.`);
  const penalty = o.lengthPenalty ?? 1;
  let beams: Beam[] = [{ tokens: [], logProb: 0, score: 0, finished: false }];
  const done: Beam[] = [];
  for (let t = 0; t < o.maxNewTokens && beams.length; t++) {
    const logits = await step(beams.map((b) => [...prompt, ...b.tokens]));
    const candidates: Beam[] = [];
    beams.forEach((b, bi) => {
      const lp = logSoftmax(logits[bi]);
      lp.forEach((l, id) => {
        const logProb = b.logProb + l;
        candidates.push({ tokens: [...b.tokens, id], logProb, score: score(logProb, b.tokens.length + 1, penalty), finished: id === o.stopToken });
      });
    });
    // deterministic order: best score first, then the earlier beam, then the lower token id (stable sort)
    candidates.sort((a, b) => b.score - a.score);
    const kept = candidates.slice(0, o.beamWidth);
    o.onStep?.({ kept, pruned: candidates.slice(o.beamWidth, o.beamWidth * 3) });
    done.push(...kept.filter((b) => b.finished));
    beams = kept.filter((b) => !b.finished);
  }
  const all = [...done, ...beams].sort((a, b) => b.score - a.score);
  return { best: all[0], beams: all };
}
