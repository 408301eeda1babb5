import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkFileSize, checkTextForTraining, decodeText, MAX_TEXT_BYTES, utf16Order } from "../../src/lab/textInput";
import { formatBytes, numParamsFor, trainingBytesFor } from "../../src/lab/modelSize";

describe("decodeText", () => {
  it("decodes UTF-8, Japanese included: あ is 3 bytes", () => {
    const bytes = new Uint8Array([0xe3, 0x81, 0x82, 0x0a]);
    expect(decodeText("a.txt", bytes)).toBe("あ\n");
  });
  it("names a binary file and says what to do", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(() => decodeText("cat.png", png)).toThrow('"cat.png" looks like a binary file (it contains NUL bytes), not text. Save it as plain text (.txt, UTF-8) and try again.');
  });
  it("rejects Shift_JIS with a hint to re-save as UTF-8", () => {
    const sjis = new Uint8Array([0x82, 0xa0, 0x82, 0xa2]); // "あい" in Shift_JIS
    expect(() => decodeText("neko.txt", sjis)).toThrow(/"neko\.txt" is not valid UTF-8 text\. If it is Japanese in Shift_JIS/);
  });
  it("rejects empty and oversized files before reading them", () => {
    expect(() => checkFileSize("e.txt", 0)).toThrow('"e.txt" is empty.');
    expect(() => checkFileSize("big.txt", MAX_TEXT_BYTES + 1)).toThrow('"big.txt" is 50.0 MB; the lab takes text files up to 50.0 MB.');
  });
  it("explains a text too short for one training window", () => {
    expect(() => checkTextForTraining("hello", 5, 32)).toThrow("The text is 5 tokens long, but training needs at least blockSize + 1 = 33. Add more text or lower blockSize.");
    expect(() => checkTextForTraining("  \n", 3, 2)).toThrow("The text is empty.");
    expect(() => checkTextForTraining("hello world", 11, 8)).not.toThrow();
  });
});

describe("model size", () => {
  const golden = JSON.parse(readFileSync(join(__dirname, "../fixtures/gpt-tiny.json"), "utf8"));
  const cfg = (c: Record<string, number | boolean>) => ({
    vocabSize: c.vocab_size as number, blockSize: c.block_size as number, nLayer: c.n_layer as number,
    nHead: c.n_head as number, nEmbd: c.n_embd as number, bias: c.bias as boolean,
  });
  it("counts parameters as nanoGPT does (golden num_params)", () => {
    expect(numParamsFor(cfg(golden.tiny.config))).toBe(golden.tiny.num_params); // 6896
    expect(numParamsFor(cfg(golden.nobias_4head.config))).toBe(golden.nobias_4head.num_params); // 6528
  });
  it("gives GPT-2 small its well-known 124,439,808 parameters", () => {
    // GPT-2 small: 50257 vocab, 1024 context, 12 layers, 12 heads, 768 wide, with biases; tied lm_head.
    expect(numParamsFor({ vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768, bias: true })).toBe(124_439_808);
  });
  it("estimates memory from a hand-worked case", () => {
    const c = { vocabSize: 10, blockSize: 4, nLayer: 1, nHead: 1, nEmbd: 2, bias: false };
    // params: wte 10*2 + wpe 4*2 + layer (ln_1 2 + c_attn 12 + c_proj 4 + ln_2 2 + c_fc 16 + c_proj 16) + ln_f 2 = 82
    expect(numParamsFor(c)).toBe(82);
    // activations: (1 * (2*4*2*34 + 2*1*16*5) + 3*2*4*10) * 4 = (544 + 160 + 240) * 4
    expect(trainingBytesFor(c, 2)).toEqual({ params: 82 * 16, activations: 3776, total: 1312 + 3776 });
    expect(formatBytes(5088)).toBe("5.0 KB");
    expect(formatBytes(3.5 * 1024 * 1024)).toBe("3.5 MB");
  });
});

describe("UTF-16 text (issue 11, item 9)", () => {
  it("decodes UTF-16 with a byte order mark, little- and big-endian", () => {
    expect(decodeText("le.txt", new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00, 0x42, 0x30]))).toBe("hiあ"); // あ is U+3042
    expect(decodeText("be.txt", new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]))).toBe("hi");
  });
  it("recognises UTF-16 without a mark by its NUL high bytes, instead of calling it binary", () => {
    expect(utf16Order(new Uint8Array([0x61, 0, 0x62, 0, 0x0a, 0]))).toBe("utf-16le");
    expect(decodeText("nobom.txt", new Uint8Array([0x61, 0, 0x62, 0, 0x0a, 0]))).toBe("ab\n");
    expect(utf16Order(new TextEncoder().encode("plain ascii"))).toBeNull();
  });
  it("still calls a PNG binary", () => {
    expect(utf16Order(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toBeNull();
  });
});
