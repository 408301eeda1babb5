import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { loadTiktoken, RegexTokenizer } from "../../src/core/tokenizers";
import { comparePresetNames, comparePresets } from "../../src/widgets/tokenizer-compare/presets";
import { compareRow, fmtRatio, textStats, visible } from "../../src/widgets/tokenizer-compare/stats";

// The oracle: js-tiktoken's full build with its own rank tables (the widget goes through our adapter).
const oracle = { gpt2: getEncoding("gpt2"), cl100k: getEncoding("cl100k_base"), o200k: getEncoding("o200k_base") };
const kinds = ["gpt2", "cl100k", "o200k"] as const;
const texts = comparePresetNames.flatMap((p) => [comparePresets[p].en, comparePresets[p].ja]);

describe("TokenizerCompare rows", () => {
  it("GPT-2 encodes hello world as [31373, 995] (openai/tiktoken's test), in two chips", async () => {
    const row = compareRow(await loadTiktoken("gpt2"), "hello world");
    expect(row.ids).toEqual([31373, 995]);
    expect(row.pieces).toEqual([{ ids: [31373], text: "hello" }, { ids: [995], text: " world" }]);
    expect(row.stats).toEqual({ chars: 11, bytes: 11, tokens: 2, charsPerToken: 5.5, bytesPerToken: 5.5 });
  });

  it.each(kinds)("%s: every preset's token count equals js-tiktoken's, and the chips spell the text with no �", async (kind) => {
    const tok = await loadTiktoken(kind);
    for (const text of texts) {
      const row = compareRow(tok, text);
      expect(row.ids, text).toEqual(oracle[kind].encode(text));
      expect(row.pieces.map((p) => p.text).join(""), text).toBe(text);
      expect(row.pieces.some((p) => p.text.includes("\uFFFD")), text).toBe(false);
      expect(row.pieces.flatMap((p) => p.ids)).toEqual(row.ids);
    }
  });

  it("GPT-2 spells 猫 with one token per byte, and the three become one chip", async () => {
    const gpt2 = await loadTiktoken("gpt2");
    const ids = oracle.gpt2.encode("猫");
    expect(ids).toHaveLength(3); // e7 8c ab: no merge in GPT-2's vocabulary covers them
    expect(compareRow(gpt2, "猫").pieces).toEqual([{ ids, text: "猫" }]);
  });

  it("the Japanese cat sentence: characters, bytes and tokens per tokenizer, as js-tiktoken counts them", async () => {
    const ja = comparePresets.cat.ja;
    for (const kind of kinds) {
      const { stats } = compareRow(await loadTiktoken(kind), ja);
      const n = oracle[kind].encode(ja).length;
      expect(stats).toEqual({ chars: 16, bytes: 48, tokens: n, charsPerToken: 16 / n, bytesPerToken: 48 / n });
    }
    // o200k needs fewer tokens than cl100k, which needs fewer than GPT-2 (counts from js-tiktoken)
    const counts = kinds.map((k) => oracle[k].encode(ja).length);
    expect(counts[2]).toBeLessThan(counts[1]);
    expect(counts[1]).toBeLessThan(counts[0]);
  });

  it("our BPE trained on English text spells Japanese byte by byte: 3 tokens per character", () => {
    const tok = new RegexTokenizer();
    tok.train("the cat sat on the mat. the dog sat on the log. ".repeat(20), 300);
    const row = compareRow(tok, "猫です");
    expect(row.stats.tokens).toBe(9); // 3 characters × 3 bytes, no merge touches them
    expect(row.pieces.map((p) => p.text)).toEqual(["猫", "で", "す"]);
  });
});

describe("helpers", () => {
  it("textStats counts code points and UTF-8 bytes: あ is 1 character and 3 bytes, 🍣 is 1 and 4", () => {
    expect(textStats("あ", 1)).toMatchObject({ chars: 1, bytes: 3 });
    expect(textStats("🍣", 2)).toMatchObject({ chars: 1, bytes: 4, bytesPerToken: 2 });
    expect(textStats("", 0)).toEqual({ chars: 0, bytes: 0, tokens: 0, charsPerToken: 0, bytesPerToken: 0 });
  });
  it("visible() shows spaces, tabs and line breaks and keeps the break", () => {
    expect(visible("a b\n\tc")).toBe("a·b↵\n→c");
  });
  it("fmtRatio keeps two decimals", () => {
    expect([fmtRatio(0.8), fmtRatio(2 / 3), fmtRatio(5.5), fmtRatio(3)]).toEqual(["0.8", "0.67", "5.5", "3"]);
  });
});
