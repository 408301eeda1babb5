import { getEncoding } from "js-tiktoken";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BasicTokenizer, getStats, loadTiktoken, RegexTokenizer, splitText } from "../../src/core/tokenizers";

/**
 * Every number lessons/04-tokenization/en.md states, computed by project code (our minbpe engine, TextEncoder)
 * or by js-tiktoken, OpenAI's encodings in JavaScript. If a number here changes, the lesson text must too.
 */
const lesson = readFileSync(join(__dirname, "../../lessons/04-tokenization/en.md"), "utf8");
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The text of one `::::exercise{id=…}` block in the lesson. */
function exercise(id: string): string {
  const m = new RegExp(`^::::exercise\\{id=${id} [^}]*\\}\\n([\\s\\S]*?)^::::$`, "m").exec(lesson);
  if (!m) throw new Error(`lessons/04-tokenization/en.md has no exercise with id=${id}`);
  return m[0];
}
/** Its numeric answer attribute. */
const answer = (id: string) => Number(/answer=([^ }]+)/.exec(exercise(id))![1]);
/** The text in brackets of the choices marked {correct}. */
const correct = (id: string) => [...exercise(id).matchAll(/^:::choice\[(.*)\]\{correct\}$/gm)].map((m) => m[1]);
const enc = { gpt2: getEncoding("gpt2"), cl100k: getEncoding("cl100k_base"), o200k: getEncoding("o200k_base") };

describe("UTF-8", () => {
  it("あ is [227, 129, 130], worked by hand from U+3042 with the 3-byte pattern", () => {
    expect([...new TextEncoder().encode("あ")]).toEqual([227, 129, 130]);
    const cp = "あ".codePointAt(0)!;
    expect(cp).toBe(0x3042);
    expect([0b1110_0000 | (cp >> 12), 0b1000_0000 | ((cp >> 6) & 63), 0b1000_0000 | (cp & 63)]).toEqual([227, 129, 130]);
    expect(lesson).toContain("`[227, 129, 130]`");
  });
  it("exercise utf8-first-byte: 227; exercise utf8-sentence-bytes: 吾輩は猫である。 is 24 bytes (🍣 is 4)", () => {
    expect(answer("utf8-first-byte")).toBe(new TextEncoder().encode("あ")[0]);
    expect(answer("utf8-sentence-bytes")).toBe(bytes("吾輩は猫である。"));
    expect([bytes("吾輩は猫である。"), bytes("🍣")]).toEqual([24, 4]);
    expect(0b11100011).toBe(128 + 64 + 32 + 2 + 1);
  });
  it("the table: I am a cat. is 11 characters and 11 bytes; 吾輩は猫である。 is 8 characters and 24 bytes", () => {
    expect([Array.from("I am a cat.").length, bytes("I am a cat."), Array.from("吾輩は猫である。").length, bytes("吾輩は猫である。")]).toEqual([11, 11, 8, 24]);
  });
});

describe("BPE by hand on aaabdaaabac (exercises bpe-three-merges, bpe-tie)", () => {
  it.each([["basic", BasicTokenizer], ["regex", RegexTokenizer]] as const)("%s: 3 merges give [258, 100, 258, 97, 99]; 257 = aaa, 258 = aaab", (_, Tokenizer) => {
    const tok = new Tokenizer();
    tok.train("aaabdaaabac", 256 + 3);
    expect(tok.encode("aaabdaaabac")).toEqual([258, 100, 258, 97, 99]);
    expect(tok.merges).toEqual([[97, 97], [256, 97], [257, 98]]);
    expect([256, 257, 258].map((id) => tok.decode([id]))).toEqual(["aa", "aaa", "aaab"]);
    // the intermediate sequences the lesson lists
    const one = new BasicTokenizer().setMerges([[97, 97]]);
    const two = new BasicTokenizer().setMerges([[97, 97], [256, 97]]);
    expect(one.encode("aaabdaaabac")).toEqual([256, 97, 98, 100, 256, 97, 98, 97, 99]);
    expect(two.encode("aaabdaaabac")).toEqual([257, 98, 100, 257, 98, 97, 99]);
  });
  it("the tie at merge 2: (256, 97) and (97, 98) are both counted twice, and (256, 97) is seen first", () => {
    const stats = getStats([256, 97, 98, 100, 256, 97, 98, 97, 99]);
    expect([...stats].slice(0, 2)).toEqual([["256,97", 2], ["97,98", 2]]);
    expect(Math.max(...stats.values())).toBe(2);
    expect(getStats([...new TextEncoder().encode("aaabdaaabac")]).get("97,97")).toBe(4); // "counted 4 times"
    expect(lesson).toContain("`[258, 100, 258, 97, 99]`");
  });
  it("exercises bpe-three-merges and bpe-tie: the correct choices are what the engine computes", () => {
    const tok = new BasicTokenizer();
    tok.train("aaabdaaabac", 256 + 3);
    expect(correct("bpe-three-merges")).toEqual([`\`[${tok.encode("aaabdaaabac").join(", ")}]\``]);
    expect(correct("bpe-tie")).toEqual([`\`(${tok.merges[1].join(", ")})\`, "aa" + "a"`]);
  });
});

