import { beforeAll, describe, expect, it } from "vitest";
import { bigram, tf } from "../../src/core";
import { firstNames } from "../../scripts/corpora";
import { countsLoss, countsTarget, createNeuralBigram, disposeNeuralBigram, neuralBigramProbs, neuralBigramStep, pairsLoss } from "../../src/widgets/neural-bigram/neural";

const { bigramCorpus, bigramProbs, countBigrams, countsNll, encodeWords, wordsVocab } = bigram;

/** The lesson's toy corpus .ab. .abb. .b. (vocabulary . a b). */
const toySeqs = encodeWords(["ab", "abb", "b"], wordsVocab(["ab", "abb", "b"]));
const toyCounts = countBigrams(toySeqs, 3);

describe("the neural bigram", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });
  it("pairsLoss (one-hot × W, softmax, mean −ln p) equals countsLoss on the same pairs", () => {
    const m = createNeuralBigram(3, 42);
    const x = toySeqs.flatMap((s) => s.slice(0, -1));
    const y = toySeqs.flatMap((s) => s.slice(1));
    const [a, b] = tf.tidy(() => {
      const target = tf.tensor2d(Float32Array.from(toyCounts), [3, 3]);
      return [pairsLoss(m.W, tf.tensor1d(x, "int32"), tf.tensor1d(y, "int32")).dataSync()[0], countsLoss(m.W, target, 9).dataSync()[0]];
    });
    expect(x.length).toBe(9);
    expect(a).toBeCloseTo(b, 5);
    // and it is the NLL of the softmax table, computed without TF.js
    expect(countsNll(neuralBigramProbs(m), toyCounts)).toBeCloseTo(a, 5);
    disposeNeuralBigram(m);
  });
  it("the gradient of row i is (n_i · softmax(W_i) − N_i) / ΣN: p − e_y summed over the pairs", () => {
    const m = createNeuralBigram(3, 5);
    const t = countsTarget(toyCounts, 3, 0);
    const g = tf.tidy(() => tf.grad((W: tf.Tensor) => countsLoss(W as tf.Tensor2D, t.targets, t.total))(m.W).arraySync() as number[][]);
    const P = neuralBigramProbs(m);
    const n = [3, 2, 4];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(g[i][j]).toBeCloseTo((n[i] * P[i * 3 + j] - toyCounts[i * 3 + j]) / 9, 6);
    t.targets.dispose();
    disposeNeuralBigram(m);
  });
  it("on the names, gradient descent (seed 1, lr 50, 800 steps) lands within 0.01 of the α = 1 count table, loss within 0.002", () => {
    const c = bigramCorpus("names", firstNames());
    const N = countBigrams(c.train, 27);
    const P = bigramProbs(N, 27, 1);
    const m = createNeuralBigram(27, 1);
    const t = countsTarget(N, 27, 1);
    const first = neuralBigramStep(m, t, 50);
    for (let k = 1; k < 800; k++) neuralBigramStep(m, t, 50);
    const Q = neuralBigramProbs(m);
    let maxDiff = 0;
    for (let k = 0; k < Q.length; k++) maxDiff = Math.max(maxDiff, Math.abs(Q[k] - P[k]));
    expect(first).toBeGreaterThan(Math.log(27)); // random N(0, 1) logits start worse than the uniform guess
    expect(maxDiff).toBeLessThan(0.01);
    expect(Math.abs(countsNll(Q, N) - countsNll(P, N))).toBeLessThan(0.002);
    t.targets.dispose();
    disposeNeuralBigram(m);
  });
  it("a training step leaves no tensors behind, and disposing the model and target frees all it made", () => {
    const start = tf.memory().numTensors;
    const m = createNeuralBigram(3, 1);
    const t = countsTarget(toyCounts, 3, 1);
    neuralBigramStep(m, t, 1);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) neuralBigramStep(m, t, 1);
    neuralBigramProbs(m);
    expect(tf.memory().numTensors).toBe(before);
    t.targets.dispose();
    disposeNeuralBigram(m);
    expect(tf.memory().numTensors).toBe(before - 2);
    expect(tf.memory().numTensors).toBe(start);
  });
});
