import * as tf from "@tensorflow/tfjs";
import { createKVCache, disposeKVCache, forward, forwardCached, type GPTModel } from "./model";
import { Random } from "./random";
import { pickToken, type SamplingOptions } from "./sample";

export interface GenerateOptions extends SamplingOptions {
  maxNewTokens: number;
  seed?: number; // a seed or an rng; the same seed gives the same text
  rng?: Random;
  stopToken?: number; // stop after emitting this id
  useCache?: boolean; // default true: the KV cache; false recomputes the whole context for every token
  /** Called with each new token and its distribution; return false to stop early. */
  onToken?: (id: number, probs: Float32Array) => void | boolean;
  /** Awaited between tokens (e.g. to let a worker read a "stop" message). */
  yieldFn?: () => Promise<void>;
}

/**
 * The autoregressive loop: predict, pick, append, repeat. With the cache, each step runs only the new token
 * through the model. Like nanoGPT, the model always sees the last blockSize tokens; once the context is longer
 * than that, every position shifts by one per token, so the cache is rebuilt from the last blockSize tokens
 * (then each step costs a full forward, as without a cache). Returns the new tokens only.
 */
export async function generate(model: GPTModel, prompt: number[], o: GenerateOptions): Promise<number[]> {
  if (prompt.length === 0) throw new Error("generate() needs a prompt of at least one token (e.g. a newline's id).");
  const { blockSize, vocabSize } = model.config;
  const bad = prompt.find((id) => !(Number.isInteger(id) && id >= 0 && id < vocabSize));
  if (bad !== undefined) throw new Error(`Prompt token ${bad} is not a token id of this model (0..${vocabSize - 1}). Encode the prompt with the model's tokenizer.`);
  if (!(Number.isInteger(o.maxNewTokens) && o.maxNewTokens >= 0)) throw new Error(`maxNewTokens must be a whole number ≥ 0, got ${o.maxNewTokens}.`);
  const rng = o.rng ?? new Random(o.seed ?? 1337);
  const useCache = o.useCache ?? true;
  const context = prompt.slice(-blockSize);
  const out: number[] = [];
  const cache = createKVCache();
  try {
    let pending = context; // tokens not yet in the cache
    for (let step = 0; step < o.maxNewTokens; step++) {
      let logits: tf.Tensor;
      if (useCache) {
        if (cache.length + pending.length > blockSize) {
          disposeKVCache(cache);
          pending = context.slice(-blockSize);
        }
        const idx = tf.tensor2d([pending], [1, pending.length], "int32");
        logits = forwardCached(model, idx, cache);
        idx.dispose();
      } else {
        const win = context.slice(-blockSize);
        logits = tf.tidy(() => forward(model, tf.tensor2d([win], [1, win.length], "int32")).slice([0, win.length - 1, 0], [1, 1, -1]).reshape([1, -1]));
      }
      const values = (await logits.data()) as Float32Array; // the one read per token
      logits.dispose();
      const { id, probs } = pickToken(values, o, rng);
      out.push(id);
      context.push(id);
      pending = [id];
      if (o.onToken?.(id, probs) === false || id === o.stopToken) break;
      if (o.yieldFn) await o.yieldFn();
    }
  } finally {
    disposeKVCache(cache);
  }
  return out;
}

/**
 * A GPT as a step function for beamSearch (the lab's beam generation, BeamTree) and for next-token widgets: sequences → the logits of each
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
