import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN, RegexTokenizer, compileSplitPattern, splitText } from "../../src/core/tokenizers";

const fixtures = join(__dirname, "../fixtures");
const moby = JSON.parse(readFileSync(join(fixtures, "bpe-mobydick.json"), "utf8"));
const shakespeare = JSON.parse(readFileSync(join(fixtures, "bpe.json"), "utf8"));

describe("the GPT-4 split pattern in JavaScript", () => {
  // every `chunks` list in the golden files (minbpe + Python regex 2.5.123)
  const golden = [moby.regex_gpt4_moby20k, moby.regex_gpt4_japanese, shakespeare.regex_gpt4_shakespeare20k].flatMap((tok) =>
    Object.entries(tok.tests as Record<string, { text: string; chunks: string[] }>).map(([name, t]) => [`${tok.tokenizer} ${name}`, t.text, t.chunks] as const),
  );
  it.each(golden)("golden %s", (_, text, chunks) => expect(splitText(text)).toEqual(chunks));

  // regex.findall(minbpe's GPT4_SPLIT_PATTERN, text) with Python's `regex` module 2026.5.9. These are the
  // spots where a naive translation goes wrong: (?i) also matching "ſ", and Python's \s (U+0085 yes,
  // U+FEFF and U+001C no) differing from JavaScript's.
  it.each([
    ["Hello world!!!? (how", ["Hello", " world", "!!!?", " (", "how"]],
    ["don't I'LL we'Ve", ["don", "'t", " I", "'LL", " we", "'Ve"]],
    ["x'ſx x'Sx", ["x", "'ſ", "x", " x", "'S", "x"]],
    ["  \n\n  x  \r\n y\t\t\n", ["  \n\n", " ", " x", "  \r\n", " y", "\t\t\n"]],
    ["12345 1.5 ½ Ⅻ", ["123", "45", " ", "1", ".", "5", " ", "½", " ", "Ⅻ"]],
    [" \u00850", [" ", "\u0085", "0"]],
    ["a\ufeff b\u001c c", ["a", "\ufeff", " b", "\u001c", " c"]],
    ["a\u3000\u3000b", ["a", "\u3000", "\u3000b"]],
  ])("Python regex on %j", (text, chunks) => expect(splitText(text)).toEqual(chunks));

  it("keeps a surrogate pair (emoji) inside one chunk", () => expect(splitText("hi 😉😉!")).toEqual(["hi", " 😉😉!"]));

  it("also translates minbpe's GPT-2 pattern", () => {
    expect(splitText("I'm here  now!!", GPT2_SPLIT_PATTERN)).toEqual(["I", "'m", " here", " ", " now", "!!"]);
  });

  it("rejects Python-only syntax with an explanation", () => {
    expect(() => compileSplitPattern("a++b")).toThrow(/possessive quantifiers/);
    expect(() => new RegexTokenizer("\\p{L}++")).toThrow(/not a valid JavaScript RegExp/);
  });

  it("saves the pattern minbpe-style, so Python can use it", () => {
    expect(new RegexTokenizer().toJSON()).toEqual({ kind: "bpe-regex", merges: [], pattern: GPT4_SPLIT_PATTERN });
  });
});
