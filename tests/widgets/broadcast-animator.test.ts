import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { broadcastSteps, presetNames, presets, resultValues, type Preset } from "../../src/widgets/broadcast-animator/frames";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** TF.js's result for a preset, on the cpu backend. */
function tfResult({ a, b, op }: Preset): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor(a.values.flat(), a.shape), y = tf.tensor(b.values.flat(), b.shape);
    const z = op === "add" ? tf.add(x, y) : op === "mul" ? tf.mul(x, y) : tf.div(x, y);
    return z.reshape([-1, z.shape[z.shape.length - 1]]).arraySync() as number[][];
  });
}

describe("BroadcastAnimator's result equals TF.js's for every preset", () => {
  it.each(presetNames)("%s", (name) => {
    const ours = resultValues(broadcastSteps(presets[name]));
    const theirs = tfResult(presets[name]);
    expect(ours).not.toBeNull();
    ours!.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(theirs[i][j], 6)));
  });
});

describe("the steps", () => {
  it("(3, 1) + (4,): align b, stretch a's columns, stretch b's rows, then the sum", () => {
    const steps = broadcastSteps(presets.outer);
    expect(steps.map((s) => s.frame)).toEqual([
      { kind: "given" },
      { kind: "align", which: "b", from: [4], to: [1, 4] },
      { kind: "stretch", which: "a", axis: 1, to: 4 },
      { kind: "stretch", which: "b", axis: 0, to: 3 },
      { kind: "result" },
    ]);
    // After stretching a: column 0 is real, columns 1-3 are virtual copies of the same numbers.
    expect(steps[2].a.map((r) => r.map((c) => `${c.value}${c.state[0]}`))).toEqual([
      ["1r", "1v", "1v", "1v"],
      ["2r", "2v", "2v", "2v"],
      ["3r", "3v", "3v", "3v"],
    ]);
    expect(steps[2].shapeA).toEqual([3, 4]);
    expect(steps[1].b[1].map((c) => c.state)).toEqual(["hidden", "hidden", "hidden", "hidden"]); // rows 1-2 not there yet
    expect(resultValues(steps)).toEqual([[11, 21, 31, 41], [12, 22, 32, 42], [13, 23, 33, 43]]);
  });
  it("the keepdim bug: P / P.sum(1) divides column j by row j's sum, so rows stop summing to 1", () => {
    const bug = resultValues(broadcastSteps(presets.nokeepdim))!, ok = resultValues(broadcastSteps(presets.keepdim))!;
    const rowSums = (m: number[][]) => m.map((r) => r.reduce((s, x) => s + x, 0));
    rowSums(ok).forEach((s) => expect(s).toBeCloseTo(1, 12));
    // Row 0 of P is (1, 1, 2) and the row sums are (4, 8, 4): 1/4 + 1/8 + 2/4 = 0.875, by hand.
    expect(rowSums(bug)[0]).toBeCloseTo(0.875, 12);
    expect(broadcastSteps(presets.nokeepdim).map((s) => s.frame.kind)).toEqual(["given", "align", "stretch", "result"]);
  });
  it("a clash stops at an error step naming the axis", () => {
    const steps = broadcastSteps({ a: { shape: [2, 3], values: [[1, 2, 3], [4, 5, 6]] }, b: { shape: [2], values: [[1, 2]] }, op: "add", code: "" });
    expect(steps.map((s) => s.frame)).toEqual([{ kind: "given" }, { kind: "error", axis: -1, a: 3, b: 2 }]);
    expect(() => tfResult({ a: { shape: [2, 3], values: [[1, 2, 3], [4, 5, 6]] }, b: { shape: [2], values: [[1, 2]] }, op: "add", code: "" })).toThrow(
      "Operands could not be broadcast together with shapes 2,3 and 2.",
    );
  });
});
