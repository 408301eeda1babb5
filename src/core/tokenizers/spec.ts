import { BasicTokenizer } from "./bpe";
import { CharTokenizer } from "./char";
import { RegexTokenizer } from "./regex";
import { loadTiktoken } from "./tiktoken";
import type { Tokenizer, TokenizerSpec } from "./types";

/**
 * Rebuilds a tokenizer from what toJSON() saved (e.g. in a checkpoint's metadata). Async because the
 * tiktoken encodings load their rank tables on demand.
 * Example: await tokenizerFromSpec({ kind: "bpe-basic", merges: [[97, 97]] }) encodes "aaa" to [256, 97].
 */
export async function tokenizerFromSpec(spec: TokenizerSpec): Promise<Tokenizer> {
  switch (spec.kind) {
    case "char":
      return new CharTokenizer(spec.chars);
    case "bpe-basic":
      return new BasicTokenizer().setMerges(spec.merges);
    case "bpe-regex":
      return new RegexTokenizer(spec.pattern).setMerges(spec.merges);
    case "gpt2":
    case "cl100k":
    case "o200k":
      return loadTiktoken(spec.kind);
    default:
      throw new Error(
        `Unknown tokenizer kind ${JSON.stringify((spec as { kind: unknown }).kind)} in spec. ` +
          `Known kinds: char, bpe-basic, bpe-regex, gpt2, cl100k, o200k.`,
      );
  }
}
