import { bigramCorpus, bigramProbs, countBigrams, countsNll, rowTotals, sampleBigram } from "../../core/bigram";
import { Random } from "../../core/random";

/**
 * What both bigram widgets compute from a corpus: the train and validation pair counts, and from them (for a
 * smoothing α) the probability table and its losses. Pure, so tests/widgets/bigram-heatmap.test.ts runs it on
 * the same text the page fetches.
 */

export const bigramCorpora = ["names", "moby-dick"] as const;
export type BigramCorpusName = (typeof bigramCorpora)[number];

/** The smoothing slider's stops (α = 0 is the raw counts; 1 is Laplace's "add one"). */
export const ALPHA_STEPS = ["0", "0.01", "0.1", "0.5", "1", "2", "5", "10", "100"] as const;

export interface BigramData {
  corpus: BigramCorpusName;
  chars: string[];
  V: number;
  train: Float64Array; // V×V pair counts of the training split
  val: Float64Array; // V×V pair counts of the validation split
  trainTotals: Float64Array; // row sums of `train`
  dropped: number;
}

/** Counts both splits of a corpus's text (names: one per line, split by name; Moby-Dick: one character stream). */
export function prepareBigramData(corpus: BigramCorpusName, text: string): BigramData {
  const c = bigramCorpus(corpus === "names" ? "names" : "text", text);
  const V = c.vocab.chars.length;
  const train = countBigrams(c.train, V);
  return { corpus, chars: c.vocab.chars, V, train, val: countBigrams(c.val, V), trainTotals: rowTotals(train, V), dropped: c.dropped };
}

export interface TableView {
  probs: Float64Array;
  trainNll: number;
  valNll: number; // Infinity when a validation pair has probability 0
  unseenValPairs: number; // validation pairs whose probability is 0 (α = 0 and never seen in training)
}

export function tableView(d: BigramData, alpha: number): TableView {
  const probs = bigramProbs(d.train, d.V, alpha);
  let unseen = 0;
  for (let k = 0; k < probs.length; k++) if (probs[k] === 0) unseen += d.val[k];
  return { probs, trainNll: countsNll(probs, d.train), valNll: countsNll(probs, d.val), unseenValPairs: unseen };
}

/** A character as the widgets print it: space, newline and tab made visible. */
export function showChar(c: string): string {
  return c === " " ? "␣" : c === "\n" ? "↵" : c === "\t" ? "⇥" : c === "\r" ? "␍" : c;
}

/** The k most likely next characters of row i, most likely first (ties: lower id first). */
export function topNext(probs: Float64Array, V: number, i: number, k: number): { id: number; p: number }[] {
  const row = Array.from(probs.subarray(i * V, i * V + V), (p, id) => ({ id, p }));
  return row.sort((a, b) => b.p - a.p || a.id - b.id).slice(0, k);
}

/** The row a widget starts on: "." for names (the start of every name), the space for Moby-Dick. */
export function defaultRow(d: BigramData): number {
  const i = d.chars.indexOf(d.corpus === "names" ? "." : " ");
  return i < 0 ? 0 : i;
}

export interface SampledPath {
  ids: number[]; // the start row's id, then every drawn id
  probs: number[]; // probs[t] = P(ids[t + 1] | ids[t])
  nll: number; // mean −ln of probs
}

/**
 * Samples from row `start` with a seeded Random: names until the boundary "." comes back (at most 30
 * characters), text for 60 characters. The same seed gives the same path.
 */
export function samplePath(d: BigramData, probs: Float64Array, start: number, seed: number): SampledPath {
  const names = d.corpus === "names";
  const drawn = sampleBigram(probs, d.V, new Random(seed), { start, stop: names ? 0 : undefined, maxLen: names ? 30 : 60 });
  const ids = [start, ...drawn];
  const p = drawn.map((id, t) => probs[ids[t] * d.V + id]);
  return { ids, probs: p, nll: p.reduce((s, x) => s - Math.log(x), 0) / p.length };
}

const cache = new Map<BigramCorpusName, Promise<BigramData>>();
const files: Record<BigramCorpusName, string> = { names: "first-names", "moby-dick": "moby-dick" };

/** Fetches a built-in corpus (scripts/corpora.ts serves it beside the page) and counts it, once per page. */
export function loadBigramData(corpus: BigramCorpusName, base: string): Promise<BigramData> {
  let p = cache.get(corpus);
  if (!p) {
    const url = `${base}corpora/${files[corpus]}.txt`;
    p = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`Could not load ${url}: the server answered ${res.status}. Reload the page; if it persists, rebuild the site.`);
        return res.text();
      })
      .then((text) => prepareBigramData(corpus, text));
    p.catch(() => cache.delete(corpus));
    cache.set(corpus, p);
  }
  return p;
}
