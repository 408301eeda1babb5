import { describe, expect, it } from "vitest";
import { logTicks, yRange } from "../../src/ui/plotScale";

describe("log axis ticks", () => {
  it("a character model's loss, 1.2 to 4.6: 1-2-5 gives only one tick (2), so 1.5, 2, 3, 4", () => {
    expect(logTicks(1.2, 4.6)).toEqual([1.5, 2, 3, 4]);
  });
  it("a wide range keeps 1-2-5, ends included", () => {
    expect(logTicks(0.05, 20)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20]);
  });
  it("a narrow range gets the fine set, with exact decimals (0.3, not 0.30000000000000004)", () => {
    expect(logTicks(1.9, 2.6)).toEqual([2, 2.5]); // the finest set has two here: that is all there is
    expect(logTicks(0.25, 0.5)).toEqual([0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);
  });
  it("degenerate ranges do not loop or throw", () => {
    expect(logTicks(0, 1)).toEqual([]);
    expect(logTicks(2, 2)).toEqual([2]);
  });
});

describe("y range", () => {
  it("linear: 5% of the span either side", () => {
    const r = yRange([2, 4, 3], false)!;
    expect(r.min).toBeCloseTo(1.9, 12);
    expect(r.max).toBeCloseTo(4.1, 12);
  });
  it("log: 5% of the span in decades, so 1..100 → 10^-0.1 .. 10^2.1", () => {
    const r = yRange([1, 100], true)!;
    expect(r.min).toBeCloseTo(0.7943282, 6);
    expect(r.max).toBeCloseTo(125.8925412, 5);
  });
  it("flat data gets a margin of 0.5; non-finite and (on log) non-positive values are left out", () => {
    expect(yRange([3, NaN, Infinity], false)).toEqual({ min: 2.5, max: 3.5 });
    expect(yRange([0, -1], true)).toBeNull();
    expect(yRange([], false)).toBeNull();
  });
});
