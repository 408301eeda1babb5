import { getStats, merge, splitText } from "../../core/tokenizers";

/**
 * BPE training one merge at a time, for the BPEStepper. It calls the engine's own plain-array helpers
 * (getStats, merge), so every merge is minbpe's; tests check the result against RegexTokenizer and
 * BasicTokenizer merge for merge. What this file adds is what a learner wants to see between merges: the
 * ranked pair counts, the ties, the sequence before and after, and bytes per token after each merge.
 */

/** A piece of text merged on its own (a word, or the whole text) and how many times it occurs. */
export interface Chunk {
  ids: number[];
  count: number;
}

/** Which pair wins when several share the top count: "first" seen in the text (minbpe), or "lex", the smallest (a, b). */
export type TiePolicy = "first" | "lex";

export interface PairCount {
  pair: [number, number];
  count: number;
}

export interface MergeStep {
  pair: [number, number];
  newId: number;
  count: number; // the pair's count (getStats counts overlaps: "aaa" holds (a, a) twice)
  joined: number; // occurrences actually replaced, left to right: "aaa" → [aa, a] is one
  /** the other pairs that had the same top count; empty when the winner was alone */
  tiedWith: [number, number][];
}

const utf8 = new TextEncoder();

/**
 * The chunks of a text: one chunk (minbpe's BasicTokenizer), or one per piece of GPT-4's split pattern
 * (RegexTokenizer: merges never cross two pieces).
 * Example: chunksFromText("ab ab", false) → [{ ids: [97, 98, 32, 97, 98], count: 1 }]
 *          chunksFromText("ab ab", true)  → [{ ids: [97, 98], count: 1 }, { ids: [32, 97, 98], count: 1 }]
 */
export function chunksFromText(text: string, split: boolean): Chunk[] {
  const pieces = split ? splitText(text) : text ? [text] : [];
  return pieces.map((p) => ({ ids: Array.from(utf8.encode(p)), count: 1 }));
}

/**
 * Words with counts, as in the Hugging Face course's BPE example.
 * Example: chunksFromWords([["hug", 10], ["pug", 5]]) → [{ ids: [104, 117, 103], count: 10 }, { ids: [112, 117, 103], count: 5 }]
 */
export function chunksFromWords(words: readonly (readonly [string, number])[]): Chunk[] {
  return words.map(([w, count]) => ({ ids: Array.from(utf8.encode(w)), count }));
}

/**
 * Pair counts over all chunks, each chunk's pairs counted `count` times, in first-seen order.
 * This is getStats on the corpus written out in full (every word repeated count times, merges never crossing
 * two words), without writing it out.
 * Example: pairCounts([{ ids: [1, 2, 1, 2], count: 1 }, { ids: [2, 1], count: 3 }]) → [[1,2]×2, [2,1]×4]
 */
export function pairCounts(chunks: readonly Chunk[]): PairCount[] {
  const total = new Map<string, number>(); // "a,b" -> weighted count, in first-seen order
  for (const c of chunks) for (const [key, n] of getStats(c.ids)) total.set(key, (total.get(key) ?? 0) + n * c.count);
  return Array.from(total, ([key, count]) => ({ pair: key.split(",").map(Number) as [number, number], count }));
}

/**
 * The pair counts sorted by count, most frequent first. Array.prototype.sort is stable, so equal counts keep
 * first-seen order: with the "first" policy the winner of a tie is always the top row.
 */
export function rankPairs(counts: readonly PairCount[]): PairCount[] {
  return [...counts].sort((x, y) => y.count - x.count);
}

/**
 * The pair to merge next, and the pairs it beat on a tie.
 * subtle: minbpe's max(stats, key=stats.get) returns the first key with the top count, and Python dicts keep
 * insertion order, so "first" is the pair whose first occurrence comes first in the text.
 * Example (aaabdaaabac after merge 1): counts (256,97)×2, (97,98)×2, … → "first" picks (256,97), "lex" picks (97,98).
 */
