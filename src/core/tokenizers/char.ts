import type { Tokenizer, TokenizerSpec } from "./types";
import { DojoError } from "../errors";

/**
 * One token per character, as nanoGPT's shakespeare_char: the vocabulary is the sorted set of characters of
 * the corpus. Example: CharTokenizer.fromText("hello") has chars ["e", "h", "l", "o"] and encodes "hole" to
 * [1, 3, 2, 0].
 *
 * subtle: a "character" is a Unicode code point, not a UTF-16 unit, so an emoji like "🙂" (two UTF-16 units)
 * is one token. Sorting is by code point, like Python's sorted(set(text)).
 */
export class CharTokenizer implements Tokenizer {
  readonly kind = "char" as const;
  readonly chars: readonly string[];
  private readonly ids: Map<string, number>; // char -> id

  constructor(chars: readonly string[]) {
    const ids = new Map<string, number>();
    chars.forEach((ch, i) => {
      if ([...ch].length !== 1) throw new Error(`CharTokenizer needs one character per entry, got ${JSON.stringify(ch)} at index ${i}.`);
      if (ids.has(ch)) throw new Error(`CharTokenizer got the character ${JSON.stringify(ch)} twice (indices ${ids.get(ch)} and ${i}).`);
      ids.set(ch, i);
    });
    this.chars = [...chars];
    this.ids = ids;
  }

  /** The sorted unique code points of `text`. Example: fromText("banana").chars → ["a", "b", "n"]. */
  static fromText(text: string): CharTokenizer {
    const unique = [...new Set(text)]; // the string iterator walks code points
    unique.sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!);
    return new CharTokenizer(unique);
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    let position = 0; // in code points, the unit the learner sees as "characters"
    for (const ch of text) {
      const id = this.ids.get(ch);
      if (id === undefined) {
        const code = "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        throw new DojoError(
          "unknownChar",
          { char: JSON.stringify(ch), code, position, vocab: this.chars.length },
          `Character ${JSON.stringify(ch)} (${code}) at position ${position} is not in this character vocabulary ` +
            `(${this.chars.length} characters). Build the tokenizer from text that contains it ` +
            `(CharTokenizer.fromText(corpus + extra)), or remove it from the input.`,
        );
      }
      out.push(id);
      position++;
    }
    return out;
  }

  decode(ids: number[]): string {
    return ids
      .map((id, i) => {
        const ch = this.chars[id];
        if (ch === undefined) throw new Error(`Cannot decode id ${id} at position ${i}: the character vocabulary has ids 0..${this.chars.length - 1}.`);
        return ch;
      })
      .join("");
  }

  toJSON(): TokenizerSpec {
    return { kind: "char", chars: [...this.chars] };
  }
}
