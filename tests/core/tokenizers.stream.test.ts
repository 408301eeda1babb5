import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BasicTokenizer,
  CharTokenizer,
  RegexTokenizer,
  createStreamDecoder,
  incompleteUtf8Tail,
  loadTiktoken,
  tokenPieces,
  type Tokenizer,
} from "../../src/core/tokenizers";

const moby = JSON.parse(readFileSync(join(__dirname, "../fixtures/bpe-mobydick.json"), "utf8"));
const japanese = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。";
const mixed = "GPTを作ろう。BPE is fun! 👍🏽 请考试我的软件！";

// Tokenizers whose tokens split characters: gpt2/cl100k spell rare kanji and emoji in byte pieces, and a
// Regex BPE trained on Japanese (golden merges, vocab 316) has tokens like [227, 129], half of "の".
async function allTokenizers(): Promise<[string, Tokenizer][]> {
  const regexJa = new RegexTokenizer().setMerges(moby.regex_gpt4_japanese.merges.map(([pair]: [[number, number], number]) => pair));
  const basic = new BasicTokenizer();
  basic.train(moby.japanese_text, 256 + 60);
  return [
    ["char", CharTokenizer.fromText(japanese + mixed)],
    ["bpe-basic", basic],
    ["bpe-regex", regexJa],
    ["gpt2", await loadTiktoken("gpt2")],
    ["cl100k", await loadTiktoken("cl100k")],
    ["o200k", await loadTiktoken("o200k")],
  ];
}

describe("incompleteUtf8Tail", () => {
  it.each([
    [[], 0],
    [[0x61], 0],
    [[0xe7], 1],
    [[0xe7, 0x8c], 2],
    [[0xe7, 0x8c, 0xab], 0],
    [[0x61, 0xf0, 0x9f, 0x91], 3],
    [[0xf0, 0x9f, 0x91, 0x8d], 0],
    [[0x80], 0], // a stray continuation byte never becomes valid
    [[0xff], 0],
  ])("%j → %i", (bytes, n) => expect(incompleteUtf8Tail(Uint8Array.from(bytes))).toBe(n));
});

describe("streaming decode and token pieces", async () => {
  const tokenizers = await allTokenizers();

  it("the byte-level tokenizers really do split characters across tokens here", () => {
    for (const [name, tok] of tokenizers.filter(([n]) => ["bpe-regex", "gpt2", "cl100k"].includes(n))) {
      const alone = tok.encode(japanese).map((id) => tok.decode([id]));
      expect(alone.join(""), name).toContain("\ufffd");
    }
  });

  it.each(tokenizers)("%s: the stream emits exactly the text, never U+FFFD on the way", (_, tok) => {
    for (const text of [japanese, mixed]) {
      const stream = createStreamDecoder(tok);
      const out: string[] = tok.encode(text).map((id) => stream.push(id));
      out.push(stream.flush());
      for (const part of out) expect(part).not.toContain("\ufffd");
      expect(out.join("")).toBe(text);
    }
  });

  it.each(tokenizers)("%s: pieces are whole characters and cover every id in order", (_, tok) => {
    for (const text of [japanese, mixed]) {
      const ids = tok.encode(text);
      const pieces = tokenPieces(tok, ids);
      for (const p of pieces) expect(p.text).not.toContain("\ufffd");
      expect(pieces.flatMap((p) => p.ids)).toEqual(ids);
      expect(pieces.map((p) => p.text).join("")).toBe(text);
    }
  });

  it("holds a split character back until its last byte arrives (cl100k 👍 = [9468, 239, 235])", async () => {
    const tok = await loadTiktoken("cl100k");
    const stream = createStreamDecoder(tok);
    expect([9468, 239, 235].map((id) => stream.push(id))).toEqual(["", "", "👍"]);
    expect(tokenPieces(tok, [15339, 9468, 239, 235])).toEqual([
      { ids: [15339], text: "hello" },
      { ids: [9468, 239, 235], text: "👍" },
    ]);
  });

  it("flushes an unfinished character as one U+FFFD, as a full decode would", async () => {
    const tok = await loadTiktoken("cl100k");
    const stream = createStreamDecoder(tok);
    expect(stream.push(9468) + stream.push(239)).toBe("");
    expect(stream.flush()).toBe(tok.decode([9468, 239]));
    expect(tokenPieces(tok, [9468, 239])).toEqual([{ ids: [9468, 239], text: tok.decode([9468, 239]) }]);
  });
});
