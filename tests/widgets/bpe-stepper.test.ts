import { describe, expect, it } from "vitest";
import { BasicTokenizer, RegexTokenizer } from "../../src/core/tokenizers";
import { tokenLabel } from "../../src/widgets/bpe-stepper/Panels";
import { HF_WORDS, JA_TEXT, presetChunks, WIKI_TEXT } from "../../src/widgets/bpe-stepper/presets";
import { BpeReplay, chunksFromText, chunksFromWords, mergedPositions, pairCounts, rankPairs, tokenText, vocabBytes } from "../../src/widgets/bpe-stepper/stepper";

const wiki = () => new BpeReplay(chunksFromText(WIKI_TEXT, false));
const flat = (r: BpeReplay, n: number) => r.at(n).flatMap((c) => c.ids);

describe("BPEStepper on aaabdaaabac (minbpe's test, Wikipedia's example)", () => {
  it("3 merges give [258, 100, 258, 97, 99], the ids minbpe's test pins", () => {
    expect(flat(wiki(), 3)).toEqual([258, 100, 258, 97, 99]);
  });
  it("makes the same merges as the engine's BasicTokenizer (minbpe)", () => {
    const tok = new BasicTokenizer();
    tok.train(WIKI_TEXT, 256 + 3);
    expect(wiki().merges(3).map((m) => m.pair)).toEqual(tok.merges.map(([a, b]) => [a, b]));
    expect(wiki().merges(3).map((m) => m.pair)).toEqual([[97, 97], [256, 97], [257, 98]]);
  });
  it("merge 1 is (a, a)×4 with no tie (2 joined); merge 2 is a tie between (256, 97) and (97, 98), both ×2, won by (256, 97)", () => {
    const steps = wiki().merges(3);
    // (a, a) is counted 4 times (each "aaa" holds it twice) but only 2 are joined, left to right
    expect(steps[0]).toEqual({ pair: [97, 97], newId: 256, count: 4, joined: 2, tiedWith: [] });
    expect(steps[1]).toEqual({ pair: [256, 97], newId: 257, count: 2, joined: 2, tiedWith: [[97, 98]] });
    expect(steps[2]).toEqual({ pair: [257, 98], newId: 258, count: 2, joined: 2, tiedWith: [] });
  });
  it("the table before merge 2 ranks the tied pairs first, in first-seen order", () => {
    const ranked = rankPairs(pairCounts(wiki().at(1)));
    // after merge 1 the sequence is [256, 97, 98, 100, 256, 97, 98, 97, 99]
    expect(wiki().at(1)[0].ids).toEqual([256, 97, 98, 100, 256, 97, 98, 97, 99]);
    expect(ranked.slice(0, 3)).toEqual([
      { pair: [256, 97], count: 2 },
      { pair: [97, 98], count: 2 },
      { pair: [98, 100], count: 1 },
    ]);
  });
  it("the lexicographic tie rule takes Wikipedia's path: 257 = ab, then 258 = aa+ab; the ids end the same", () => {
    const lex = new BpeReplay(chunksFromText(WIKI_TEXT, false), "lex");
    expect(lex.merges(3).map((m) => m.pair)).toEqual([[97, 97], [97, 98], [256, 257]]);
    expect(flat(lex, 3)).toEqual([258, 100, 258, 97, 99]);
    expect(new TextDecoder().decode(vocabBytes(lex.merges(3))[257])).toBe("ab");
    expect(new TextDecoder().decode(vocabBytes(wiki().merges(3))[257])).toBe("aaa");
    expect(new TextDecoder().decode(vocabBytes(wiki().merges(3))[258])).toBe("aaab");
  });
  it("undo is the state one merge earlier, and later steps reuse the same snapshots", () => {
    const r = wiki();
    const after3 = flat(r, 3);
    expect(flat(r, 2)).toEqual([257, 98, 100, 257, 98, 97, 99]);
    expect(flat(r, 3)).toEqual(after3);
    expect(flat(r, 0)).toEqual([...new TextEncoder().encode(WIKI_TEXT)]);
  });
  it("stops when no pair is left: after the 3 merges, 4 more (each pair ×1) join the 5 tokens into one", () => {
    const r = wiki();
    expect(r.available(50)).toBe(7);
    expect(r.at(50)[0].ids).toEqual([262]);
    expect(r.merges(50)).toHaveLength(7);
  });
  it("compression = bytes / tokens after each merge: 11/11, 11/9, 11/7, 11/5 (by hand: aa is joined twice, then aaa twice, then aaab twice)", () => {
    expect(wiki().compression(3)).toEqual([11 / 11, 11 / 9, 11 / 7, 11 / 5]);
  });
});

