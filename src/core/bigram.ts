import { Random } from "./random";

/**
 * The bigram language model of lesson 3, two ways: by counting (a V×V table of pair counts, smoothed and
 * normalised row by row) and as a one-layer network (a V×V weight matrix W, softmax of a row of W) trained by
 * gradient descent, which converges to the same table. This file is the counting side, plain numbers with no
 * TF.js (Float64Array, row-major: entry [i * V + j] is "i followed by j"); the network, in TF.js, is
 * src/widgets/neural-bigram/neural.ts.
 */

/** The start/end marker of a word, as in makemore: ".emma." is the word "emma" with its two boundaries. */
export const BOUNDARY = ".";

export interface BigramVocab {
  chars: string[]; // id → character; chars[0] is BOUNDARY for a word vocabulary
  stoi: Map<string, number>;
}

/**
 * The vocabulary of a list of words: the boundary "." first, then the sorted characters.
 * Example: wordsVocab(["ab", "abb", "b"]).chars → [".", "a", "b"]
 */
export function wordsVocab(words: string[]): BigramVocab {
  const seen = new Set<string>();
  for (const w of words) {
    if (w.includes(BOUNDARY)) throw new Error(`The word "${w}" contains "${BOUNDARY}", which marks the start and end of every word. Remove it from the list.`);
    for (const c of w) seen.add(c);
  }
  const chars = [BOUNDARY, ...[...seen].sort()];
  return { chars, stoi: new Map(chars.map((c, i) => [c, i])) };
}

/** The vocabulary of a text, its sorted characters (as CharTokenizer.fromText and nanoGPT's prepare.py). */
export function textVocab(text: string): BigramVocab {
  const chars = [...new Set(text)].sort();
  return { chars, stoi: new Map(chars.map((c, i) => [c, i])) };
}

/** Ids of a string in a vocabulary; a character outside it is an error naming it and its position. */
export function encodeChars(s: string, vocab: BigramVocab): number[] {
  return [...s].map((c, i) => {
    const id = vocab.stoi.get(c);
    if (id === undefined) throw new Error(`Character ${JSON.stringify(c)} at position ${i} is not in the vocabulary (${vocab.chars.length} characters). Use text made of the corpus's characters.`);
    return id;
  });
}

/** Each word as ids with a boundary on both sides. Example (vocab . a b): "ab" → [0, 1, 2, 0] */
export function encodeWords(words: string[], vocab: BigramVocab): number[][] {
  return words.map((w) => encodeChars(BOUNDARY + w + BOUNDARY, vocab));
}

/**
 * Counts consecutive pairs inside each sequence (never across two sequences) into a V×V table.
 * Example: countBigrams([[0, 1, 2, 0]], 3) has 1 at [0→1], [1→2], [2→0] and 0 elsewhere.
 */
export function countBigrams(seqs: ArrayLike<number>[], V: number): Float64Array {
  const counts = new Float64Array(V * V);
  for (const seq of seqs) {
    for (let t = 0; t + 1 < seq.length; t++) {
      const a = seq[t], b = seq[t + 1];
      if (!(a >= 0 && a < V && b >= 0 && b < V)) throw new Error(`Pair (${a}, ${b}) at position ${t} is outside the vocabulary 0..${V - 1}. Count with the V of the vocabulary that encoded the text.`);
      counts[a * V + b]++;
    }
  }
  return counts;
}

/** The sum of each row: how often each character appears as the first of a pair. */
export function rowTotals(counts: Float64Array, V: number): Float64Array {
  const totals = new Float64Array(V);
  for (let i = 0; i < V; i++) for (let j = 0; j < V; j++) totals[i] += counts[i * V + j];
  return totals;
}

/**
 * P(j | i) = (N_ij + α) / (Σ_k N_ik + αV): each row of the counts plus α, divided by its own sum (the sum
 * over the row, kept as a column: PyTorch's `P.sum(1, keepdim=True)`). α = 0 is the raw maximum-likelihood
 * estimate; a row with no counts and α = 0 stays all zeros (no data, no distribution).
 * Example: counts [[0, 2], [1, 1]], α = 1 → [[1/4, 3/4], [2/4, 2/4]]
 */
export function bigramProbs(counts: Float64Array, V: number, alpha: number): Float64Array {
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Error(`Smoothing α must be a finite number ≥ 0, got ${alpha}.`);
  if (counts.length !== V * V) throw new Error(`A ${V}×${V} table has ${V * V} entries, but the counts have ${counts.length}.`);
  const totals = rowTotals(counts, V);
  const probs = new Float64Array(V * V);
  for (let i = 0; i < V; i++) {
    const denom = totals[i] + alpha * V;
    if (denom === 0) continue;
    for (let j = 0; j < V; j++) probs[i * V + j] = (counts[i * V + j] + alpha) / denom;
  }
  return probs;
}

