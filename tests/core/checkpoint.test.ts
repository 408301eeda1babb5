import { describe, expect, it } from "vitest";
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from "../../src/core/checkpoint";
import { readSafetensors, writeSafetensors } from "../../src/core/safetensors";
import { fromNanoGPTArgs } from "../../src/core/config";
import { golden, toRecord } from "./golden";
import { Random } from "../../src/core/random";

/** A .safetensors file built by hand: header {"a": F32 (2,), "__metadata__": {"k": "v"}}, values [1.5, -2]. */
function handMade(): Uint8Array {
  const json = '{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
  const head = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + head.length + 8);
  bytes[0] = head.length; // little-endian u64, small enough for one byte
  bytes.set(head, 8);
  // 1.5 = 0x3FC00000, -2 = 0xC0000000, little-endian
  bytes.set([0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0], 8 + head.length);
  return bytes;
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe("safetensors", () => {
  it("reads a file built byte by byte", () => {
    const { tensors, metadata } = readSafetensors(handMade());
    expect(metadata).toEqual({ k: "v" });
    expect(tensors.a.shape).toEqual([2]);
    expect(Array.from(tensors.a.values)).toEqual([1.5, -2]);
  });

  it("round-trips bit for bit, -0, denormals and extremes included, with an 8-byte aligned header", () => {
    const odd = Float32Array.from([-0, 1e-45, 3.4028234663852886e38, -1.1754942e-38, Math.PI]);
    const bytes = writeSafetensors({ z: { shape: [5], values: odd }, a: { shape: [1, 2], values: Float32Array.from([1, 2]) } }, { note: "日本語" });
    const len = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + len) % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(bits(back.tensors.z.values)).toEqual(bits(odd));
    expect(back.metadata.note).toBe("日本語");
    expect(Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))))).toEqual(["__metadata__", "a", "z"]);
  });

  it.each([
    ["too short", (b: Uint8Array) => b.subarray(0, 5), "truncated", "The file has 5 bytes"],
    ["cut in the header", (b: Uint8Array) => b.subarray(0, 30), "truncated", "The header says"],
    ["cut in the data", (b: Uint8Array) => b.subarray(0, b.length - 3), "truncated", 'Tensor "a" ends at byte 8 of the data, but the file holds only 5'],
  ] as const)("%s → CheckpointError %s", (_, cut, code, message) => {
    const err = (() => {
      try {
        readSafetensors(cut(handMade()));
      } catch (e) {
        return e as CheckpointError;
      }
    })();
    expect(err).toBeInstanceOf(CheckpointError);
    expect(err!.code).toBe(code);
    expect(err!.message).toContain(message);
  });

  it("names bad JSON, offsets and dtypes", () => {
    const b = handMade();
    const corrupt = b.slice();
    corrupt[9] = 0x7b; // '{' → '{{'
    expect(() => readSafetensors(corrupt)).toThrow(/The header is not valid JSON/);
    const edit = (from: string, to: string) => {
      const json = new TextDecoder().decode(b.subarray(8, 8 + b[0])).replace(from, to);
      const head = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + head.length + 8);
      out[0] = head.length;
      out.set(head, 8);
      out.set(b.subarray(8 + b[0]), 8 + head.length);
      return out;
    };
    expect(() => readSafetensors(edit('"F32"', '"I8" '))).toThrow('Tensor "a" has dtype I8; GPT Dojo reads F32, F16, BF16 and F64.');
    expect(() => readSafetensors(edit("[0,8]", "[0,4]"))).toThrow('Tensor "a" spans 4 bytes, but F32 shape (2) needs 8.');
  });
});

