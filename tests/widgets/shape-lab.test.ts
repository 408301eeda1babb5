import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { predict, readArgs, runInTfjs, parseInts, type LabOp } from "../../src/widgets/shape-lab/ops";
import { broadcastShapes, broadcastTable, formatBytes, linearShapes, matmulShape, reshapeShape, sumShape, tensorBytes, transposeShape } from "../../src/widgets/shape-lab/shapes";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** TF.js's answer on the cpu backend: the result shape, or null when it throws. */
function tfShape(f: () => tf.Tensor): number[] | null {
  try {
    return tf.tidy(() => f().shape);
  } catch {
    return null;
  }
}

describe("broadcastShapes agrees with TF.js", () => {
  const cases: [number[], number[]][] = [
    [[2, 3, 4], [4]],
    [[2, 3, 4], [3, 1]],
    [[2, 3, 4], [2, 3]],
    [[2, 3, 4], [1, 3, 4]],
    [[2, 3, 4], [2, 1, 1]],
    [[27, 27], [27]],
    [[27, 27], [27, 1]],
    [[3, 1], [1, 4]],
    [[3, 1], [4]],
    [[5, 1, 4], [3, 1]],
    [[], [3]],
    [[4], [5]],
    [[2, 0], [1]],
    [[8, 1, 6, 1], [7, 1, 5]], // NumPy's documentation example → (8, 7, 6, 5)
    [[2, 3], [3, 2]],
  ];
  it.each(cases)("%j with %j", (a, b) => {
    const ours = broadcastShapes(a, b);
    const theirs = tfShape(() => tf.add(tf.zeros(a), tf.zeros(b)));
    expect(ours.ok ? ours.dims : null).toEqual(theirs);
  });
  it("names the clashing axis from the right, the way a learner aligns shapes", () => {
    expect(broadcastShapes([2, 3, 4], [2, 3])).toEqual({ ok: false, error: "size 4 of a does not match size 3 of b at axis -1 (counting from the right); sizes must be equal or 1." });
    expect(broadcastShapes([8, 1, 6, 1], [7, 1, 5])).toEqual({ ok: true, dims: [8, 7, 6, 5] });
  });
  it("marks each right-aligned axis: equal, stretched, or a clash", () => {
    expect(broadcastTable([2, 3, 4], [3, 1])).toEqual([
      { a: 2, b: undefined, out: 2, status: "stretchB" },
      { a: 3, b: 3, out: 3, status: "equal" },
      { a: 4, b: 1, out: 4, status: "stretchB" },
    ]);
    expect(broadcastTable([27, 27], [27]).map((r) => r.status)).toEqual(["stretchB", "equal"]);
    expect(broadcastTable([2, 3, 4], [2, 3]).map((r) => r.status)).toEqual(["stretchB", "clash", "clash"]);
  });
});

describe("matmulShape agrees with TF.js's tf.matMul", () => {
  const cases: [number[], number[]][] = [
    [[2, 3, 4], [4, 8]],
    [[3, 4], [4, 5]],
    [[3, 4], [5, 4]],
    [[1, 3, 4], [5, 4, 2]],
    [[5, 4, 8], [2, 8, 3]],
    [[2, 5, 3, 4], [5, 4, 3]],
    [[4], [4]],
    [[3, 4], [4]],
  ];
  it.each(cases)("%j @ %j", (a, b) => {
    const ours = matmulShape(a, b);
    expect(ours.ok ? ours.dims : null).toEqual(tfShape(() => tf.matMul(tf.zeros(a), tf.zeros(b))));
  });
  it("with transposeB, (3, 4) @ (5, 4)ᵀ is (3, 5)", () => {
    expect(matmulShape([3, 4], [5, 4], true)).toEqual({ ok: true, dims: [3, 5] });
    expect(tfShape(() => tf.matMul(tf.zeros([3, 4]), tf.zeros([5, 4]), false, true))).toEqual([3, 5]);
  });
});

describe("Linear: PyTorch's (out, in) weight vs TF.js's (in, out) kernel", () => {
  it("nn.Linear(768, 3072) has 768·3072 + 3072 = 2,362,368 parameters under either convention", () => {
    const torch = linearShapes([2, 3, 768], 768, 3072, "torch"), tfjs = linearShapes([2, 3, 768], 768, 3072, "tfjs");
    expect(torch.weight).toEqual([3072, 768]);
    expect(tfjs.weight).toEqual([768, 3072]);
    expect(torch.params).toBe(2362368);
    expect(torch.out).toEqual({ ok: true, dims: [2, 3, 3072] });
  });
  it("a Keras Dense layer really has a (768, 3072) kernel and 2,362,368 parameters", () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3072, inputShape: [768] })] });
    expect(model.layers[0].getWeights()[0].shape).toEqual([768, 3072]);
    expect(model.countParams()).toBe(2362368);
    model.dispose();
  });
  it("x Aᵀ with A (out, in) equals x W with W = Aᵀ (in, out), number for number", () => {
    const [x, A] = [tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 0, 1], [2, 1, 0]])]; // A: (2, 3) = (out, in)
    const torch = tf.matMul(x, A, false, true), keras = tf.matMul(x, A.transpose());
    expect(torch.arraySync()).toEqual([[4, 4]]); // [1+3, 2+2], by hand
    expect(keras.arraySync()).toEqual([[4, 4]]);
    tf.dispose([x, A, torch, keras]);
  });
});

