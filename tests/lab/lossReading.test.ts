import { describe, expect, it } from "vitest";
import { lossReading } from "../../src/lab/lossReading";

describe("what a loss says", () => {
  it("starts at ln V: 4.42 for Moby-Dick's 83 characters, 3.33 for the names' 28", () => {
    expect(lossReading(83).start).toBeCloseTo(4.418841, 6);
    expect(lossReading(28).start).toBeCloseTo(3.332205, 6);
    expect(lossReading(83)).toEqual({ start: Math.log(83) }); // no loss yet: nothing more is claimed
  });
  it("the starting loss means choosing among all V tokens", () => {
    const r = lossReading(83, Math.log(83));
    expect(r.perplexity).toBeCloseTo(83, 9);
    expect(r.among).toBe("83");
  });
  it("loss 1.5 → e^1.5 = 4.4817 → about 4.5 of them; loss 3.0 → e^3 = 20.09 → about 20", () => {
    expect(lossReading(83, 1.5).perplexity).toBeCloseTo(4.481689, 6);
    expect(lossReading(83, 1.5).among).toBe("4.5");
    expect(lossReading(83, 3).among).toBe("20");
  });
  it("GPT-2's vocabulary: ln 50257 = 10.825, written with a thousands separator at the start", () => {
    expect(lossReading(50257).start).toBeCloseTo(10.82491, 5);
    expect(lossReading(50257, Math.log(50257)).among).toBe("50,257");
  });
  it("a NaN loss (a run that blew up) claims nothing", () => {
    expect(lossReading(83, NaN)).toEqual({ start: Math.log(83) });
  });
});
