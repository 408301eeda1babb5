import gpt2Ranks from "js-tiktoken/ranks/gpt2";
import { describe, expect, it } from "vitest";
import { loadTiktoken, tokenizerFromSpec } from "../../src/core/tokenizers";
import { rankTableBytes } from "../../src/core/tokenizers/tiktoken";

// Ids pinned by OpenAI's own tests: openai/tiktoken tests/test_encoding.py (gpt2, cl100k_base) and
// openai/harmony's Python tests (o200k-based "hello world").
const pinned = [
  ["gpt2", "hello world", [31373, 995]],
  ["gpt2", "0", [15]],
  ["gpt2", "00000000", [8269]],
  ["gpt2", "000000000", [10535, 830]],
  ["gpt2", "0000000000000000", [25645]],
  ["cl100k", "hello world", [15339, 1917]],
  ["cl100k", "rer", [38149]],
  ["cl100k", "'rer", [2351, 81]],
  ["cl100k", "today\n ", [31213, 198, 220]],
  ["cl100k", "today\n \n", [31213, 27907]],
  ["cl100k", "today\n  \n", [31213, 14211]],
  ["cl100k", " \x850", [220, 126, 227, 15]],
  ["cl100k", "👍", [9468, 239, 235]],
  ["o200k", "hello world", [24912, 2375]],
  // computed with OpenAI's tiktoken 0.14 (Rust regex) on js-tiktoken's rank tables: U+FEFF is not
  // whitespace there, while JavaScript's \s says it is
  ["gpt2", "a\ufeff b", [64, 171, 119, 123, 275]],
  ["cl100k", "a\ufeff b", [64, 3305, 293]],
  ["o200k", "a\ufeff b", [64, 5574, 287]],
] as const;

describe("tiktoken encodings through js-tiktoken", () => {
  it.each(pinned)("%s encodes %j as OpenAI's tests say", async (kind, text, ids) => {
    const tok = await loadTiktoken(kind);
    expect(tok.encode(text)).toEqual(ids);
    expect(tok.decode([...ids])).toBe(text);
  });

  it.each([
    ["gpt2", 50257],
    ["cl100k", 100277],
    ["o200k", 200019],
  ] as const)("%s has tiktoken's n_vocab %i", async (kind, n) => {
    expect((await loadTiktoken(kind)).vocabSize).toBe(n);
  });

  it.each(["gpt2", "cl100k", "o200k"] as const)("%s round-trips English, Japanese, Chinese and emoji", async (kind) => {
    const tok = await loadTiktoken(kind);
    for (const text of ["", "Call me Ishmael.", "吾輩は猫である。名前はまだ無い。", "请考试我的软件！12345", "hello  \n\n 😉👍🏽"]) {
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
  });

  it("loads each encoding once and shares it", async () => {
    const [a, b] = await Promise.all([loadTiktoken("gpt2"), loadTiktoken("gpt2")]);
    expect(a).toBe(b);
    expect(await tokenizerFromSpec({ kind: "gpt2" })).toBe(a);
    expect(a.toJSON()).toEqual({ kind: "gpt2" });
  });

  it("treats special-token text as ordinary text, like encode_ordinary", async () => {
    const tok = await loadTiktoken("gpt2");
    const ids = tok.encode("hello <|endoftext|>");
    expect(ids).not.toContain(50256);
    expect(tok.decode(ids)).toBe("hello <|endoftext|>");
    // ... while decoding the special id itself works: encode(..., allowed_special="all") in OpenAI's test
    expect(tok.decode([31373, 220, 50256])).toBe("hello <|endoftext|>");
    expect(new TextDecoder().decode(tok.tokenBytes(50256))).toBe("<|endoftext|>");
  });

  it("gives every gpt2 token's bytes, equal to a direct read of the rank table", async () => {
    const tok = await loadTiktoken("gpt2");
    const table = rankTableBytes(gpt2Ranks);
    expect(table.size).toBe(50256);
    for (const [id, bytes] of table) expect(tok.tokenBytes(id)).toEqual(bytes);
    expect(Array.from(tok.tokenBytes(31373))).toEqual([104, 101, 108, 108, 111]); // "hello"
  });

  it("refuses unknown ids and encodings, saying which", async () => {
    const tok = await loadTiktoken("cl100k");
    expect(() => tok.decode([15339, 100261])).toThrow(/id 100261 at position 1.*cl100k_base/);
    await expect(loadTiktoken("p50k" as never)).rejects.toThrow(/Unknown tiktoken encoding "p50k"/);
  });
});
