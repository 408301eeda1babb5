import type { Tokenizer } from "./types";

/**
 * Showing text one token at a time without garbling characters. A byte-level token need not end on a
 * character boundary: cl100k_base spells "👍" (bytes f0 9f 91 8d) as three tokens [9468, 239, 235], and
 * GPT-2 spells "猫" (e7 8c ab) as one token per byte. Decoding each token alone would print "�"s; these
 * helpers hold the bytes back until the character is complete.
 */

export interface StreamDecoder {
  /** Adds one token and returns the text that is now complete (often "", when a character is still open). */
  push(id: number): string;
  /** Ends the stream: returns what is left, an unfinished character becoming U+FFFD. */
  flush(): string;
}

/**
 * Incremental decode for sampling: push each generated id, print what comes back.
 * Example (cl100k_base): push(9468) → "", push(239) → "", push(235) → "👍".
 */
export function createStreamDecoder(tokenizer: Tokenizer): StreamDecoder {
  const tokenBytes = tokenizer.tokenBytes?.bind(tokenizer);
  if (!tokenBytes) return { push: (id) => tokenizer.decode([id]), flush: () => "" }; // one char per token
  // stream: true makes TextDecoder keep an unfinished sequence for the next call; ignoreBOM keeps a
  // U+FEFF that the model generated instead of silently dropping it at the start
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return {
    push: (id) => decoder.decode(tokenBytes(id), { stream: true }),
    flush: () => decoder.decode(),
  };
}

/**
 * How many bytes at the end of `bytes` start a UTF-8 character that is still missing bytes (0..3).
 * Examples: [0x61] → 0; [0xe7, 0x8c] → 2 (a 3-byte character with 2 so far); [0xe7, 0x8c, 0xab] → 0.
 * Bytes that can never become valid (a stray continuation byte, 0xff) count as finished: waiting for more
 * would not help, and the decoder turns them into U+FFFD.
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b >= 0x80 && b < 0xc0) continue; // continuation byte: the lead is further back
    const need = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export interface TokenPiece {
  ids: number[]; // consecutive token ids whose bytes together end on a character boundary
  text: string;
}

/**
 * Groups ids into pieces whose bytes are whole characters, each with its text, so token chips never show
 * "�" for a character split over tokens. Example (cl100k_base): [15339, 9468, 239, 235] ("hello👍") →
 * [{ ids: [15339], text: "hello" }, { ids: [9468, 239, 235], text: "👍" }].
 * Tokenizers without byte-level tokens (char) give one piece per id.
 */
export function tokenPieces(tokenizer: Tokenizer, ids: readonly number[]): TokenPiece[] {
  const tokenBytes = tokenizer.tokenBytes?.bind(tokenizer);
  if (!tokenBytes) return ids.map((id) => ({ ids: [id], text: tokenizer.decode([id]) }));
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const pieces: TokenPiece[] = [];
  let pendingIds: number[] = [];
  let pendingBytes: Uint8Array[] = [];
  const emit = () => {
    const all = new Uint8Array(pendingBytes.reduce((n, b) => n + b.length, 0));
    let offset = 0;
    for (const b of pendingBytes) {
      all.set(b, offset);
      offset += b.length;
    }
    pieces.push({ ids: pendingIds, text: decoder.decode(all) });
    pendingIds = [];
    pendingBytes = [];
  };
  for (const id of ids) {
    const bytes = tokenBytes(id);
    pendingIds.push(id);
    pendingBytes.push(bytes);
    if (incompleteUtf8Tail(lastBytes(pendingBytes)) === 0) emit();
  }
  if (pendingIds.length) emit();
  return pieces;
}

/** The last (up to) 3 bytes of a list of byte arrays, enough for incompleteUtf8Tail. */
function lastBytes(parts: Uint8Array[]): Uint8Array {
  const tail: number[] = [];
  for (let p = parts.length - 1; p >= 0 && tail.length < 3; p--) {
    for (let i = parts[p].length - 1; i >= 0 && tail.length < 3; i--) tail.unshift(parts[p][i]);
  }
  return Uint8Array.from(tail);
}
