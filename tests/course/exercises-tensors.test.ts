import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { parseNumber, parseShape } from "../../src/course/exercises/answers";
import { broadcastShapes, linearShapes, matmulShape, numel, sumShape, tensorBytes } from "../../src/widgets/shape-lab/shapes";

/**
 * Lesson 1's exercise answers, computed here by project code and TF.js, must equal what the Markdown says,
 * so a typo in an answer= fails a test instead of a learner.
 */
const path = "lessons/01-tensors/en.md";
const { problems, exercises, props } = readLessonExercises(path);
const answer = (id: string) => String(props(id).answer);
const shapeAnswer = (id: string) => {
  const s = parseShape(answer(id));
  return s && !s.error ? s.dims : "error";
};

beforeAll(async () => {
  await tf.setBackend("cpu");
});
const tfShape = (f: () => tf.Tensor) => {
  try {
    return tf.tidy(() => f().shape);
  } catch {
    return "error";
  }
};
const z = (s: number[]) => tf.zeros(s);

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean", () => expect(problems).toEqual([]));
  it("count-elements: (4, 8, 32) holds 1024 numbers", () => expect(numel([4, 8, 32])).toBe(parseNumber(answer("count-elements"))));
  it("shape-sum-last: x.sum(-1) on (4, 8, 32)", () => {
    const r = sumShape([4, 8, 32], -1, false);
    expect(r.ok && r.dims).toEqual(shapeAnswer("shape-sum-last"));
    expect(tfShape(() => tf.sum(z([4, 8, 32]), -1))).toEqual(shapeAnswer("shape-sum-last"));
  });
  it("predict-c00: C[0][0] of the matmul-demo's A·B is 4, as the reveal says", () => {
    const c = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor2d([[1, 0], [0, 1], [1, 1]])).arraySync() as number[][]);
    expect(c[0][0]).toBe(4);
  });
  it("shape-matmul: (2, 3, 4) @ (4, 8)", () => {
    const r = matmulShape([2, 3, 4], [4, 8]);
    expect(r.ok && r.dims).toEqual(shapeAnswer("shape-matmul"));
    expect(tfShape(() => tf.matMul(z([2, 3, 4]), z([4, 8])))).toEqual(shapeAnswer("shape-matmul"));
  });
  it.each([
    ["shape-add-row", [4]],
    ["shape-add-col", [3, 1]],
    ["shape-add-error", [2, 3]],
  ])("%s: (2, 3, 4) + %j", (id, b) => {
    const r = broadcastShapes([2, 3, 4], b as number[]);
    expect(r.ok ? r.dims : "error").toEqual(shapeAnswer(id));
    expect(tfShape(() => tf.add(z([2, 3, 4]), z(b as number[])))).toEqual(shapeAnswer(id));
  });
  it("keepdim-rowsum: row 0 of P / P.sum(1) for P = [[1, 1], [2, 6]]", () => {
    const q = tf.tidy(() => {
      const P = tf.tensor2d([[1, 1], [2, 6]]);
      return tf.div(P, P.sum(1)).sum(1).arraySync() as number[];
    });
    expect(q[0]).toBeCloseTo(parseNumber(answer("keepdim-rowsum"))!, 6);
  });
  it("keepdim-which: without keepdim, P[i][j] is divided by row j's sum (a random 27×27 P)", () => {
    const [bug, rowSums, P] = tf.tidy(() => {
      const P = tf.randomUniform([27, 27], 1, 10, "float32", 7);
      return [tf.div(P, P.sum(1)).arraySync(), P.sum(1).arraySync(), P.arraySync()] as [number[][], number[], number[][]];
    });
    expect(bug[2][5]).toBeCloseTo(P[2][5] / rowSums[5], 5); // row j = 5, not row i = 2
    expect(bug[2][5]).not.toBeCloseTo(P[2][5] / rowSums[2], 3);
  });
  it("linear-params, linear-weight-torch, linear-kernel-tfjs: nn.Linear(768, 3072) vs a Keras Dense kernel", () => {
    const l = linearShapes([768], 768, 3072, "torch");
    expect(l.params).toBe(parseNumber(answer("linear-params")));
    expect(l.weight).toEqual(shapeAnswer("linear-weight-torch"));
    const dense = tf.sequential({ layers: [tf.layers.dense({ units: 3072, inputShape: [768] })] });
    expect(dense.countParams()).toBe(parseNumber(answer("linear-params")));
    expect(dense.layers[0].getWeights()[0].shape).toEqual(shapeAnswer("linear-kernel-tfjs"));
    dense.dispose();
  });
  it("linear-bytes: the parameters in float32", () => {
    expect(tensorBytes([3072, 768], "float32") + tensorBytes([3072], "float32")).toBe(parseNumber(answer("linear-bytes")));
  });
  it("mlp-activation-bytes: Linear(768, 3072) on (16, 256, 768), float32 output", () => {
    const out = linearShapes([16, 256, 768], 768, 3072, "torch").out;
    expect(out.ok && tensorBytes(out.dims, "float32")).toBe(parseNumber(answer("mlp-activation-bytes")));
  });
  it("covers every exercise in the lesson", () => {
    expect([...exercises.keys()].sort()).toEqual(
      ["count-elements", "shape-sum-last", "predict-c00", "shape-matmul", "shape-add-row", "shape-add-col", "shape-add-error", "keepdim-predict", "keepdim-which", "keepdim-rowsum", "linear-params", "linear-weight-torch", "linear-kernel-tfjs", "linear-bytes", "mlp-activation-bytes"].sort(),
    );
  });
});