describe("transpose, reshape and sum agree with TF.js", () => {
  it.each([
    [[2, 3, 4], [6, -1]],
    [[2, 3, 4], [5, -1]],
    [[2, 3, 4], [4, 3, 2]],
    [[2, 3, 4], [4, 4]],
    [[4, 8, 32], [32, 32]],
  ])("reshape %j → %j", (x, t) => {
    const ours = reshapeShape(x, t);
    expect(ours.ok ? ours.dims : null).toEqual(tfShape(() => tf.reshape(tf.zeros(x), t)));
  });
  it.each([
    [[27, 27], 1, false],
    [[27, 27], 1, true],
    [[4, 8, 32], -1, false],
    [[4, 8, 32], 0, true],
    [[27, 27], 2, false],
  ] as const)("sum %j over %d, keepdim %s", (x, d, k) => {
    const ours = sumShape([...x], d, k);
    expect(ours.ok ? ours.dims : null).toEqual(tfShape(() => tf.sum(tf.zeros([...x]), d, k)));
  });
  it("transpose(-2, -1) swaps the last two axes, as tf.transpose with perm [0, 2, 1]", () => {
    expect(transposeShape([2, 3, 4], -2, -1)).toEqual({ ok: true, dims: [2, 4, 3] });
    expect(tfShape(() => tf.transpose(tf.zeros([2, 3, 4]), [0, 2, 1]))).toEqual([2, 4, 3]);
    expect(transposeShape([2, 3], 0, 2).ok).toBe(false);
  });
});

describe("ShapeLab end to end: the rules' prediction matches TF.js, and TF.js's error text is shown verbatim", () => {
  const cases: [LabOp, string, string][] = [
    ["add", "2,3,4", "4"],
    ["add", "2,3,4", "2,3"],
    ["mul", "27,27", "27"],
    ["matmul", "2,3,4", "4,8"],
    ["matmul", "3,4", "5,4"],
    ["linear", "2,3,768", "768,3072"],
    ["linear", "2,3,512", "768,3072"],
    ["transpose", "2,3,4", "-2,-1"],
    ["reshape", "2,3,4", "5,-1"],
    ["sum", "27,27", "1"],
  ];
  it.each(cases)("%s on %s and %s", (op, a, b) => {
    const args = readArgs(op, a, b);
    if (!args.ok) throw new Error(`unreadable ${args.field}`);
    for (const conv of ["torch", "tfjs"] as const) {
      const ours = predict(args, false, conv).result, theirs = runInTfjs(tf, args, false, conv);
      expect("dims" in theirs ? theirs.dims : null).toEqual(ours.ok ? ours.dims : null);
    }
  });
  it("reports TF.js's own message", () => {
    const args = readArgs("add", "2,3,4", "2,3");
    expect(args.ok && runInTfjs(tf, args, false, "torch")).toEqual({ error: "Operands could not be broadcast together with shapes 2,3,4 and 2,3." });
  });
  it("does not allocate huge zero tensors", () => {
    const args = readArgs("add", "1000,1000,1000", "1");
    expect(args.ok && runInTfjs(tf, args, false, "torch")).toEqual({ skipped: 1e9 });
  });
  it("reads each op's second field", () => {
    expect(parseInts("(6, -1)")).toEqual([6, -1]);
    expect(parseInts("\u22122, \u22121")).toEqual([-2, -1]);
    expect(readArgs("sum", "2,3", "0, 1")).toEqual({ ok: false, field: "b" });
    expect(readArgs("add", "2,x", "1")).toEqual({ ok: false, field: "a" });
  });
});

describe("memory = elements × bytes per element", () => {
  it("the Linear(768, 3072) weight and bias in float32: 2,362,368 × 4 bytes", () => {
    expect(tensorBytes([768, 3072], "float32") + tensorBytes([3072], "float32")).toBe(9449472);
    expect(formatBytes(9449472)).toBe("9,449,472 bytes (9.01 MiB)");
    expect(tensorBytes([16, 256, 768], "bfloat16")).toBe(6291456);
    // TF.js agrees: a float32 tensor of 24 elements holds 96 bytes.
    const t = tf.zeros([2, 3, 4]);
    expect(tf.memory().numBytes).toBeGreaterThanOrEqual(96);
    expect(t.size * 4).toBe(tensorBytes([2, 3, 4], "float32"));
    t.dispose();
  });
});
