import { forward, tf, type GPTModel } from "../../core";

/**
 * A GPT as a step function for beamSearch, samplePath and SamplingPanel: sequences → the logits of each
 * sequence's next token. Each sequence is cropped to its last blockSize tokens, as nanoGPT's generate() does.
 * Sequences of equal length (beam search's live beams always are) run as one batch; one GPU→CPU read per call.
 */
export function modelStep(model: GPTModel) {
  const { blockSize, vocabSize } = model.config;
  return async (seqs: number[][]): Promise<Float32Array[]> => {
    if (seqs.length === 0) return [];
    const ctx = seqs.map((s) => s.slice(-blockSize));
    if (ctx.some((s) => s.length === 0)) throw new Error("The model needs at least one token of context: type a prompt.");
    const T = ctx[0].length;
    if (ctx.some((s) => s.length !== T)) return (await Promise.all(ctx.map((s) => modelStep(model)([s])))).flat(); // rare: one at a time
    const logits = tf.tidy(() => {
      const idx = tf.tensor2d(ctx, [ctx.length, T], "int32");
      return forward(model, idx).slice([0, T - 1, 0], [ctx.length, 1, vocabSize]).reshape([ctx.length, vocabSize]); // (B, V)
    });
    const flat = (await logits.data()) as Float32Array;
    logits.dispose();
    return ctx.map((_, b) => flat.slice(b * vocabSize, (b + 1) * vocabSize));
  };
}