export interface NllResult {
  nll: number; // mean of −ln P(next | current) over the pairs; Infinity if any pair has probability 0
  pairs: number;
  zeroPairs: number; // pairs the model gives probability 0 (each makes the loss infinite)
}

/**
 * The average negative log-likelihood of every consecutive pair in `seqs` under the table `probs`.
 * Example: corpus .ab. .abb. .b. (α = 0) gives NLL(".ab.") = −(ln 2/3 + ln 1 + ln 3/4) / 3 = ln 2 / 3.
 */
export function bigramNll(probs: Float64Array, V: number, seqs: ArrayLike<number>[]): NllResult {
  let sum = 0, pairs = 0, zeroPairs = 0;
  for (const seq of seqs) {
    for (let t = 0; t + 1 < seq.length; t++) {
      const p = probs[seq[t] * V + seq[t + 1]];
      pairs++;
      if (p > 0) sum -= Math.log(p);
      else zeroPairs++;
    }
  }
  if (pairs === 0) throw new Error("No pairs to score: every sequence has fewer than 2 tokens.");
  return { nll: zeroPairs > 0 ? Infinity : sum / pairs, pairs, zeroPairs };
}

/**
 * The same average NLL read from a table of pair counts instead of the sequences: −Σ N_ij ln P_ij / Σ N_ij.
 * It equals bigramNll on the sequences the counts came from (each pair's term, times how often it occurs).
 */
export function countsNll(probs: ArrayLike<number>, counts: Float64Array): number {
  let sum = 0, pairs = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    pairs += counts[k];
    if (!(probs[k] > 0)) return Infinity;
    sum -= counts[k] * Math.log(probs[k]);
  }
  if (pairs === 0) throw new Error("No pairs to score: the counts are all zero.");
  return sum / pairs;
}

/** One draw from a row of probabilities (inverse CDF with one uniform number); the last nonzero entry absorbs rounding. */
export function drawFrom(row: ArrayLike<number>, rng: Random): number {
  const u = rng.next();
  let acc = 0, last = -1;
  for (let j = 0; j < row.length; j++) {
    if (row[j] <= 0) continue;
    last = j;
    acc += row[j];
    if (u < acc) return j;
  }
  if (last < 0) throw new Error("Cannot sample from a row of zeros: this character was never seen first in a pair. Raise the smoothing α above 0.");
  return last;
}

/**
 * Walks the table: start at `start`, draw the next id from its row, repeat until `stop` is drawn or `maxLen`
 * ids have been drawn. Returns the drawn ids (without `start`; with `stop` if it ended there).
 * For names, start = stop = 0 (the boundary): one call is one made-up name.
 */
export function sampleBigram(probs: Float64Array, V: number, rng: Random, o: { start: number; stop?: number; maxLen: number }): number[] {
  const out: number[] = [];
  let cur = o.start;
  while (out.length < o.maxLen) {
    cur = drawFrom(probs.subarray(cur * V, cur * V + V), rng);
    out.push(cur);
    if (cur === o.stop) break;
  }
  return out;
}

export interface BigramCorpus {
  vocab: BigramVocab;
  train: number[][] | Uint16Array[]; // sequences whose inner pairs are counted
  val: number[][] | Uint16Array[];
  dropped: number; // names left out (characters other than a–z)
}

/**
 * The two corpora of the lesson, split 90/10 as the lab splits text (the first 90% trains).
 * "names": one name per line; names with characters other than a–z (a few hyphenated ones) are dropped, so the
 * vocabulary is "." + a–z = 27, as in makemore. Each name is its own sequence ".emma.".
 * "text": the whole text as one sequence of characters (Moby-Dick: 83 characters); its vocabulary is the
 * text's sorted characters, as the course's character tokenizer builds it.
 */
export function bigramCorpus(kind: "names" | "text", text: string, trainFraction = 0.9): BigramCorpus {
  if (kind === "names") {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    const words = lines.filter((w) => /^[a-z]+$/.test(w));
    if (words.length < 2) throw new Error(`The names list has ${words.length} names made of a–z; the split needs at least 2.`);
    const vocab = wordsVocab(words);
    const n = Math.floor(words.length * trainFraction);
    const seqs = encodeWords(words, vocab);
    return { vocab, train: seqs.slice(0, n), val: seqs.slice(n), dropped: lines.length - words.length };
  }
  const vocab = textVocab(text);
  const ids = Uint16Array.from(encodeChars(text, vocab));
  const n = Math.floor(ids.length * trainFraction);
  return { vocab, train: [ids.subarray(0, n)], val: [ids.subarray(n)], dropped: 0 };
}