export function choosePair(ranked: readonly PairCount[], policy: TiePolicy): { winner: PairCount; tiedWith: [number, number][] } | null {
  if (!ranked.length) return null;
  const top = ranked.filter((p) => p.count === ranked[0].count);
  const winner = policy === "first" ? top[0] : top.reduce((m, p) => (p.pair[0] < m.pair[0] || (p.pair[0] === m.pair[0] && p.pair[1] < m.pair[1]) ? p : m));
  return { winner, tiedWith: top.filter((p) => p !== winner).map((p) => p.pair) };
}

/** Tokens in all chunks, each chunk counted `count` times. */
export const tokenCount = (chunks: readonly Chunk[]) => chunks.reduce((n, c) => n + c.ids.length * c.count, 0);

/**
 * BPE training as a list of snapshots: at(n) is the state after n merges. Snapshots are computed on demand
 * and kept, so Next, Undo and Run-to-N never replay from the start.
 */
export class BpeReplay {
  private readonly states: Chunk[][];
  private readonly steps: MergeStep[] = [];
  private exhausted = false;
  readonly bytes: number; // the corpus length in bytes (each chunk counted `count` times)

  constructor(
    chunks: readonly Chunk[],
    readonly policy: TiePolicy = "first",
  ) {
    this.states = [chunks.map((c) => ({ ids: [...c.ids], count: c.count }))];
    this.bytes = tokenCount(chunks);
  }

  /** Runs merges until there are n of them or no pair is left; returns min(n, how many exist). */
  private extend(n: number): number {
    while (this.steps.length < n && !this.exhausted) {
      const current = this.states[this.states.length - 1];
      const choice = choosePair(rankPairs(pairCounts(current)), this.policy);
      if (!choice) {
        this.exhausted = true;
        break;
      }
      const newId = 256 + this.steps.length;
      const { pair, count } = choice.winner;
      const next = current.map((c) => ({ ids: merge(c.ids, pair, newId), count: c.count }));
      this.states.push(next);
      this.steps.push({ pair, newId, count, joined: tokenCount(current) - tokenCount(next), tiedWith: choice.tiedWith });
    }
    return Math.min(n, this.steps.length);
  }

  /** The chunks after n merges (or after the last possible merge, if fewer exist). */
  at(n: number): Chunk[] {
    return this.states[this.extend(n)];
  }

  /** The merges made to reach n (fewer if the text ran out of pairs). */
  merges(n: number): MergeStep[] {
    return this.steps.slice(0, this.extend(n));
  }

  /** How many merges are possible, looking at most `limit` ahead (the text may run out of pairs sooner). */
  available(limit: number): number {
    return this.extend(limit);
  }

  /** Bytes per token after 0, 1, …, n merges. Example (aaabdaaabac, n = 3): [1, 11/9, 11/7, 11/5] */
  compression(n: number): number[] {
    const m = this.extend(n);
    return this.states.slice(0, m + 1).map((s) => this.bytes / Math.max(1, tokenCount(s)));
  }
}

/**
 * The bytes of every token id: 0..255 are themselves, merge i joins the bytes of its pair into id 256 + i.
 * Example: vocabBytes([{ pair: [97, 97], … }])[256] → Uint8Array [97, 97]
 */
export function vocabBytes(steps: readonly MergeStep[]): Uint8Array[] {
  const vocab = Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
  for (const { pair } of steps) {
    const [a, b] = [vocab[pair[0]], vocab[pair[1]]];
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    vocab.push(joined);
  }
  return vocab;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A token's text, or null when its bytes are not whole UTF-8 characters (part of a Japanese character, say).
 * Example: tokenText([97, 97]) → "aa"; tokenText([227, 129]) → null (the first two bytes of あ)
 */
export function tokenText(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

export { visibleWhitespace } from "../shared/text";

/**
 * Positions of the tokens a merge of `pair` joins, left to right without overlaps, as merge() does.
 * Example: mergedPositions([97, 97, 97], [97, 97]) → [0, 1] (the third a stays: "aaa" is one merge, not two)
 */
export function mergedPositions(ids: readonly number[], pair: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    if (ids[i] === pair[0] && ids[i + 1] === pair[1]) {
      out.push(i, i + 1);
      i++;
    }
  }
  return out;
}
