import { describe, expect, it } from "vitest";
import { encodeCorpus, minCorpusTokens, prepareCorpus, validateText } from "../../src/core/data";
import { CharTokenizer } from "../../src/core/tokenizers";

describe("validateText", () => {
  it("names the lengths it compared", () => {
    expect(() => validateText("", 8)).toThrow("The text is empty.");
    expect(() => validateText("hello", 8)).toThrow("The text has 5 characters, but blockSize 8 needs at least 9. Use a longer text or a smaller blockSize.");
    expect(() => validateText("🙂".repeat(8), 8)).toThrow("The text has 8 characters"); // code points, not UTF-16 units
    expect(() => validateText(null as never, 8)).toThrow("The corpus must be text, got null.");
    expect(() => validateText("123456789", 8)).not.toThrow();
  });
});

describe("encodeCorpus", () => {
  it("gives a Uint16Array for vocabularies up to 65536 ids", () => {
    const tok = CharTokenizer.fromText("abc");
    const ids = encodeCorpus(tok, "cab");
    expect(ids).toBeInstanceOf(Uint16Array);
    expect(Array.from(ids)).toEqual([2, 0, 1]);
    expect(encodeCorpus({ vocabSize: 65536, encode: () => [65535] }, "x")).toBeInstanceOf(Uint16Array);
  });
  it("gives a Uint32Array above that (cl100k, o200k), keeping ids past 16 bits", () => {
    const ids = encodeCorpus({ vocabSize: 100277, encode: () => [100000, 5] }, "x");
    expect(ids).toBeInstanceOf(Uint32Array);
    expect(Array.from(ids)).toEqual([100000, 5]);
  });
  it("refuses ids outside the vocabulary instead of wrapping them", () => {
    expect(() => encodeCorpus({ vocabSize: 10, encode: () => [3, 10] }, "x")).toThrow("The tokenizer produced id 10 at position 1, outside its vocabulary 0..9.");
  });
});

describe("prepareCorpus", () => {
  it("splits 90/10 and checks that both splits hold a window", () => {
    const text = "abcdefghij".repeat(10); // 100 characters
    const tok = CharTokenizer.fromText(text);
    const { tokens, train, val } = prepareCorpus(tok, text, 8);
    expect([tokens.length, train.length, val.length]).toEqual([100, 90, 10]);
    expect(Array.from(val)).toEqual(Array.from(tokens.subarray(90)));
    expect(() => prepareCorpus(tok, text, 10)).toThrow("The validation split (10% of the text) has 10 tokens, but needs blockSize + 1 = 11. Use a text of at least 101 tokens (it has 100) or a smaller blockSize.");
    expect(minCorpusTokens(10)).toBe(101); // 90 train, 11 val
    expect(minCorpusTokens(256)).toBe(2561);
    expect(() => prepareCorpus(tok, text, 8, 1)).toThrow("trainFraction must be between 0 and 1, got 1.");
  });
});