describe("checkpoints", () => {
  const tiny = golden().tiny;
  const config = fromNanoGPTArgs(tiny.config);
  const tensors = toRecord(tiny.params);

  it("round-trip the golden model bit for bit, with config, tokenizer, step and optimizer state", () => {
    const rng = new Random(1);
    const moments = Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, { shape: t.shape, values: rng.normalArray(t.values.length) }]));
    const bytes = encodeCheckpoint({ config, tensors, tokenizer: { kind: "char", chars: ["a", "b"] }, step: 42, trainConfig: { batchSize: 2 }, optimizer: { step: 42, m: moments, v: moments } });
    const meta = readSafetensors(bytes).metadata;
    expect(JSON.parse(meta.config)).toEqual({ n_layer: 2, n_head: 2, n_embd: 16, block_size: 8, bias: true, vocab_size: 11, dropout: 0 });
    const back = decodeCheckpoint(bytes);
    expect(back.config).toEqual(config);
    expect(Object.keys(back.tensors)).toEqual(tiny.param_names_in_order);
    for (const [n, t] of Object.entries(tensors)) expect(bits(back.tensors[n].values), n).toEqual(bits(t.values));
    expect(back.tokenizer).toEqual({ kind: "char", chars: ["a", "b"] });
    expect(back.step).toBe(42);
    expect(back.optimizer!.step).toBe(42);
    expect(bits(back.optimizer!.v["transformer.wte.weight"].values)).toEqual(bits(moments["transformer.wte.weight"].values));
  });

  it("accept a nanoGPT export: _orig_mod. prefix, tied lm_head.weight and attn.bias buffers", () => {
    const exported: typeof tensors = {};
    for (const [n, t] of Object.entries(tensors)) exported[`_orig_mod.${n}`] = t;
    exported["_orig_mod.lm_head.weight"] = tensors["transformer.wte.weight"];
    exported["_orig_mod.transformer.h.0.attn.bias"] = { shape: [1, 1, 8, 8], values: new Float32Array(64) };
    const bytes = writeSafetensors(exported, { config: JSON.stringify(tiny.config) });
    expect(Object.keys(decodeCheckpoint(bytes).tensors)).toEqual(tiny.param_names_in_order);
  });

  it("explain a missing config, missing and mis-shaped tensors", () => {
    expect(() => decodeCheckpoint(writeSafetensors(tensors))).toThrow(/has no __metadata__.config/);
    const { ["transformer.ln_f.bias"]: _gone, ...rest } = tensors;
    expect(() => decodeCheckpoint(writeSafetensors(rest, { config: JSON.stringify(tiny.config) }))).toThrow("Missing: transformer.ln_f.bias.");
    const wrong = { ...tensors, "transformer.wpe.weight": { shape: [4, 16], values: new Float32Array(64) } };
    expect(() => decodeCheckpoint(writeSafetensors(wrong, { config: JSON.stringify(tiny.config) }))).toThrow("Wrong shape: transformer.wpe.weight is (4, 16), expected (8, 16).");
    const bigger = JSON.stringify({ ...tiny.config, n_layer: 3 });
    expect(() => decodeCheckpoint(writeSafetensors(tensors, { config: bigger }))).toThrow(/Missing: transformer\.h\.2\.ln_1\.weight/);
  });
});

describe("saveCheckpoint / loadCheckpoint (the public API)", () => {
  it("gives back a model with the same config and bit-identical weights, and the metadata", async () => {
    const tf = await import("@tensorflow/tfjs");
    await tf.setBackend("cpu");
    const { saveCheckpoint, loadCheckpoint, modelFromTensors, disposeModel } = await import("../../src/core");
    const tiny = golden().tiny;
    const model = modelFromTensors(fromNanoGPTArgs(tiny.config), toRecord(tiny.params));
    const bytes = await saveCheckpoint(model, { tokenizer: { kind: "gpt2" }, step: 7 });
    const again = await loadCheckpoint(bytes);
    expect(again.config).toEqual(model.config);
    expect(again.meta).toEqual({ tokenizer: { kind: "gpt2" }, step: 7 });
    for (const [n, v] of Object.entries(model.params)) expect(bits(again.params[n].dataSync() as Float32Array), n).toEqual(bits(v.dataSync() as Float32Array));
    disposeModel(model);
    disposeModel(again);
  });
});
