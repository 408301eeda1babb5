/**
 * Which pieces of the model run: the rungs of lesson 7's build-up ladder, as options of the one forward (gpt.ts).
 * Every field true (the default) is nanoGPT's GPT exactly. A piece that is off reads none of its parameters
 * (variantUses says which), so a model may hold only those.
 *   positions  add wpe to the token embeddings
 *   attention  the causal self-attention sub-layer in each block
 *   mlp        the GELU MLP sub-layer in each block
 *   residual   x = x + f(x); off: x = f(x), each sub-layer replaces the stream
 *   layerNorm  ln_1 and ln_2, before each sub-layer (pre-norm)
 *   finalNorm  ln_f, before the tied head
 * All off is a bigram model: logits[t] = wte[idx[t]] · wteᵀ through the tied head.
 */
export interface Architecture {
  positions: boolean;
  attention: boolean;
  mlp: boolean;
  residual: boolean;
  layerNorm: boolean;
  finalNorm: boolean;
}

export const fullArchitecture: Readonly<Architecture> = { positions: true, attention: true, mlp: true, residual: true, layerNorm: true, finalNorm: true };

/** The architecture a call runs: every piece on ← the model's arch ← the call's. */
export function resolveArchitecture(model: { arch?: Partial<Architecture> }, opts: { arch?: Partial<Architecture> } = {}): Architecture {
  return { ...fullArchitecture, ...model.arch, ...opts.arch };
}

/**
 * Whether a parameter (nanoGPT's name) is read by a variant. Example: with attention off,
 * "transformer.h.0.attn.c_attn.weight" and "transformer.h.0.ln_1.weight" are not; "transformer.wte.weight" always is.
 */
export function variantUses(name: string, a: Architecture): boolean {
  if (name === "transformer.wpe.weight") return a.positions;
  if (name.includes(".attn.")) return a.attention;
  if (name.includes(".mlp.")) return a.mlp;
  if (name.includes(".ln_1.")) return a.attention && a.layerNorm;
  if (name.includes(".ln_2.")) return a.mlp && a.layerNorm;
  if (name.startsWith("transformer.ln_f.")) return a.finalNorm;
  return true; // wte: the embedding and the tied head
}
