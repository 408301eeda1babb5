import { describe, expect, it } from "vitest";
import { CharTokenizer, tokenizerFromSpec } from "../../src/core/tokenizers";

describe("CharTokenizer", () => {
  it("uses the sorted unique characters, as nanoGPT's shakespeare_char prepare.py", () => {
    const tok = CharTokenizer.fromText("hello");
    expect(tok.chars).toEqual(["e", "h", "l", "o"]);
    expect(tok.vocabSize).toBe(4);
    expect(tok.encode("hole")).toEqual([1, 3, 2, 0]);
    expect(tok.decode([1, 3, 2, 0])).toBe("hole");
  });

  it("treats an emoji as one character and sorts by code point like Python's sorted()", () => {
    // sorted(set("a😉\uff01")) in Python: U+FF01 < U+1F609, although its UTF-16 unit is larger than 0xD83D
    const tok = CharTokenizer.fromText("a😉\uff01");
    expect(tok.chars).toEqual(["a", "\uff01", "😉"]);
    expect(tok.encode("😉a")).toEqual([2, 0]);
  });

  it("round-trips English and Japanese", () => {
    const text = "Call me Ishmael. 吾輩は猫である。名前はまだ無い。";
    const tok = CharTokenizer.fromText(text);
    expect(tok.decode(tok.encode(text))).toBe(text);
  });

  it("names an unknown character, where it is and what to do", () => {
    const tok = CharTokenizer.fromText("abc");
    expect(() => tok.encode("ab猫c")).toThrow(/Character "猫" \(U\+732B\) at position 2 .*3 characters.*CharTokenizer\.fromText/);
    expect(() => tok.encode("😉")).toThrow(/"😉" \(U\+1F609\) at position 0/);
    expect(() => tok.decode([0, 3])).toThrow(/id 3 at position 1.*0\.\.2/);
  });

  it("refuses a malformed vocabulary", () => {
    expect(() => new CharTokenizer(["a", "bc"])).toThrow(/one character per entry/);
    expect(() => new CharTokenizer(["a", "a"])).toThrow(/twice/);
  });

  it("survives a save and load through its spec", async () => {
    const tok = CharTokenizer.fromText("banana 🍌");
    const loaded = await tokenizerFromSpec(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(loaded.kind).toBe("char");
    expect(loaded.encode("nab 🍌")).toEqual(tok.encode("nab 🍌"));
  });
});
