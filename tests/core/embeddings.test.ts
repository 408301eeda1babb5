import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cosine,
  createModel,
  defaultGPTConfig,
  disposeModel,
  forward,
  forwardOrder,
  loadCheckpoint,
  lookupCopies,
  matrix,
  nearestRows,
  oneHotMatmulMacs,
  pairFrequency,
  pca,
  ropeAngles,
  ropeRotate,
  ropeScore,
  shufflePermutation,
  shuffleProbe,
  sinusoidalTable,
  symmetricEigen,
  tokenizerFromSpec,
  type GPTModel,
  type TokenizerSpec,
} from "../../src/core";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const near = (got: number[], want: number[], tol: number) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `entry ${i}: got ${g}, want ${want[i]}`).toBeLessThanOrEqual(tol));
};
const S = Math.SQRT1_2;

describe("symmetricEigen (cyclic Jacobi)", () => {
  it("[[2, 1], [1, 2]] has eigenvalues 3 and 1 along (1, 1)/√2 and (1, −1)/√2", () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    near(values, [3, 1], 1e-12);
    near(vectors[0], [S, S], 1e-12);
    near(vectors[1], [S, -S], 1e-12); // a tie in magnitude: the first entry is made positive
  });
  it("sorts a diagonal matrix's eigenvalues in decreasing order, with unit axes as vectors", () => {
    const { values, vectors } = symmetricEigen([[1, 0, 0], [0, 3, 0], [0, 0, 2]]);
    expect(values).toEqual([3, 2, 1]);
    expect(vectors).toEqual([[0, 1, 0], [0, 0, 1], [1, 0, 0]]);
  });
  it("makes each vector's largest entry positive, whatever sign Jacobi found", () => {
    // eigenvalue 3 along (1, 1, 1)/√3; the others span the plane orthogonal to it
    const { values, vectors } = symmetricEigen([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    near(values, [3, 0, 0], 1e-12);
    near(vectors[0], [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)], 1e-12);
    for (const v of vectors) {
      const big = v.reduce((b, x, k) => (Math.abs(x) > Math.abs(v[b]) + 1e-12 ? k : b), 0);
      expect(v[big]).toBeGreaterThan(0);
    }
  });
  it("A·v = λ·v and VᵀV = I on a 40×40 symmetric matrix (within 1e-9)", () => {
    const n = 40;
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i][j] = a[j][i] = Math.sin(i * 7 + j * 3) + (i === j ? 2 : 0);
    const { values, vectors } = symmetricEigen(a);
    vectors.forEach((v, k) => {
      const av = a.map((r) => r.reduce((s, x, j) => s + x * v[j], 0));
      near(av, v.map((x) => x * values[k]), 1e-9);
      vectors.forEach((w, l) => expect(Math.abs(w.reduce((s, x, j) => s + x * v[j], 0) - (k === l ? 1 : 0))).toBeLessThan(1e-9));
    });
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
  });
  it("refuses a matrix that is not symmetric, naming the entries", () => {
    expect(() => symmetricEigen([[1, 2], [3, 4]])).toThrow("entry (1, 0) is 3 but (0, 1) is 2");
  });
});

describe("pca", () => {
  it("points on the axes: component 1 = x with variance 2, component 2 = y with variance 0.5", () => {
    const r = pca([[2, 0], [-2, 0], [0, 1], [0, -1]]);
    near(r.mean, [0, 0], 0);
    near(r.components[0], [1, 0], 1e-12);
    near(r.components[1], [0, 1], 1e-12);
    near(r.variances, [2, 0.5], 1e-12);
    near(r.explained, [0.8, 0.2], 1e-12);
    near(r.points.flat(), [2, 0, -2, 0, 0, 1, 0, -1], 1e-12);
  });
  it("points along the diagonal (covariance [[5, 4], [4, 5]]): the axes (1, 1)/√2 and (1, −1)/√2, variances 9 and 1", () => {
    // shifted by (10, 20) to check the centring
    const r = pca([[13, 23], [7, 17], [11, 19], [9, 21]]);
    near(r.mean, [10, 20], 1e-12);
    near(r.components[0], [S, S], 1e-12);
    near(r.components[1], [S, -S], 1e-12);
    near(r.variances, [9, 1], 1e-12);
    near(r.points[0], [3 * Math.SQRT2, 0], 1e-12); // (3, 3) from the mean
    near(r.points[2], [0, Math.SQRT2], 1e-12); // (1, −1) from the mean
  });
  it("is deterministic: the same table twice gives the same projection, bit for bit", () => {
    const rows = Array.from({ length: 30 }, (_, i) => Array.from({ length: 8 }, (_, j) => Math.cos(i * 1.3 + j * j)));
    expect(pca(rows).points).toEqual(pca(rows).points);
  });
  it("refuses one row and too many components, naming the numbers", () => {
    expect(() => pca([[1, 2]])).toThrow("PCA needs at least 2 rows to measure a spread, got 1.");
    expect(() => pca([[1, 2], [3, 4]], 3)).toThrow("PCA can keep 1–2 components of 2-wide rows, asked for 3.");
  });
});

describe("cosine and nearest rows", () => {
  it("cos([1, 0], [1, 1]) = 1/√2; a zero vector gives 0", () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(0.70710678, 8);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });
  it("nearest rows of [1, 0]: [0.9, 0.1] (0.9939), then [0, 1] (0), then [−1, 0] (−1)", () => {
    const m = matrix([[1, 0], [0.9, 0.1], [0, 1], [-1, 0]]);
    const n = nearestRows(m, 0, 3);
    expect(n.map((x) => x.index)).toEqual([1, 2, 3]);
    near(n.map((x) => x.similarity), [0.9 / Math.sqrt(0.82), 0, -1], 1e-12);
    expect(() => nearestRows(m, 4, 1)).toThrow("Row 4 does not exist: the table has rows 0–3.");
  });
});

