import { argmax, shufflePermutation, shuffleProbe, type GPTModel, type OrderOptions, type ShuffleResult, type Tokenizer } from "../../core";

/**
 * The position lab's shuffle test: a text, its seeded shuffle, both through the model (forwardOrder, with wpe
 * and the causal mask as switches), and the verdict. Outputs that differ by less than PERMUTED_TOL after the
 * shuffle is undone count as "only permuted": float32 sums taken in another order differ around 1e-6.
 */
export const PERMUTED_TOL = 1e-4;

export type ShuffleTest =
  | { ok: true; ids: number[]; dropped: number; probe: ShuffleResult; permuted: boolean; originalPred: number[]; shuffledPred: number[] }
  | { ok: false; error: string };

export function shuffleTest(demo: { model: GPTModel; tokenizer: Tokenizer }, text: string, seed: number, opts: OrderOptions): ShuffleTest {
  let ids: number[];
  try {
    ids = demo.tokenizer.encode(text);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (ids.length < 2) return { ok: false, error: "empty" };
  const B = demo.model.config.blockSize;
  const dropped = Math.max(0, ids.length - B);
  ids = ids.slice(dropped);
  try {
    const probe = shuffleProbe(demo.model, ids, shufflePermutation(ids.length, seed), opts);
    const V = demo.model.config.vocabSize;
    const preds = (logits: Float32Array) => ids.map((_, i) => argmax(Array.from(logits.subarray(i * V, (i + 1) * V))));
    return { ok: true, ids, dropped, probe, permuted: probe.permutedDiff < PERMUTED_TOL, originalPred: preds(probe.original), shuffledPred: preds(probe.shuffled) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
