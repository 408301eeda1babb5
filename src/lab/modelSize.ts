/**
 * Sizes the lab shows before anything is built: nanoGPT's parameter count and a memory estimate.
 * Example: numParamsFor({ vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16, bias: true }) = 6896,
 * the golden tiny model's count (lm_head is tied to wte, so it is counted once).
 */
export interface SizeConfig {
  vocabSize: number;
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  bias: boolean;
}

/**
 * Character vocabularies of the built-in corpora, so the lab can show the size before it downloads a megabyte of
 * text. tests/lab/modelSize.test.ts recomputes both from the texts the build ships (scripts/corpora.ts).
 * Moby-Dick: 26 + 26 letters, 10 digits, space, newline and 19 marks (— ‘ ’ “ ” among them) = 83.
 * First names: a–z, "-" and newline = 28.
 */
export const BUILTIN_CHAR_VOCAB = { "moby-dick": 83, "first-names": 28 } as const;
/** GPT-2's vocabulary (tiktoken's "gpt2": 50,000 merges + 256 bytes + <|endoftext|>). */
export const GPT2_VOCAB = 50257;

/**
 * The character tokenizer's vocabulary of a text: its distinct Unicode code points, as CharTokenizer.fromText
 * counts them. Example: charVocabSize("banana") = 3; charVocabSize("🙂a🙂") = 2 (an emoji is one code point).
 */
export function charVocabSize(text: string): number {
  return new Set(text).size; // the string iterator walks code points, as CharTokenizer does
}

export interface VocabChoice {
  tokenizer: "char" | "bpe" | "gpt2";
  corpus: "moby-dick" | "first-names" | "course-ja" | "own";
  bpeVocab: number;
}

/**
 * The vocabulary the worker will build for these settings, or null while the text is not there yet (an empty own
 * text, or the course's Japanese text before it has downloaded: its vocabulary grows with the lessons, so it is
 * counted, never hard-coded).
 * `upTo`: a BPE stops merging early when a short text runs out of repeated pairs, so bpeVocab is a ceiling.
 * Example: ({ tokenizer: "char", corpus: "own" }, "hello") → { size: 4, upTo: false }.
 */
export function vocabFor(c: VocabChoice, ownText?: string): { size: number; upTo: boolean } | null {
  if (c.tokenizer === "gpt2") return { size: GPT2_VOCAB, upTo: false };
  if (c.tokenizer === "bpe") return { size: c.bpeVocab, upTo: true };
  if (c.corpus !== "own" && c.corpus !== "course-ja") return { size: BUILTIN_CHAR_VOCAB[c.corpus], upTo: false };
  return ownText ? { size: charVocabSize(ownText), upTo: false } : null;
}

/** From this many characters on, the lab warns that the embedding and the output layer dominate the model. */
export const LARGE_VOCAB = 500;

/**
 * What a large character vocabulary costs, for the lab's warning: the token embedding's parameters (V × C, also
 * the tied output layer), their training memory (weights, gradient and AdamW's two moments: 4 float32 copies) and
 * their share of the model. Example: V 2,000, C 64 → 128,000 parameters, 2,048,000 bytes.
 */
export function embeddingCost(c: SizeConfig): { params: number; bytes: number; share: number } {
  const params = c.vocabSize * c.nEmbd;
  return { params, bytes: params * 4 * 4, share: params / numParamsFor(c) };
}

export function numParamsFor(c: SizeConfig): number {
  const C = c.nEmbd;
  const b = c.bias ? 1 : 0;
  const layerNorm = C + b * C;
  const perLayer =
    layerNorm + // ln_1
    3 * C * C + b * 3 * C + // attn.c_attn
    C * C + b * C + // attn.c_proj
    layerNorm + // ln_2
    4 * C * C + b * 4 * C + // mlp.c_fc
    4 * C * C + b * C; // mlp.c_proj
  return c.vocabSize * C + c.blockSize * C + c.nLayer * perLayer + layerNorm;
}

/**
 * Bytes a training step needs, roughly: float32 weights, gradients and AdamW's two moments (4 copies), plus
 * activations kept for the backward pass. Per layer that is about B·T·C·34 floats of block activations and
 * B·nh·T²·5 floats of attention scores (the estimate of Korthikanti et al. 2022, in float32), and the logits
 * with their softmax and gradient (3·B·T·V floats).
 */
export function trainingBytesFor(c: SizeConfig, batchSize: number): { params: number; activations: number; total: number } {
  const params = numParamsFor(c) * 4 * 4;
  const B = batchSize, T = c.blockSize;
  const perLayer = B * T * c.nEmbd * 34 + B * c.nHead * T * T * 5;
  const activations = (c.nLayer * perLayer + 3 * B * T * c.vocabSize) * 4;
  return { params, activations, total: params + activations };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let x = bytes / 1024, i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x < 10 ? x.toFixed(1) : Math.round(x)} ${units[i]}`;
}
