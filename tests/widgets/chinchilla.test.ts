import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cardTokens, chinchillaTokens, humanDuration, modelMarks, parseCount, sci, throughputs, trainingFlops, trainingSeconds } from "../../src/widgets/chinchilla/chinchilla";

describe("Chinchilla's rules of thumb", () => {
  it("GPT-2 124M with N = 124,000,000 exactly: D* = 2.48e9 tokens, C = 6·N·D = 1.84512e18 ≈ 1.85e18 FLOPs", () => {
    const D = chinchillaTokens(124e6);
    expect(D).toBe(2.48e9);
    expect(trainingFlops(124e6, D) / 1e18).toBeCloseTo(1.84512, 12);
    expect(sci(trainingFlops(124e6, D))).toEqual({ mantissa: "1.85", exponent: 18 });
  });
  it("which N gives 1.85e18: 124M does; GPT-2's full 124,439,808 parameters give 1.86e18, nanoGPT's 123.65M (without wpe) 1.83e18", () => {
    const C = (N: number) => sci(trainingFlops(N, chinchillaTokens(N))).mantissa;
    expect([C(124e6), C(124_439_808), C(123.65e6)]).toEqual(["1.85", "1.86", "1.83"]);
  });
  it("Chinchilla 70B: 1.4T tokens, 5.88e23 FLOPs (the paper's own run)", () => {
    expect(chinchillaTokens(70e9)).toBe(1.4e12);
    expect(trainingFlops(70e9, 1.4e12) / 1e23).toBeCloseTo(5.88, 12);
  });
  it("time: 1.85e18 FLOPs on one A100 at 40% MFU (124.8 TFLOP/s) is 14,785 s ≈ 4.1 hours", () => {
    expect(throughputs.a100).toBeCloseTo(124.8e12, 0);
    const s = trainingSeconds(trainingFlops(124e6, 2.48e9), throughputs.a100);
    expect(s).toBeCloseTo(14_784.6, 0);
    const d = humanDuration(s);
    expect(d.unit).toBe("hours");
    expect(d.value).toBeCloseTo(4.107, 3);
  });
  it("Chinchilla 70B on 1,024 A100s at 40%: about 53 days", () => {
    const d = humanDuration(trainingSeconds(5.88e23, throughputs.a100, 1024));
    expect(d.unit).toBe("days");
    expect(d.value).toBeCloseTo(53.25, 1);
  });
  it("durations pick the largest unit ≥ 1", () => {
    expect(humanDuration(45)).toEqual({ unit: "seconds", value: 45 });
    expect(humanDuration(90)).toEqual({ unit: "minutes", value: 1.5 });
    expect(humanDuration(86400 * 730.5).unit).toBe("years");
  });
  it("the marks: shakespeare-char saw 81,920,000 tokens (5,000 × 64 × 256), nanoGPT's GPT-2 294,912,000,000 (600,000 × 491,520)", () => {
    const by = Object.fromEntries(modelMarks.map((m) => [m.key, m]));
    expect(by.shakespeare.trained).toBe(81_920_000);
    expect(by.gpt2.trained).toBe(294_912_000_000);
    expect(by.gpt2.trained! / chinchillaTokens(by.gpt2.N)).toBeCloseTo(118.9, 1); // far past compute-optimal
  });
  it("bad input is named", () => {
    expect(() => chinchillaTokens(0)).toThrow("The parameter count N must be a number above 0, got 0.");
    expect(() => trainingSeconds(1e18, 1e12, 0)).toThrow("The number of devices must be a whole number of at least 1, got 0.");
  });
});

describe("parseCount reads model sizes as people write them", () => {
  it.each([
    ["124M", 124e6],
    ["10.65M", 10.65e6],
    ["70B", 70e9],
    ["70 b", 70e9],
    ["1.4T", 1.4e12],
    ["124e6", 124e6],
    ["124,000,000", 124e6],
    ["5k", 5000],
  ])("%s → %d", (s, n) => expect(parseCount(s)).toBeCloseTo(n, 0));
  it.each(["", "lots", "12MB", "1,5"])("%j is not a count", (s) => expect(parseCount(s)).toBeNull());
});

describe("the course model's card", () => {
  const path = "public/models/moby-char.json";
  it("tokens seen = steps × batch × block; parameters as the card says", () => {
    const card = JSON.parse(readFileSync(path, "utf8"));
    expect(cardTokens(card)).toBe(card.steps * card.train.batchSize * card.model.blockSize * card.train.gradAccumSteps);
    expect(card.parameters).toBe(159_488);
  });
});