describe("the Hugging Face corpus (exercise hf-next-merge)", () => {
  it("after ug, un, hug the next merge is (p, un), 12 times", () => {
    const words = [["hug", 10], ["pug", 5], ["pun", 12], ["bun", 4], ["hugs", 5]] as const;
    // the corpus written out, one word per line: GPT-4's pattern keeps each word a chunk of its own
    const corpus = words.flatMap(([w, n]) => Array<string>(n).fill(w)).join("\n");
    const tok = new RegexTokenizer();
    tok.train(corpus, 256 + 4);
    expect(tok.merges.map(([a, b]) => [tok.decode([a]), tok.decode([b])])).toEqual([["u", "g"], ["u", "n"], ["h", "ug"], ["p", "un"]]);
    // count of (p, un) before merge 4, each word's pairs times the word's count: only pun×12 holds it
    const before = new RegexTokenizer().setMerges(tok.merges.slice(0, 3));
    const total = new Map<string, number>();
    for (const [w, n] of words) for (const [pair, c] of getStats(before.encode(w))) total.set(pair, (total.get(pair) ?? 0) + c * n);
    expect(total.get(tok.merges[3].join(","))).toBe(12);
    expect(Math.max(...total.values())).toBe(12);
    expect(correct("hf-next-merge")).toEqual(["`p` + `un`, 12 times"]);
    // "unhug" with these four merges is un + hug
    expect(tok.encode("unhug").map((id) => tok.decode([id]))).toEqual(["un", "hug"]);
  });
});

describe("GPT-2, cl100k and o200k numbers in the lesson (js-tiktoken)", () => {
  it("I am a cat. is [40, 716, 257, 3797, 13] in GPT-2; 吾輩は猫である。 is 13 tokens", () => {
    expect(enc.gpt2.encode("I am a cat.")).toEqual([40, 716, 257, 3797, 13]);
    expect(enc.gpt2.encode("吾輩は猫である。")).toHaveLength(13);
    expect(lesson).toContain("| GPT-2's BPE | 50,257 | 5 ids | 13 ids |");
  });
  it("the cat sentences: 12/12/12 tokens in English, 24/21/14 in Japanese; 34 and 16 characters", () => {
    const en = "I am a cat. As yet I have no name.", ja = "吾輩は猫である。名前はまだ無い。";
    expect([enc.gpt2, enc.cl100k, enc.o200k].map((e) => e.encode(en).length)).toEqual([12, 12, 12]);
    expect([enc.gpt2, enc.cl100k, enc.o200k].map((e) => e.encode(ja).length)).toEqual([24, 21, 14]);
    expect([Array.from(en).length, Array.from(ja).length]).toEqual([34, 16]);
    expect([(34 / 12).toFixed(1), (16 / 21).toFixed(2), (16 / 14).toFixed(2)]).toEqual(["2.8", "0.76", "1.14"]);
    expect([Math.round((1024 * 34) / 12), Math.round((1024 * 16) / 21)]).toEqual([2901, 780]); // "about 2,900" and "about 780"
    expect(lesson).toContain("| GPT-4o (`o200k_base`) | 12 | 14 |");
    expect(exercise("o200k-predict")).toContain("**14 tokens**, against 21 for cl100k and 24 for GPT-2 (the English sentence is 12 in all three)");
    expect(answer("ja-context-chars")).toBe(Math.round((1024 * 16) / 21));
    expect(enc.o200k.encode("名前")).toHaveLength(1); // "ids for whole Japanese words such as 猫 and 名前"
  });
  it("猫 is [163, 234, 104] in GPT-2 and [48091] in o200k; world with a space is 995 in GPT-2", async () => {
    expect(enc.gpt2.encode("猫")).toEqual([163, 234, 104]);
    expect(enc.o200k.encode("猫")).toEqual([48091]);
    expect(enc.gpt2.encode(" world")).toEqual([995]);
    expect((await loadTiktoken("gpt2")).encode("hello world")).toEqual([31373, 995]);
  });
  it("special tokens: <|endoftext|> is 50256 in GPT-2 (fits uint16) and 100257 in cl100k (does not); |V| = 256 + 50,000 + 1", () => {
    expect(enc.gpt2.encode("<|endoftext|>", "all")).toEqual([50256]);
    expect(enc.cl100k.encode("<|endoftext|>", "all")).toEqual([100257]);
    expect(256 + 50_000 + 1).toBe(50_257);
    expect([50256 <= 65535, 100257 <= 65535]).toEqual([true, false]);
    expect(answer("gpt2-largest-id")).toBe(enc.gpt2.encode("<|endoftext|>", "all")[0]);
    // ordinary encoding never produces the special token (tiktoken's encode_ordinary)
    expect(enc.gpt2.encode("<|endoftext|>", [], [])).not.toContain(50256);
    // the lesson's claim: a plain encode() refuses the special token's text (disallowed_special="all")
    expect(() => enc.gpt2.encode("<|endoftext|>")).toThrow(/endoftext|special/i);
    expect(lesson).toContain("**refuses** by default");
  });
  it("GPT-2 small's embedding table: 50,257 × 768 ≈ 38.6 million numbers", () => {
    expect(((50_257 * 768) / 1e6).toFixed(1)).toBe("38.6");
  });
});

describe("pre-tokenization with GPT-4's pattern", () => {
  it("splits the lesson's examples as shown", () => {
    expect(splitText("Hello world!!!? (how")).toEqual(["Hello", " world", "!!!?", " (", "how"]);
    expect(splitText("12345")).toEqual(["123", "45"]);
    // 。 is no letter, so it rides in front of the next run of letters, as a space does in English
    expect(splitText("吾輩は猫である。名前はまだ無い。")).toEqual(["吾輩は猫である", "。名前はまだ無い", "。"]);
    expect(lesson).toContain('"吾輩は猫である" | "。名前はまだ無い" | "。"');
    expect(lesson).toContain('"Hello" | " world" | "!!!?" | " (" | "how"');
  });
});
