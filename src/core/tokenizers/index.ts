// The tokenizers' public surface: import from here, not from the files.
export type { Tokenizer, TokenizerKind, TokenizerSpec, TrainOptions, TrainAsyncOptions } from "./types";
export { CharTokenizer } from "./char";
export { BasicTokenizer, BpeTokenizer, getStats, merge, type ByteChunks } from "./bpe";
export {
  RegexTokenizer,
  GPT4_SPLIT_PATTERN,
  GPT4_SPLIT_PATTERN_JS,
  GPT2_SPLIT_PATTERN,
  GPT2_SPLIT_PATTERN_JS,
  compileSplitPattern,
  splitText,
} from "./regex";
export { loadTiktoken, TiktokenTokenizer, type TiktokenKind } from "./tiktoken";
export { createStreamDecoder, tokenPieces, incompleteUtf8Tail, type StreamDecoder, type TokenPiece } from "./stream";
export { tokenizerFromSpec } from "./spec";
