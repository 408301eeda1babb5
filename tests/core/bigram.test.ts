import { describe, expect, it } from "vitest";
import { bigram, Random } from "../../src/core";
import { firstNames, mobyDick } from "../../scripts/corpora";

const { bigramCorpus, bigramNll, bigramProbs, countBigrams, countsNll, drawFrom, encodeWords, sampleBigram, wordsVocab } = bigram;

/** The lesson's toy corpus: three words over the letters a, b; vocabulary . a b (ids 0 1 2). */
const toyWords = ["ab", "abb", "b"];
const toyVocab = wordsVocab(toyWords);
const toySeqs = encodeWords(toyWords, toyVocab);
const toyCounts = countBigrams(toySeqs, 3);

describe("counting pairs (hand-worked on .ab. .abb. .b.)", () => {
  it("the vocabulary is . a b and the words gain a boundary on both sides", () => {
    expect(toyVocab.chars).toEqual([".", "a", "b"]);
    expect(toySeqs).toEqual([[0, 1, 2, 0], [0, 1, 2, 2, 0], [0, 2, 0]]);
  });
  it("counts: .a 2, .b 1, ab 2, b. 3, bb 1, everything else 0", () => {
    // rows: . a b ; columns: . a b
    expect([...toyCounts]).toEqual([0, 2, 1, 0, 0, 2, 3, 0, 1]);
  });
  it("α = 0: P(a|.) = 2/3, P(b|a) = 1, P(.|b) = 3/4, P(b|b) = 1/4; every row sums to 1", () => {
    const P = bigramProbs(toyCounts, 3, 0);
    expect(P[0 * 3 + 1]).toBeCloseTo(2 / 3, 12);
    expect(P[1 * 3 + 2]).toBe(1);
    expect(P[2 * 3 + 0]).toBe(3 / 4);
    expect(P[2 * 3 + 2]).toBe(1 / 4);
    for (let i = 0; i < 3; i++) expect(P[i * 3] + P[i * 3 + 1] + P[i * 3 + 2]).toBeCloseTo(1, 12);
  });
  it("α = 1: P(.|a) = (0 + 1) / (2 + 3) = 1/5 and P(b|a) = 3/5", () => {
    const P = bigramProbs(toyCounts, 3, 1);
    expect(P[3]).toBeCloseTo(1 / 5, 12);
    expect(P[5]).toBeCloseTo(3 / 5, 12);
  });
  it("NLL of .ab. is ln 2 in total, ln 2 / 3 per pair; the unseen pair a→a makes a word's loss infinite at α = 0", () => {
    const P = bigramProbs(toyCounts, 3, 0);
    const r = bigramNll(P, 3, [toySeqs[0]]);
    expect(r.pairs).toBe(3);
    expect(r.nll * r.pairs).toBeCloseTo(Math.LN2, 12);
    const aa = bigramNll(P, 3, encodeWords(["aa"], toyVocab));
    expect(aa).toEqual({ nll: Infinity, pairs: 3, zeroPairs: 2 }); // a→a unseen, and . a a . has a→. too
    expect(Number.isFinite(bigramNll(bigramProbs(toyCounts, 3, 1), 3, encodeWords(["aa"], toyVocab)).nll)).toBe(true);
  });
  it("the whole toy corpus: NLL = −(2 ln 2/3 + ln 1/3 + 2 ln 1 + 3 ln 3/4 + ln 1/4) / 9 = 4.1589 / 9 = 0.4621", () => {
    const P = bigramProbs(toyCounts, 3, 0);
    const hand = -(2 * Math.log(2 / 3) + Math.log(1 / 3) + 2 * Math.log(1) + 3 * Math.log(3 / 4) + Math.log(1 / 4)) / 9;
    expect(bigramNll(P, 3, toySeqs).nll).toBeCloseTo(hand, 12);
    expect(countsNll(P, toyCounts)).toBeCloseTo(hand, 12);
    expect(hand.toFixed(4)).toBe("0.4621");
  });
  it("errors name the values", () => {
    expect(() => countBigrams([[0, 5]], 3)).toThrow("Pair (0, 5) at position 0 is outside the vocabulary 0..2.");
    expect(() => bigramProbs(toyCounts, 3, -1)).toThrow("Smoothing α must be a finite number ≥ 0, got -1.");
    expect(() => wordsVocab(["a.b"])).toThrow('The word "a.b" contains "."');
    expect(() => drawFrom([0, 0], new Random(1))).toThrow("Cannot sample from a row of zeros");
  });
});

describe("sampling", () => {
  it("draws by the inverse CDF: with u below 2/3 row . gives a, else b; 30,000 seeded draws land within 1% of 2/3", () => {
    const P = bigramProbs(toyCounts, 3, 0);
    const rng = new Random(7);
    let a = 0;
    for (let k = 0; k < 30_000; k++) a += drawFrom(P.subarray(0, 3), rng) === 1 ? 1 : 0;
    expect(Math.abs(a / 30_000 - 2 / 3)).toBeLessThan(0.01);
  });
  it("a sampled word starts after . and ends at the first . (row a always gives b: every sample reads a b…)", () => {
    const P = bigramProbs(toyCounts, 3, 0);
    const rng = new Random(3);
    for (let k = 0; k < 50; k++) {
      const ids = sampleBigram(P, 3, rng, { start: 0, stop: 0, maxLen: 100 });
      expect(ids[ids.length - 1]).toBe(0);
      expect(ids.slice(0, -1)).not.toContain(0);
      ids.forEach((id, t) => id === 1 && expect(ids[t + 1]).toBe(2));
    }
  });
});

describe("the lesson's corpora", () => {
  it("names: 8,403 names of a–z (19 hyphenated dropped), V = 27; α = 1 gives train 2.4183, val 2.4663; α = 0 gives val ∞", () => {
    const c = bigramCorpus("names", firstNames());
    expect(c.vocab.chars.join("")).toBe(".abcdefghijklmnopqrstuvwxyz");
    expect([c.train.length, c.val.length, c.dropped]).toEqual([7562, 841, 19]);
    const N = countBigrams(c.train, 27);
    expect(bigramNll(bigramProbs(N, 27, 1), 27, c.train).nll).toBeCloseTo(2.4183, 4);
    expect(bigramNll(bigramProbs(N, 27, 1), 27, c.val).nll).toBeCloseTo(2.4663, 4);
    expect(bigramNll(bigramProbs(N, 27, 0), 27, c.val).nll).toBe(Infinity);
  });
  it("Moby-Dick characters: V = 83; α = 1 gives val 2.4655 nats per character (the uniform guess: ln 83 = 4.4188)", () => {
    const c = bigramCorpus("text", mobyDick());
    expect(c.vocab.chars.length).toBe(83);
    const N = countBigrams(c.train, 83);
    expect(bigramNll(bigramProbs(N, 83, 1), 83, c.val).nll).toBeCloseTo(2.4655, 4);
    expect(bigramNll(bigramProbs(N, 83, 1), 83, c.train).nll).toBeCloseTo(2.4668, 4);
  });
});
