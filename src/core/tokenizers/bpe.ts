import type { Tokenizer, TokenizerSpec, TrainAsyncOptions, TrainOptions } from "./types";
import { decodeTokenBytes } from "./bytes";

/**
 * Byte-level byte-pair encoding, after karpathy/minbpe (base.py + basic.py). Ids 0..255 are the raw UTF-8
 * bytes; merge number i joins an adjacent pair [a, b] into the new id 256 + i. Training repeatedly merges the
 * most frequent adjacent pair; encoding replays the merges, lowest new id first.
 *
 * The two helpers below are the whole idea on plain arrays (the lesson shows them). The classes do the same
 * thing on a linked list with a pair index, so training on ~1 MB of text in the browser takes seconds, not
 * minutes; a test checks the fast path against these helpers merge for merge.
 */

// ---------------------------------------------------------------------------------------------------------
// The idea on plain arrays

/**
 * Counts consecutive pairs, keyed "a,b", in first-seen order.
 * Example: [1, 2, 3, 1, 2] → Map { "1,2" => 2, "2,3" => 1, "3,1" => 1 }
 * Pass `counts` to keep counting across several chunks (RegexTokenizer counts chunk by chunk).
 */
export function getStats(ids: readonly number[], counts = new Map<string, number>()): Map<string, number> {
  for (let i = 0; i + 1 < ids.length; i++) {
    const key = `${ids[i]},${ids[i + 1]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Replaces every occurrence of the pair with `newId`, left to right, without overlaps.
 * Example: merge([1, 2, 3, 1, 2], [1, 2], 4) → [4, 3, 4]; merge([7, 7, 7], [7, 7], 8) → [8, 7]
 */
export function merge(ids: readonly number[], pair: readonly [number, number], newId: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === pair[0] && ids[i + 1] === pair[1]) {
      out.push(newId);
      i++; // skip the second half of the pair
    } else {
      out.push(ids[i]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The fast path: a linked list over byte positions plus an index from each pair to where it occurs

/**
 * A token sequence cut into chunks (RegexTokenizer never merges across chunks; BasicTokenizer has one chunk).
 * Position i holds the token that starts at byte i; merging the pair at i leaves the token at i and kills the
 * one after it, so positions stay in text order and "first occurrence" is simply the smallest live position.
 *
 * Pairs are integer keys a * base + b (base > every id), far cheaper in a Map than "a,b" strings.
 */
class PairIndex {
  readonly tok: Int32Array; // token id at each position, -1 once merged into the token on its left
  private readonly next: Int32Array; // next live position in the same chunk, or -1
  private readonly prev: Int32Array; // previous live position in the same chunk, or -1
  private readonly where = new Map<number, number[]>(); // pair -> positions (may hold stale ones, checked on use)
  readonly counts: Map<number, number> | null; // pair -> live occurrences (training only)

  /**
   * @param chunkEnds byte offsets where each chunk ends (ascending, the last one = bytes.length)
   * @param track     which pairs to index; encoding only needs pairs that have a merge
   */
  constructor(
    bytes: Uint8Array,
    chunkEnds: readonly number[],
    readonly base: number,
    countPairs: boolean,
    private readonly track: (key: number) => boolean = () => true,
  ) {
    const n = bytes.length;
    this.tok = Int32Array.from(bytes);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.counts = countPairs ? new Map() : null;
    let start = 0;
    for (const end of chunkEnds) {
      for (let i = start; i < end; i++) {
        this.prev[i] = i > start ? i - 1 : -1;
        this.next[i] = i + 1 < end ? i + 1 : -1;
        if (i + 1 < end) this.add(this.tok[i] * base + this.tok[i + 1], i);
      }
      start = end;
    }
  }

  private add(key: number, position: number): void {
    if (this.counts) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.track(key)) return;
    const list = this.where.get(key);
    if (list) list.push(position);
    else this.where.set(key, [position]);
  }

  private remove(key: number): void {
    if (!this.counts) return;
    const c = this.counts.get(key)! - 1;
    if (c > 0) {
      this.counts.set(key, c);
    } else {
      this.counts.delete(key);
      this.where.delete(key); // every position in it is stale now
    }
  }

  /** Merges every live occurrence of pair (a, b) into newId, left to right without overlaps, as merge() does. */
  mergePair(a: number, b: number, newId: number): void {
    const key = a * this.base + b;
    const list = this.where.get(key);
    if (!list) return;
    this.where.delete(key);
    // subtle: positions were appended as pairs appeared, not in text order; left-to-right needs them sorted
    const positions = Int32Array.from(list).sort();
    const { tok, next, prev, base } = this;
    for (const i of positions) {
      const j = next[i];
      if (tok[i] !== a || j === -1 || tok[j] !== b) continue; // stale, or eaten by the previous overlap ("aaa")
      const p = prev[i];
      const n = next[j];
      this.remove(key);
      if (p !== -1) {
        this.remove(tok[p] * base + a);
        this.add(tok[p] * base + newId, p);
      }
      if (n !== -1) {
        this.remove(b * base + tok[n]);
        this.add(newId * base + tok[n], i);
        prev[n] = i;
      }
      tok[i] = newId;
      tok[j] = -1;
      next[i] = n;
    }
  }

  /**
   * The most frequent pair; on a tie, the one whose first occurrence comes first in the text.
   * subtle: that is what minbpe's max() over a dict filled in text order picks (Python dicts keep insertion
   * order, so among equal counts the pair inserted first wins). The golden merges depend on this rule.
   */
  mostFrequent(): number | null {
    let best = 0;
    let ties: number[] = [];
    for (const [key, c] of this.counts!) {
      if (c > best) {
        best = c;
        ties = [key];
      } else if (c === best) {
        ties.push(key);
      }
    }
    if (ties.length <= 1) return ties[0] ?? null;
    const tied = new Set(ties);
    const { tok, next, base } = this;
    for (let i = 0; i < tok.length; i++) {
      if (tok[i] !== -1 && next[i] !== -1 && tied.has(tok[i] * base + tok[next[i]])) return tok[i] * base + tok[next[i]];
    }
    throw new Error("BPE internal error: tied pairs have counts but no occurrence in the sequence.");
  }

  /** The live tokens in text order. */
  ids(): number[] {
    const out: number[] = [];
    for (const t of this.tok) if (t !== -1) out.push(t);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizers

/** UTF-8 bytes of text cut into chunks; chunkEnds[k] is the byte offset where chunk k ends. */
export interface ByteChunks {
  bytes: Uint8Array;
  chunkEnds: number[];
}

const utf8 = new TextEncoder();

/**
 * What BasicTokenizer and RegexTokenizer share: training, encoding, decoding and the vocabulary. The
 * subclasses only differ in how text is cut into chunks before any merging.
 */
export abstract class BpeTokenizer implements Tokenizer {
  abstract readonly kind: "bpe-basic" | "bpe-regex";
  private mergeList: [number, number][] = []; // mergeList[i] = [a, b] made id 256 + i
  private vocabBytes: Uint8Array[] = BpeTokenizer.byteVocab(); // id -> its bytes
  private ranks = new Map<number, number>(); // pair key (a * vocabSize + b) -> merge index

  /** Cuts text into chunks that are merged separately; their bytes, in order. */
  protected abstract split(text: string): ByteChunks;

  get vocabSize(): number {
    return 256 + this.mergeList.length;
  }

  /** The merges in creation order: merges[i] = [a, b] made id 256 + i. */
  get merges(): readonly (readonly [number, number])[] {
    return this.mergeList;
  }

  /** The bytes of every id (index = id). Read only; tokenBytes(id) gives a copy. */
  get vocab(): readonly Uint8Array[] {
    return this.vocabBytes;
  }

  /** Learns vocabSize - 256 merges from text, replacing any earlier ones (minbpe's train()). */
  train(text: string, vocabSize: number, options: TrainOptions = {}): void {
    for (const done of this.trainSteps(text, vocabSize)) {
      options.onProgress?.(done, vocabSize - 256);
      if (options.shouldStop?.()) break;
    }
  }

  /** train(), awaiting options.yieldFn every yieldEvery merges so a progress bar can repaint. */
  async trainAsync(text: string, vocabSize: number, options: TrainAsyncOptions = {}): Promise<void> {
    const yieldFn = options.yieldFn ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    const every = Math.max(1, options.yieldEvery ?? 8);
    for (const done of this.trainSteps(text, vocabSize)) {
      options.onProgress?.(done, vocabSize - 256);
      if (options.shouldStop?.()) break;
      if (done % every === 0) await yieldFn();
    }
  }

  /**
   * Runs training one merge at a time, yielding the number of merges done. Stops early when no pair is left
   * (text too short for the vocabulary asked for); vocabSize then tells how many were made.
   */
  private *trainSteps(text: string, vocabSize: number): Generator<number> {
    if (!Number.isInteger(vocabSize) || vocabSize < 256) {
      throw new Error(`BPE vocabSize must be an integer of at least 256 (the 256 byte tokens), got ${vocabSize}.`);
    }
    this.setMerges([]);
    const { bytes, chunkEnds } = this.split(text);
    const index = new PairIndex(bytes, chunkEnds, vocabSize, true);
    const numMerges = vocabSize - 256;
    for (let i = 0; i < numMerges; i++) {
      const key = index.mostFrequent();
      if (key === null) return;
      const a = Math.floor(key / vocabSize);
      const b = key % vocabSize;
      index.mergePair(a, b, 256 + i);
      this.addMerge(a, b);
      yield i + 1;
    }
  }

  /** Replaces the merges (e.g. from a saved spec); each pair may only use ids that exist before it. */
  setMerges(merges: readonly (readonly [number, number])[]): this {
    this.mergeList = [];
    this.vocabBytes = BpeTokenizer.byteVocab();
    this.ranks = new Map();
    merges.forEach(([a, b], i) => {
      const limit = 256 + i;
      if (![a, b].every((x) => Number.isInteger(x) && x >= 0 && x < limit)) {
        throw new Error(`Merge ${i} is [${a}, ${b}], but merge ${i} can only join ids 0..${limit - 1} (it creates id ${limit}). Is the merge list out of order?`);
      }
      this.addMerge(a, b);
    });
    return this;
  }

  private addMerge(a: number, b: number): void {
    this.mergeList.push([a, b]);
    const bytes = new Uint8Array(this.vocabBytes[a].length + this.vocabBytes[b].length);
    bytes.set(this.vocabBytes[a]);
    bytes.set(this.vocabBytes[b], this.vocabBytes[a].length);
    this.vocabBytes.push(bytes);
    this.ranks.clear(); // pair keys depend on vocabSize; encode() rebuilds them
  }

  encode(text: string): number[] {
    const { bytes, chunkEnds } = this.split(text);
    const base = this.vocabSize;
    if (this.ranks.size !== this.mergeList.length) {
      this.ranks = new Map(this.mergeList.map(([a, b], i) => [a * base + b, i]));
    }
    const index = new PairIndex(bytes, chunkEnds, base, false, (key) => this.ranks.has(key));
    // subtle: minbpe repeatedly merges the present pair with the lowest merge index. A merge only creates
    // pairs that contain its new id, and those can only have later merges, so this is the same as replaying
    // every merge in order once.
    this.mergeList.forEach(([a, b], i) => index.mergePair(a, b, 256 + i));
    return index.ids();
  }

  decode(ids: number[]): string {
    return decodeTokenBytes(ids.map((id, i) => this.bytesOf(id, i))); // bad bytes become U+FFFD
  }

  tokenBytes(id: number): Uint8Array {
    return this.bytesOf(id).slice();
  }

  private bytesOf(id: number, position?: number): Uint8Array {
    const bytes = this.vocabBytes[id];
    if (bytes === undefined) {
      const where = position === undefined ? "" : ` at position ${position}`;
      throw new Error(`Cannot decode id ${id}${where}: this BPE vocabulary has ids 0..${this.vocabSize - 1}.`);
    }
    return bytes;
  }

  toJSON(): TokenizerSpec {
    return { kind: this.kind, merges: this.mergeList.map(([a, b]) => [a, b]) };
  }

  private static byteVocab(): Uint8Array[] {
    return Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
  }

  /** UTF-8 of the whole text as one chunk. */
  protected static oneChunk(text: string): ByteChunks {
    const bytes = utf8.encode(text);
    return { bytes, chunkEnds: [bytes.length] };
  }
}

/** minbpe's BasicTokenizer: merges run over the whole text, across spaces and punctuation. */
export class BasicTokenizer extends BpeTokenizer {
  readonly kind = "bpe-basic" as const;

  protected split(text: string): ByteChunks {
    return BpeTokenizer.oneChunk(text);
  }
}
