import { describe, expect, it } from "vitest";
import { bigram } from "../../src/core";
import { firstNames } from "../../scripts/corpora";
import { defaultRow, prepareBigramData, samplePath, showChar, tableView, topNext } from "../../src/widgets/bigram-heatmap/data";
import { maxAbsDiff } from "../../src/widgets/neural-bigram/race";

/** The heatmap's pure side: what a row shows, what a sample shows, and the losses, on the toy corpus by hand. */
const toy = prepareBigramData("names", "ab\nabb\nb\n");

describe("the heatmap's data on the toy corpus .ab. .abb. .b. (all three names train at a 90% split of 3 → 2)", () => {
  it("splits 2 names for training (ab, abb) and 1 (b) for validation, and counts each split", () => {
    // floor(3 · 0.9) = 2: .ab. and .abb. train; .b. validates
    expect(toy.chars).toEqual([".", "a", "b"]);
    expect([...toy.train]).toEqual([0, 2, 0, 0, 0, 2, 2, 0, 1]);
    expect([...toy.val]).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect([...toy.trainTotals]).toEqual([2, 2, 3]);
  });
  it("α = 0: .b never starts a training name, so the validation pair .b has probability 0 and the val loss is ∞", () => {
    const v = tableView(toy, 0);
    expect(v.valNll).toBe(Infinity);
    expect(v.unseenValPairs).toBe(1);
    // train: .a .a ab ab b. b. bb → −(2 ln 1 + 2 ln 1 + 2 ln 2/3 + ln 1/3) / 7
    expect(v.trainNll).toBeCloseTo(-(2 * Math.log(2 / 3) + Math.log(1 / 3)) / 7, 12);
  });
  it("α = 1: P(b | .) = (0 + 1)/(2 + 3) = 0.2, P(. | b) = 3/6; val = −(ln 0.2 + ln 0.5)/2", () => {
    const v = tableView(toy, 1);
    expect(v.probs[2]).toBeCloseTo(0.2, 12);
    expect(v.probs[6]).toBeCloseTo(0.5, 12);
    expect(v.valNll).toBeCloseTo(-(Math.log(0.2) + Math.log(0.5)) / 2, 12);
    expect(v.unseenValPairs).toBe(0);
  });
  it("topNext orders a row by probability, ties by id: row b at α = 1 is . (0.5), b (1/3), a (1/6)", () => {
    const top = topNext(tableView(toy, 1).probs, 3, 2, 3);
    expect(top.map((x) => x.id)).toEqual([0, 2, 1]);
    expect(top.map((x) => x.p.toFixed(4))).toEqual(["0.5000", "0.3333", "0.1667"]);
    expect(topNext(new Float64Array([0.5, 0.5, 0]), 3, 0, 2).map((x) => x.id)).toEqual([0, 1]);
  });
  it("a sample from row . at α = 0 is .a b… . or never contains a after a; its probabilities are the table's and its NLL their mean −ln", () => {
    const probs = tableView(toy, 0).probs;
    for (let seed = 1; seed <= 20; seed++) {
      const s = samplePath(toy, probs, 0, seed);
      expect(s.ids[0]).toBe(0);
      expect(s.ids[s.ids.length - 1]).toBe(0);
      expect(s.ids[1]).toBe(1); // row . at α = 0 only ever gives a
      expect(s.nll).toBeCloseTo(s.probs.reduce((a, p) => a - Math.log(p), 0) / s.probs.length, 12);
      expect(s).toEqual(samplePath(toy, probs, 0, seed));
    }
  });
});

describe("the real corpora", () => {
  it("names start on row . and a Moby-Dick-like text on the space; characters print visibly", () => {
    expect(toy.chars[defaultRow(toy)]).toBe(".");
    const text = prepareBigramData("moby-dick", "call me ishmael.\nsome years ago");
    expect(text.chars[defaultRow(text)]).toBe(" ");
    expect(text.chars.map(showChar).slice(0, 3)).toEqual(["↵", "␣", "."]);
  });
  it("a text sample has 60 drawn characters after its start and never stops at a boundary", () => {
    const text = prepareBigramData("moby-dick", "call me ishmael. some years ago, never mind how long precisely");
    const s = samplePath(text, tableView(text, 1).probs, defaultRow(text), 3);
    expect(s.ids).toHaveLength(61);
  });
  it("names at α = 1: the table sums to 1 in every row and the count loss is 2.4183 on training, 2.4663 on validation", () => {
    const d = prepareBigramData("names", firstNames());
    const v = tableView(d, 1);
    for (let i = 0; i < 27; i++) expect(v.probs.subarray(i * 27, i * 27 + 27).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect([v.trainNll.toFixed(4), v.valNll.toFixed(4)]).toEqual(["2.4183", "2.4663"]);
    expect(bigram.countsNll(v.probs, d.val)).toBe(v.valNll);
  });
  it("maxAbsDiff is the largest entrywise gap, and refuses tables of different sizes", () => {
    expect(maxAbsDiff([0.5, 0.5], [0.25, 0.75])).toBe(0.25);
    expect(() => maxAbsDiff([1], [0.5, 0.5])).toThrow("Cannot compare tables of 1 and 2 entries.");
  });
});
