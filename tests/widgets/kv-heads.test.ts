import { describe, expect, it } from "vitest";
import { attentionKind, divisors, formatBytes, KV_PRESETS, kvCacheBytes, kvConfigError, kvHeadOf } from "../../src/widgets/kv-heads/kv";

describe("KV-cache bytes = 2 · L · T · n_kv · d_head · bytes · B", () => {
  it("the curriculum's example (rasbt's memory_estimator_gqa.py): d_model 4096, 32 heads, 32 layers, 32,768 tokens, bf16 → 17.18 GB MHA, 4.29 GB with 8 KV heads", () => {
    const mha = kvCacheBytes(KV_PRESETS.llama);
    expect(mha).toBe(2 * 32 * 32768 * 32 * 128 * 2);
    expect(mha).toBe(17_179_869_184); // exactly 16 GiB
    expect(formatBytes(mha)).toBe("17.18 GB");
    const gqa = kvCacheBytes({ ...KV_PRESETS.llama, nKv: 8 });
    expect(formatBytes(gqa)).toBe("4.29 GB");
    expect(mha / gqa).toBe(4); // g = 32 / 8
    expect(formatBytes(kvCacheBytes({ ...KV_PRESETS.llama, nKv: 1 }))).toBe("536.87 MB"); // MQA: 1/32
  });
  it("GPT-2 small at 1,024 tokens in fp16 is 37.7 MB (12 layers, 12 heads of 64)", () => {
    expect(kvCacheBytes(KV_PRESETS.gpt2)).toBe(2 * 12 * 1024 * 12 * 64 * 2);
    expect(kvCacheBytes(KV_PRESETS.gpt2)).toBe(37_748_736);
    expect(formatBytes(kvCacheBytes(KV_PRESETS.gpt2))).toBe("37.75 MB");
  });
  it("our pretrained model (3 layers, 4 heads of 16, 64 tokens, fp32) caches 98,304 bytes; a batch of 8 is 8× that", () => {
    expect(kvCacheBytes(KV_PRESETS.ours)).toBe(2 * 3 * 64 * 4 * 16 * 4);
    expect(formatBytes(kvCacheBytes(KV_PRESETS.ours))).toBe("98.30 kB");
    expect(kvCacheBytes({ ...KV_PRESETS.ours, batch: 8 })).toBe(8 * 98_304);
  });
  it("bad configurations are refused with the values named", () => {
    expect(kvConfigError({ ...KV_PRESETS.llama, nKv: 5 })).toBe("the 32 query heads must split evenly into 5 KV heads (n_kv must divide n_h; try 32, 16, 8, 4, 2, 1).");
    expect(kvConfigError({ ...KV_PRESETS.llama, dModel: 4000, nHead: 48, nKv: 48 })).toBe("d_model 4000 must be divisible by the number of heads 48 (d_head = d_model / n_h).");
    expect(kvConfigError({ ...KV_PRESETS.llama, tokens: 0 })).toBe("context must be a whole number ≥ 1, got 0.");
    expect(() => kvCacheBytes({ ...KV_PRESETS.llama, batch: 1.5 })).toThrow("batch must be a whole number ≥ 1, got 1.5.");
  });
});

describe("head sharing", () => {
  it("divisors, largest first: 12 → [12, 6, 4, 3, 2, 1]; 32 → [32, 16, 8, 4, 2, 1]", () => {
    expect(divisors(12)).toEqual([12, 6, 4, 3, 2, 1]);
    expect(divisors(32)).toEqual([32, 16, 8, 4, 2, 1]);
  });
  it("with 8 query heads and 2 KV heads (g = 4), heads 0–3 read K/V 0 and heads 4–7 read K/V 1", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((q) => kvHeadOf(q, 8, 2))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect([0, 1, 2, 3].map((q) => kvHeadOf(q, 4, 4))).toEqual([0, 1, 2, 3]);
    expect([0, 5, 31].map((q) => kvHeadOf(q, 32, 1))).toEqual([0, 0, 0]);
  });
  it("names the arrangement", () => {
    expect([attentionKind(32, 32), attentionKind(32, 8), attentionKind(32, 1)]).toEqual(["MHA", "GQA", "MQA"]);
  });
});