describe("BPEStepper on the Hugging Face corpus (hug×10 pug×5 pun×12 bun×4 hugs×5)", () => {
  const hf = () => new BpeReplay(chunksFromWords(HF_WORDS));
  it("merges ug×20, un×16, hug×15, then (p, un)×12, as in the course", () => {
    const steps = hf().merges(4);
    const text = (id: number) => new TextDecoder().decode(vocabBytes(steps)[id]);
    expect(steps.map((m) => [text(m.pair[0]), text(m.pair[1]), m.count])).toEqual([
      ["u", "g", 20],
      ["u", "n", 16],
      ["h", "ug", 15],
      ["p", "un", 12],
    ]);
  });
  it("matches the engine's RegexTokenizer trained on the corpus written out (one word per line)", () => {
    const corpus = HF_WORDS.flatMap(([w, n]) => Array<string>(n).fill(w)).join("\n");
    const tok = new RegexTokenizer();
    tok.train(corpus, 256 + 8);
    expect(hf().merges(8).map((m) => m.pair)).toEqual(tok.merges.map(([a, b]) => [a, b]));
  });
  it("counts pairs weighted by word frequency", () => {
    const counts = new Map(pairCounts(presetChunks("hf", "", false)).map((p) => [String.fromCharCode(...p.pair), p.count]));
    expect(Object.fromEntries(counts)).toEqual({ hu: 15, ug: 20, pu: 17, un: 16, bu: 4, gs: 5 });
  });
});

describe("BPEStepper on Japanese", () => {
  it("あ is 3 bytes, [227, 129, 130]; the preset sentence is 16 characters and 48 bytes", () => {
    expect(presetChunks("own", "あ", false)[0].ids).toEqual([227, 129, 130]);
    expect(Array.from(JA_TEXT).length).toBe(16);
    expect(new BpeReplay(presetChunks("ja", "", false)).bytes).toBe(48);
  });
  it("every merge equals BasicTokenizer's, 40 merges deep", () => {
    const tok = new BasicTokenizer();
    tok.train(JA_TEXT, 256 + 40);
    const r = new BpeReplay(presetChunks("ja", "", false));
    expect(r.merges(40).map((m) => m.pair)).toEqual(tok.merges.map(([a, b]) => [a, b]));
    expect(r.at(40).flatMap((c) => c.ids)).toEqual(tok.encode(JA_TEXT));
  });
  it("with the GPT-4 split, every merge equals RegexTokenizer's", () => {
    const text = "吾輩は猫である。名前はまだ無い。the cat sat on the mat";
    const tok = new RegexTokenizer();
    tok.train(text, 256 + 30);
    const r = new BpeReplay(chunksFromText(text, true));
    expect(r.merges(30).map((m) => m.pair)).toEqual(tok.merges.map(([a, b]) => [a, b]));
  });
  it("the first merge is the byte pair (227, 129), the start of many hiragana, shown as bytes since it is no character", () => {
    const first = new BpeReplay(presetChunks("ja", "", false)).merges(1)[0];
    expect(first.pair).toEqual([227, 129]);
    const bytes = vocabBytes([first])[256];
    expect(tokenText(bytes)).toBeNull();
    expect(tokenLabel(bytes, "text")).toEqual({ label: "‹227 129›", partial: true });
    expect(tokenLabel(Uint8Array.of(97, 32), "text")).toEqual({ label: "a␣", partial: false });
    expect(tokenLabel(Uint8Array.of(227, 129, 130), "text")).toEqual({ label: "あ", partial: false });
    expect(tokenLabel(Uint8Array.of(227, 129, 130), "bytes")).toEqual({ label: "227 129 130", partial: false });
  });
});

describe("mergedPositions", () => {
  it("marks what merge() joins, left to right without overlap", () => {
    expect(mergedPositions([97, 97, 97, 98], [97, 97])).toEqual([0, 1]);
    expect(mergedPositions([256, 97, 98, 100, 256, 97, 98], [256, 97])).toEqual([0, 1, 4, 5]);
  });
});
