import { tokenPieces, type TokenPiece, type Tokenizer } from "../../core/tokenizers";

/**
 * What TokenizerCompare shows for one tokenizer on one text: the ids, the ids grouped into pieces that are
 * whole characters (so a Japanese character split over several tokens is one chip, never "�"), and the counts.
 */

export interface TextStats {
  chars: number; // Unicode code points: "猫" is 1, "🍣" is 1
  bytes: number; // UTF-8 bytes: "猫" is 3, "🍣" is 4
  tokens: number;
  charsPerToken: number; // 0 for an empty text
  bytesPerToken: number;
}

const utf8 = new TextEncoder();

/**
 * Example: textStats("吾輩は猫", 5) → { chars: 4, bytes: 12, tokens: 5, charsPerToken: 0.8, bytesPerToken: 2.4 }
 */
export function textStats(text: string, tokens: number): TextStats {
  const chars = Array.from(text).length;
  const bytes = utf8.encode(text).length;
  return { chars, bytes, tokens, charsPerToken: tokens ? chars / tokens : 0, bytesPerToken: tokens ? bytes / tokens : 0 };
}

export interface Row {
  ids: number[];
  pieces: TokenPiece[];
  stats: TextStats;
}

/** Encodes text and groups the ids for display. Example (gpt2, "hello world"): ids [31373, 995], pieces "hello", " world". */
export function compareRow(tokenizer: Tokenizer, text: string): Row {
  const ids = tokenizer.encode(text);
  return { ids, pieces: tokenPieces(tokenizer, ids), stats: textStats(text, ids.length) };
}

/**
 * Whitespace as visible symbols, keeping the line breaks: space ·, tab →, newline ↵ then the break.
 * Example: visible("a b\n") → "a·b↵\n"
 */
export const visible = (s: string) => s.replace(/ /g, "·").replace(/\t/g, "→").replace(/\r/g, "␍").replace(/\n/g, "↵\n");

/** Two decimals, trailing zeros dropped. Example: fmtRatio(0.8) → "0.8"; fmtRatio(2 / 3) → "0.67" */
export const fmtRatio = (x: number) => String(Number(x.toFixed(2)));