describe("one-hot matmul vs lookup", () => {
  it("64 ids, V = 83, C = 64: 339,968 multiply-adds against 4,096 copied numbers", () => {
    expect(oneHotMatmulMacs(64, 83, 64)).toBe(339_968);
    expect(lookupCopies(64, 64)).toBe(4096);
  });
});

describe("position tables", () => {
  it("sinusoidal, d = 2: PE(1, 0) = sin 1 = 0.8415, PE(1, 1) = cos 1 = 0.5403; position 0 is [0, 1]", () => {
    const pe = sinusoidalTable(2, 2);
    near(pe[0], [0, 1], 0);
    near(pe[1], [0.841470985, 0.540302306], 1e-9);
  });
  it("sinusoidal, d = 4: pair 1 turns at θ₁ = 10000^(−1/2) = 0.01, so PE(1, 2) = sin 0.01", () => {
    expect(pairFrequency(1, 4)).toBeCloseTo(0.01, 15);
    near(sinusoidalTable(3, 4)[1], [Math.sin(1), Math.cos(1), 0.0099998333, 0.9999500004], 1e-9);
  });
  it("RoPE rotates [1, 0] at position 1 to [cos 1, sin 1]; its angles table is p·θᵢ", () => {
    near(ropeRotate([1, 0], 1), [0.540302306, 0.841470985], 1e-9);
    near(ropeAngles(3, 4)[2], [2, 0.02], 1e-15);
  });
  it("a RoPE score depends only on the offset n − m", () => {
    const q = [0.3, -1.2, 0.5, 0.8, -0.1, 0.4], k = [1.1, 0.2, -0.7, 0.3, 0.9, -0.5];
    expect(ropeScore(q, 3, k, 5)).toBeCloseTo(ropeScore(q, 40, k, 42), 12);
    expect(ropeScore(q, 0, k, 0)).toBeCloseTo(q.reduce((s, x, i) => s + x * k[i], 0), 12); // no rotation at offset 0
    expect(Math.abs(ropeScore(q, 3, k, 5) - ropeScore(q, 3, k, 6))).toBeGreaterThan(1e-3);
  });
  it("refuses an odd width and a base ≤ 1", () => {
    expect(() => sinusoidalTable(4, 5)).toThrow("d must be even and ≥ 2, got 5");
    expect(() => ropeAngles(4, 4, 1)).toThrow("The base must be above 1 (the Transformer uses 10000), got 1.");
  });
});

describe("forwardOrder and the shuffle probe", () => {
  it("with positions and the mask it is the engine's forward (a fresh 2-layer model, within 1e-5), and leaves no tensors", () => {
    const model = createModel({ ...defaultGPTConfig, nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 8, vocabSize: 11, dropout: 0, bias: true }, 3);
    const ids = [1, 5, 3, 9, 0, 2];
    const engine = tf.tidy(() => forward(model, tf.tensor2d([ids], [1, 6], "int32")).dataSync() as Float32Array);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      const ours = forwardOrder(model, ids, { positions: true, causal: true });
      expect(Math.max(...ours.map((x, i) => Math.abs(x - engine[i])))).toBeLessThan(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(model);
  });
  it("a seeded shuffle is a permutation that moves something, and repeats with its seed", () => {
    const p = shufflePermutation(10, 1);
    expect([...p].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p).toEqual(shufflePermutation(10, 1));
    expect(p).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shufflePermutation(2, 5)).toEqual([1, 0]);
  });
  it("refuses more tokens than blockSize and a non-permutation", () => {
    const model = createModel({ ...defaultGPTConfig, nLayer: 1, nHead: 1, nEmbd: 8, blockSize: 4, vocabSize: 5, dropout: 0, bias: false }, 1);
    expect(() => forwardOrder(model, [0, 1, 2, 3, 4], { positions: true, causal: true })).toThrow("Cannot forward 5 tokens: the model reads 1–4 at once.");
    expect(() => shuffleProbe(model, [0, 1, 2], [0, 0, 1], { positions: false, causal: false })).toThrow("The shuffle must be a permutation of 0–2, got [0, 0, 1].");
    disposeModel(model);
  });
});

describe("permutation equivariance on the pretrained model (moby-char)", () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let ids: number[];
  beforeAll(async () => {
    model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    const tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
    ids = tok.encode("Call me Ishmael. Some years ago");
  });
  // The tolerance: logits are about ±10, and float32 sums in a different order differ in the 6th digit.
  const TOL = 1e-4;
  it("no positions, no mask: the shuffled outputs are the original outputs, shuffled (max difference < 1e-4)", () => {
    const r = shuffleProbe(model, ids, shufflePermutation(ids.length, 1), { positions: false, causal: false });
    expect(r.permutedDiff).toBeLessThan(TOL);
    expect(r.moved).toBeGreaterThan(1); // and the outputs did move: they are not all the same
  });
  it("with positions (no mask), or with the mask (no positions), the outputs change: more than 1 logit apart", () => {
    const perm = shufflePermutation(ids.length, 1);
    expect(shuffleProbe(model, ids, perm, { positions: true, causal: false }).permutedDiff).toBeGreaterThan(1);
    expect(shuffleProbe(model, ids, perm, { positions: false, causal: true }).permutedDiff).toBeGreaterThan(1);
    expect(shuffleProbe(model, ids, perm, { positions: true, causal: true }).permutedDiff).toBeGreaterThan(1);
  });
  it("the probe leaves no tensors behind", () => {
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) shuffleProbe(model, ids, shufflePermutation(ids.length, k), { positions: false, causal: false });
    expect(tf.memory().numTensors).toBe(before);
  });
});
