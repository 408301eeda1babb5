import { describe, expect, it } from "vitest";
import { CharTokenizer } from "../../src/core/tokenizers";
import { BUILTIN_CHAR_VOCAB, charVocabSize, embeddingCost, numParamsFor, vocabFor } from "../../src/lab/modelSize";
import { firstNames, mobyDick } from "../../scripts/corpora";

// the projector preset's shape (2 layers, 4 heads, 64 wide, block 32, biases) at vocabulary V:
// wte V·64 + wpe 32·64 = 2,048 + 2 layers × 49,984 + ln_f 128 = 102,144 + 64·V
const projector = (vocabSize: number) => numParamsFor({ vocabSize, blockSize: 32, nLayer: 2, nHead: 4, nEmbd: 64, bias: true });

describe("the size readout's vocabulary comes from the real tokenizer", () => {
  it("Moby-Dick has 83 characters (52 letters, 10 digits, space, newline, 19 marks), not 80", () => {
    const tok = CharTokenizer.fromText(mobyDick());
    expect(tok.vocabSize).toBe(83);
    expect(BUILTIN_CHAR_VOCAB["moby-dick"]).toBe(83);
    expect(vocabFor({ tokenizer: "char", corpus: "moby-dick", bpeVocab: 512 })).toEqual({ size: 83, upTo: false });
    expect(projector(83)).toBe(107_456); // 102,144 + 64·83 = 102,144 + 5,312
  });
  it("first names have 28: a–z, the hyphen and the newline", () => {
    expect(CharTokenizer.fromText(firstNames()).vocabSize).toBe(28);
    expect(vocabFor({ tokenizer: "char", corpus: "first-names", bpeVocab: 512 })?.size).toBe(28);
  });
  it("a pasted text with 72 distinct characters gives the 106,752 parameters the worker builds, not 107,264", () => {
    const text = Array.from({ length: 72 }, (_, i) => String.fromCharCode(33 + i)).join("").repeat(3); // "!" … "h"
    const v = vocabFor({ tokenizer: "char", corpus: "own", bpeVocab: 512 }, text);
    expect(v).toEqual({ size: 72, upTo: false });
    expect(v!.size).toBe(CharTokenizer.fromText(text).vocabSize);
    expect(projector(v!.size)).toBe(106_752); // 102,144 + 64·72 = 102,144 + 4,608
    expect(projector(80)).toBe(107_264); // the old guess of 80
  });
  it("counts code points as CharTokenizer does: an emoji is one character", () => {
    expect(charVocabSize("banana")).toBe(3);
    expect(charVocabSize("🙂a🙂")).toBe(2);
    expect(CharTokenizer.fromText("🙂a🙂").vocabSize).toBe(2);
  });
  it("no own text yet: no number rather than a guess; BPE is a ceiling; GPT-2 is 50,257", () => {
    expect(vocabFor({ tokenizer: "char", corpus: "own", bpeVocab: 512 }, "")).toBeNull();
    expect(vocabFor({ tokenizer: "bpe", corpus: "moby-dick", bpeVocab: 512 })).toEqual({ size: 512, upTo: true });
    expect(vocabFor({ tokenizer: "gpt2", corpus: "own", bpeVocab: 512 }, "hi")).toEqual({ size: 50257, upTo: false });
  });
});

describe("a large character vocabulary (the course's Japanese text)", () => {
  it("is counted from the downloaded text, never guessed: null before it arrives", () => {
    const choice = { tokenizer: "char", corpus: "course-ja", bpeVocab: 512 } as const;
    expect(vocabFor(choice)).toBeNull();
    expect(vocabFor(choice, "あいうあ\n")).toEqual({ size: 4, upTo: false });
  });
  it("embeddingCost: V 2,000 × C 64 = 128,000 parameters, 4 float32 copies = 2,048,000 bytes, and its share of the model", () => {
    const c = { vocabSize: 2000, blockSize: 32, nLayer: 2, nHead: 4, nEmbd: 64, bias: true };
    const cost = embeddingCost(c);
    expect(cost.params).toBe(128_000);
    expect(cost.bytes).toBe(2_048_000);
    expect(cost.share).toBeCloseTo(128_000 / projector(2000), 12); // projector(2000) = 102,144 + 128,000 = 230,144
    expect(projector(2000)).toBe(230_144);
  });
});
