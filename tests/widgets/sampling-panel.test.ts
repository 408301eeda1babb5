import { describe, expect, it } from "vitest";
import { drawCounts, panelRows, sliderToT, tToSlider, TOY_LOGITS, TOY_VOCAB, type PanelSettings } from "../../src/widgets/sampling-panel/sampling";

/**
 * SamplingPanel's numbers. The expected values are rasbt/LLMs-from-scratch ch05 §5.3's (softmax of the 9-word
 * toy's logits after "every effort moves you"), as listed in the curriculum (L10, exercise 1).
 */
const base: PanelSettings = { temperature: 1, topK: 0, topP: 1, greedy: false };
const word = (w: (typeof TOY_VOCAB)[number]) => TOY_VOCAB.indexOf(w);
const final = (s: Partial<PanelSettings>) => panelRows(TOY_LOGITS, { ...base, ...s }).map((r) => r.final);

describe("the rasbt toy distribution", () => {
  it("T = 1: forward .5721, toward .3576, closer .0609", () => {
    const p = final({});
    expect(p[word("forward")]).toBeCloseTo(0.5721, 4);
    expect(p[word("toward")]).toBeCloseTo(0.3576, 4);
    expect(p[word("closer")]).toBeCloseTo(0.0609, 4);
  });
  it("top-3 renormalises to .5775 / .3610 / .0615 and greys the other six", () => {
    const rows = panelRows(TOY_LOGITS, { ...base, topK: 3 });
    expect(rows[word("forward")].final).toBeCloseTo(0.5775, 4);
    expect(rows[word("toward")].final).toBeCloseTo(0.361, 4);
    expect(rows[word("closer")].final).toBeCloseTo(0.0615, 4);
    expect(rows.filter((r) => r.kept).map((r) => TOY_VOCAB[r.id])).toEqual(["closer", "forward", "toward"]);
    expect(rows[word("forward")].raw).toBeCloseTo(0.5721, 4); // the unfiltered probability is still shown
  });
  it("top-p 0.9 keeps {forward, toward}, whose mass is .9297", () => {
    const rows = panelRows(TOY_LOGITS, { ...base, topP: 0.9 });
    const kept = rows.filter((r) => r.kept);
    expect(kept.map((r) => TOY_VOCAB[r.id])).toEqual(["forward", "toward"]);
    expect(kept.reduce((s, r) => s + r.raw, 0)).toBeCloseTo(0.9297, 4);
    expect(rows[word("forward")].final).toBeCloseTo(0.5721 / 0.9297, 3);
  });
  it("T = 0.1 gives forward .991", () => expect(final({ temperature: 0.1 })[word("forward")]).toBeCloseTo(0.991, 3));
  it("stays finite at T = 0.05 (where a naive exp(z/T) = exp(135) would overflow float32), and greedy is one-hot", () => {
    expect(Math.fround(Math.exp(6.75 / 0.05))).toBe(Infinity); // the naive numerator, in float32
    for (const r of panelRows(TOY_LOGITS, { ...base, temperature: 0.05 })) {
      expect(Number.isFinite(r.scaled) && Number.isFinite(r.final)).toBe(true);
    }
    // exp((6.28 − 6.75) / 0.05) = exp(−9.4): toward keeps 8.3e-5, forward the rest
    const p = final({ temperature: 0.05 });
    expect(p[word("forward")]).toBeCloseTo(1 / (1 + Math.exp(-9.4)), 6);
    expect(final({ greedy: true })).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
  it("names a bad setting", () => {
    expect(() => panelRows(TOY_LOGITS, { ...base, topK: 10 })).toThrow("top-k must be 0 (off) or 1–9, got 10.");
    expect(() => panelRows(TOY_LOGITS, { ...base, topP: 0 })).toThrow("top-p must be in (0, 1], got 0.");
    expect(() => panelRows(TOY_LOGITS, { ...base, temperature: 0 })).toThrow("temperature must be a number above 0");
  });
});

describe("Sample 1000× with the engine's seeded sampler", () => {
  // Computed once with the project's Random (sfc32) and sampleFrom, then fixed here: the page shows these.
  it("seed 123, T = 1: forward 564, toward 362, closer 67", () => {
    expect(drawCounts(final({}), 1000, 123)).toEqual([67, 0, 0, 564, 3, 0, 2, 362, 2]);
  });
  it("seed 123, top-3: only the three kept words are drawn", () => {
    expect(drawCounts(final({ topK: 3 }), 1000, 123)).toEqual([67, 0, 0, 569, 0, 0, 0, 364, 0]);
  });
  it("the same seed gives the same counts; another seed other counts, near 1000·p", () => {
    expect(drawCounts(final({}), 1000, 123)).toEqual(drawCounts(final({}), 1000, 123));
    const other = drawCounts(final({}), 1000, 1337);
    expect(other).not.toEqual(drawCounts(final({}), 1000, 123));
    // binomial sd at p = .5721: sqrt(1000 · .5721 · .4279) ≈ 15.6; allow 4 sd
    expect(Math.abs(other[word("forward")] - 572.1)).toBeLessThan(63);
  });
});

describe("the log temperature slider", () => {
  it("spans 0.05 … 5 with 0.5 in the middle, and round-trips", () => {
    expect(sliderToT(0)).toBe(0.05);
    expect(sliderToT(200)).toBe(5);
    expect(sliderToT(100)).toBe(0.5);
    expect(sliderToT(tToSlider(1))).toBeCloseTo(1, 1);
    expect(tToSlider(0.01)).toBe(0);
  });
});
