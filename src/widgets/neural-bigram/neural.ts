import { Random, tf } from "../../core";

/**
 * The neural bigram of lesson 3: logits = onehot(x) · W, with W a (V, V) weight matrix, and P = softmax of each
 * row of W. Trained by plain gradient descent on the corpus's pairs, it converges to the smoothed count table of
 * core/bigram.ts (tests/widgets/bigram-neural.test.ts checks how close, after how many steps).
 */

export interface NeuralBigram {
  V: number;
  W: tf.Variable<tf.Rank.R2>; // (V, V): row i holds the logits of the character after i. Owner disposes it.
}

/** W with entries scale · N(0, 1), from a seeded Random (scale 0: all zeros, every row uniform, loss ln V). */
export function createNeuralBigram(V: number, seed: number, scale = 1): NeuralBigram {
  const rng = new Random(seed);
  const values = new Float32Array(V * V);
  for (let k = 0; k < values.length; k++) values[k] = scale * rng.normal();
  return { V, W: tf.tidy(() => tf.variable(tf.tensor2d(values, [V, V]), true)) }; // the tidy frees the initial tensor
}

/**
 * The lesson's form of the loss, on a batch of pairs: one-hot rows times W (a lookup of row x), softmax,
 * −ln of the target's probability, averaged. Returns a scalar inside the caller's tidy.
 */
export function pairsLoss(W: tf.Tensor2D, x: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  const V = W.shape[0];
  const xenc = tf.oneHot(x, V).toFloat(); // (N, V)
  const logits = tf.matMul(xenc, W); // (N, V): row n is W[x_n]
  return tf.losses.softmaxCrossEntropy(tf.oneHot(y, V), logits) as tf.Scalar; // mean over the N pairs
}

/**
 * The same loss over every pair of the corpus at once, from the count table: −Σ_ij N_ij · log softmax(W)_ij / Σ N.
 * A pair that occurs 500 times contributes 500 identical terms to pairsLoss, so grouping them changes nothing
 * but the cost (V² numbers per step instead of one row per pair). `targets` holds N (+ α for smoothing).
 */
export function countsLoss(W: tf.Tensor2D, targets: tf.Tensor2D, total: number): tf.Scalar {
  return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(W, 1)))).div(total) as tf.Scalar;
}

export interface CountsTarget {
  targets: tf.Tensor2D; // (V, V): N + α, the pseudo-counts the network fits. Owner disposes it.
  total: number;
}

/** Smoothing for the network: pretend every pair was seen α extra times. The loss's minimum is then exactly bigramProbs(counts, V, α). */
export function countsTarget(counts: Float64Array, V: number, alpha: number): CountsTarget {
  const t = Float32Array.from(counts, (n) => n + alpha);
  return { targets: tf.tensor2d(t, [V, V]), total: t.reduce((a, b) => a + b, 0) };
}

/**
 * One step of plain gradient descent on countsLoss: W ← W − lr · ∂L/∂W, where ∂L/∂W_i = (n_i · softmax(W_i) − N_i) / Σ N
 * (row i's share of the data times "predicted minus observed", the p − e_y of each pair summed). Returns the loss
 * before the step. Leaves no tensors behind.
 */
export function neuralBigramStep(model: NeuralBigram, target: CountsTarget, lr: number): number {
  if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`The learning rate must be a positive number, got ${lr}.`);
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => countsLoss(model.W, target.targets, target.total), [model.W]);
    model.W.assign(model.W.sub(grads[model.W.name].mul(lr)) as tf.Tensor2D);
    return value;
  });
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}

/** softmax(W) row by row, as numbers (V × V, row-major). */
export function neuralBigramProbs(model: NeuralBigram): Float32Array {
  const p = tf.tidy(() => tf.softmax(model.W, 1));
  const values = p.dataSync() as Float32Array;
  p.dispose();
  return values;
}

export function disposeNeuralBigram(model: NeuralBigram): void {
  model.W.dispose();
}
