import { describe, expect, it } from "vitest";
import { CheckpointError, checkpointTensorNames, decodeCheckpoint, encodeCheckpoint, type CheckpointData } from "../../src/core/checkpoint";
import { readSafetensors, writeSafetensors, type NamedTensors } from "../../src/core/safetensors";
import { fromNanoGPTArgs } from "../../src/core/config";
import { Random } from "../../src/core/random";
import { golden, toRecord } from "./golden";

// ---------------------------------------------------------------------------------------------------------
// helpers: files built byte by byte, independently of writeSafetensors

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A .safetensors file from its parts: the header length as a u64 little-endian, the header text, the data. */
function file(header: string, data: ArrayLike<number>, headerLength?: number): Uint8Array {
  const head = utf8(header);
  const out = new Uint8Array(8 + head.length + data.length);
  let n = headerLength ?? head.length;
  for (let i = 0; i < 8; i++, n = Math.floor(n / 256)) out[i] = n % 256;
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

// float32 little-endian: 1.5 = 0x3fc00000, -2 = 0xc0000000, 0.25 = 0x3e800000, 3 = 0x40400000
const F32_BYTES = [0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x80, 0x3e, 0x00, 0x00, 0x40, 0x40];
const entry = (dtype: string, shape: number[], begin: number, end: number) => `{"dtype":"${dtype}","shape":${JSON.stringify(shape)},"data_offsets":[${begin},${end}]}`;
const HEADER = `{"__metadata__":{"k":"v"},"a":${entry("F32", [2], 0, 8)},"b":${entry("F32", [1, 2], 8, 16)}}`;
/** "a" = [1.5, -2] (2,), "b" = [[0.25, 3]] (1, 2), metadata {k: "v"}. */
const handMade = () => file(HEADER, F32_BYTES);

/** The header with one substring replaced, the data unchanged. */
const edited = (from: string, to: string, data: ArrayLike<number> = F32_BYTES) => {
  if (!HEADER.includes(from)) throw new Error(`test bug: "${from}" is not in the header`);
  return file(HEADER.replace(from, to), data);
};

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** Runs f on a copy of bytes, expecting a CheckpointError, and checks that the bytes were not modified. */
function errorFrom(f: (b: Uint8Array) => unknown, bytes: Uint8Array): CheckpointError {
  const before = bytes.slice();
  let caught: unknown;
  try {
    f(bytes);
  } catch (e) {
    caught = e;
  }
  expect(Array.from(bytes)).toEqual(Array.from(before));
  expect(caught).toBeInstanceOf(CheckpointError);
  return caught as CheckpointError;
}

// ---------------------------------------------------------------------------------------------------------

describe("readSafetensors", () => {
  it("reads a file built byte by byte", () => {
    const { tensors, metadata, dtypes } = readSafetensors(handMade());
    expect(metadata).toEqual({ k: "v" });
    expect(tensors.a.shape).toEqual([2]);
    expect(Array.from(tensors.a.values)).toEqual([1.5, -2]);
    expect(tensors.b.shape).toEqual([1, 2]);
    expect(Array.from(tensors.b.values)).toEqual([0.25, 3]);
    expect(dtypes).toEqual({ a: "F32", b: "F32" });
  });

  it("accepts a header padded with spaces, and a view into a larger buffer", () => {
    const padded = file(HEADER + "       ", F32_BYTES);
    expect(Array.from(readSafetensors(padded).tensors.b.values)).toEqual([0.25, 3]);
    const big = new Uint8Array(padded.length + 3);
    big.set(padded, 3); // the file starts at an odd offset
    expect(Array.from(readSafetensors(big.subarray(3)).tensors.a.values)).toEqual([1.5, -2]);
  });

  it("converts F16, BF16, F64, I32 and I64 to float32 (hand-encoded values)", () => {
    const header =
      `{"h":${entry("F16", [5], 0, 10)},"g":${entry("BF16", [2], 10, 14)},"d":${entry("F64", [1], 14, 22)},` +
      `"i":${entry("I32", [1], 22, 26)},"l":${entry("I64", [1], 26, 34)}}`;
    const data = new Uint8Array(34);
    const dv = new DataView(data.buffer);
    // F16: 0x3c00 = 1, 0xc000 = -2, 0x7bff = 65504 (the largest half), 0x0001 = 2^-24 (the smallest subnormal), 0x8000 = -0
    [0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000].forEach((h, i) => dv.setUint16(2 * i, h, true));
    // BF16: 0x3fc0 = 1.5, 0xc049 = -3.140625 (the top half of float32 0xc0490000)
    [0x3fc0, 0xc049].forEach((h, i) => dv.setUint16(10 + 2 * i, h, true));
    dv.setFloat64(14, 1 / 3, true);
    dv.setInt32(22, -7, true);
    dv.setBigInt64(26, 123456789n, true);
    const { tensors, dtypes } = readSafetensors(file(header, data));
    expect(Array.from(tensors.h.values)).toEqual([1, -2, 65504, 2 ** -24, -0]);
    expect(Object.is(tensors.h.values[4], -0)).toBe(true);
    expect(Array.from(tensors.g.values)).toEqual([1.5, -3.140625]);
    expect(tensors.d.values[0]).toBe(Math.fround(1 / 3));
    expect(tensors.i.values[0]).toBe(-7);
    expect(tensors.l.values[0]).toBe(Math.fround(123456789)); // 123456792: float32 keeps 24 bits
    expect(dtypes).toEqual({ h: "F16", g: "BF16", d: "F64", i: "I32", l: "I64" });
  });

  // every corruption throws a CheckpointError with its code and a message naming the values; the bytes are untouched
  it.each<[string, string, string, () => Uint8Array]>([
    ["empty", "truncated", "The file has 0 bytes", () => new Uint8Array(0)],
    ["cut inside the length", "truncated", "The file has 5 bytes, but a .safetensors file starts with an 8-byte header length", () => handMade().subarray(0, 5)],
    ["cut inside the header", "truncated", `The header says ${utf8(HEADER).length} bytes but the file has only 22 after the length: the file is truncated; download it again.`, () => handMade().subarray(0, 30)],
    ["cut after the header", "truncated", 'Tensor "a" ends at byte 8 of the data, but the file holds only 0', () => handMade().subarray(0, 8 + utf8(HEADER).length)],
    ["cut inside the data", "truncated", 'Tensor "b" ends at byte 16 of the data, but the file holds only 13', () => handMade().subarray(0, handMade().length - 3)],
    ["header length absurd", "not-safetensors", "header length of 1099511627776 bytes, more than the 100 MB", () => file(HEADER, F32_BYTES, 2 ** 40)],
    ["a PyTorch zip", "not-safetensors", "A PyTorch .pt/.ckpt file is a zip archive", () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3])],
    ["bad JSON", "header", "header is not valid UTF-8 JSON", () => edited('{"__metadata__"', '{{"__metadata__"')],
    ["invalid UTF-8", "header", "not valid UTF-8 JSON", () => handMade().map((x, i) => (i === 8 + HEADER.indexOf('"v"') + 1 ? 0xff : x))],
    ["header an array", "header", "The header must be a JSON object", () => file("[1,2]   ", F32_BYTES)],
    ["metadata not strings", "header", "__metadata__.k must be a string, got 1.", () => edited('{"k":"v"}', '{"k":1.0}')],
    ["no dtype", "header", 'Tensor "a" has no dtype string in the header', () => edited('"dtype":"F32","shape":[2]', '"shape":[2]')],
    ["bad shape", "header", 'Tensor "a" has shape [-2]', () => edited('"shape":[2]', '"shape":[-2]')],
    ["unsupported dtype", "dtype", 'Tensor "a" has dtype I8; GPT Dojo reads F32, F16, BF16, F64, I32 and I64.', () => edited('"dtype":"F32","shape":[2]', '"dtype":"I8","shape":[8]')],
    ["unknown dtype", "dtype", 'Tensor "a" has dtype Q4', () => edited('"dtype":"F32","shape":[2]', '"dtype":"Q4","shape":[2]')],
    ["offsets not [begin, end]", "offsets", 'Tensor "a" has data_offsets [0]', () => edited('"data_offsets":[0,8]', '"data_offsets":[0]')],
    ["offsets reversed", "offsets", "the end is before the begin", () => edited('"data_offsets":[0,8]', '"data_offsets":[8,0]')],
    ["size ≠ shape × dtype", "offsets", 'Tensor "a" spans 4 bytes, but F32 shape (2) needs 8.', () => edited('"data_offsets":[0,8]', '"data_offsets":[0,4]')],
    ["overlapping", "offsets", 'Tensors "a" and "b" overlap in the data buffer (bytes 4 to 8)', () => edited('"data_offsets":[8,16]', '"data_offsets":[4,12]')],
    ["a gap", "offsets", 'no tensor covers bytes 8 to 12 (before "b")', () => edited('"data_offsets":[8,16]', '"data_offsets":[12,20]', [...F32_BYTES, 0, 0, 0, 0])],
    ["out of range", "offsets", "no tensor covers bytes 8 to 16", () => edited('"data_offsets":[8,16]', '"data_offsets":[16,24]', [...F32_BYTES, 0, 0, 0, 0])],
    ["bytes after the data", "offsets", "The file has 2 bytes after the last tensor's data", () => file(HEADER, [...F32_BYTES, 1, 2])],
  ])("%s → %s", (_, code, message, make) => {
    const err = errorFrom(readSafetensors, make());
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
  });
});

describe("writeSafetensors", () => {
  it("writes exactly the bytes built by hand: sorted names, __metadata__ first, header padded to 8 bytes", () => {
    const bytes = writeSafetensors({ b: { shape: [1, 2], values: Float32Array.from([0.25, 3]) }, a: { shape: [2], values: Float32Array.from([1.5, -2]) } }, { k: "v" });
    const padding = " ".repeat((8 - (utf8(HEADER).length % 8)) % 8);
    expect(Array.from(bytes)).toEqual(Array.from(file(HEADER + padding, F32_BYTES)));
    expect((8 + utf8(HEADER + padding).length) % 8).toBe(0);
  });

  it("orders names by code point, integer-like names included, and gives the same bytes every time", () => {
    const t = (x: number) => ({ shape: [1], values: Float32Array.from([x]) });
    const input = { b: t(1), "9": t(2), a: t(3), "10": t(4), "é": t(5) };
    const bytes = writeSafetensors(input, {});
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd();
    expect([...header.matchAll(/"([^"]+)":\{"dtype"/g)].map((m) => m[1])).toEqual(["10", "9", "a", "b", "é"]);
    expect(header).not.toContain("__metadata__"); // no metadata, no entry, as the Python library writes it
    expect(Array.from(writeSafetensors(input, {}))).toEqual(Array.from(bytes));
  });

  it("round-trips bit for bit: -0, subnormals, extremes, infinities and a NaN payload", () => {
    const odd = Float32Array.from([-0, 1e-45, -1.1754942e-38, 3.4028234663852886e38, -Infinity, Infinity, Math.PI, 0]);
    new Uint32Array(odd.buffer)[7] = 0x7fc00001; // a NaN with a payload
    const rng = new Random(9);
    const big = rng.normalArray(1000, 0, 1e3);
    const back = readSafetensors(writeSafetensors({ odd: { shape: [2, 4], values: odd }, big: { shape: [10, 10, 10], values: big }, empty: { shape: [0, 3], values: new Float32Array(0) } }, { note: "日本語 ✓" }));
    expect(bits(back.tensors.odd.values)).toEqual(bits(odd));
    expect(bits(back.tensors.big.values)).toEqual(bits(big));
    expect(back.tensors.empty.shape).toEqual([0, 3]);
    expect(back.metadata).toEqual({ note: "日本語 ✓" });
  });

  it("refuses inconsistent input, naming it", () => {
    expect(() => writeSafetensors({ a: { shape: [3], values: new Float32Array(2) } })).toThrow('Tensor "a" has 2 values, but shape (3) needs 3.');
    expect(() => writeSafetensors({ a: { shape: [2], values: [1, 2] as unknown as Float32Array } })).toThrow('Tensor "a" must hold a Float32Array');
    expect(() => writeSafetensors({}, { n: 1 as unknown as string })).toThrow('Metadata "n" must be a string, got number.');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("checkpoints", () => {
  const tiny = golden().tiny;
  const config = fromNanoGPTArgs(tiny.config);
  const tensors = toRecord(tiny.params);
  const configJSON = JSON.stringify(tiny.config);
  /** A nanoGPT-style file from a tensor record, written by writeSafetensors with the golden config. */
  const exported = (t: NamedTensors, metadata: Record<string, string> = { config: configJSON }) => writeSafetensors(t, metadata);
  const code = (bytes: Uint8Array) => errorFrom(decodeCheckpoint, bytes);

  it.each(["tiny", "nobias_4head"] as const)("checkpointTensorNames matches the golden %s model's names and shapes, in order", (name) => {
    const c = golden()[name];
    const expected = checkpointTensorNames(fromNanoGPTArgs(c.config));
    expect(Object.keys(expected)).toEqual(c.param_names_in_order);
    for (const n of c.param_names_in_order) expect(expected[n], n).toEqual(c.params[n].shape);
    expect(Object.values(expected).reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0)).toBe(c.num_params);
  });

  it.each(["tiny", "nobias_4head"] as const)("round-trips the golden %s params bit for bit", (name) => {
    const c = golden()[name];
    const params = toRecord(c.params);
    const back = decodeCheckpoint(encodeCheckpoint({ config: fromNanoGPTArgs(c.config), tensors: params }));
    expect(back.config).toEqual(fromNanoGPTArgs(c.config));
    expect(Object.keys(back.tensors)).toEqual(c.param_names_in_order);
    for (const n of c.param_names_in_order) {
      expect(back.tensors[n].shape, n).toEqual(c.params[n].shape);
      expect(bits(back.tensors[n].values), n).toEqual(bits(params[n].values));
    }
  });

  it("stores nanoGPT's model_args verbatim, in nanoGPT's key order, and the other metadata as JSON", () => {
    const bytes = encodeCheckpoint({ config, tensors, tokenizer: { kind: "char", chars: ["a", "b"] }, trainConfig: { batchSize: 2 }, step: 42, runCard: { backend: "cpu" } });
    const { metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({
      config: '{"n_layer":2,"n_head":2,"n_embd":16,"block_size":8,"bias":true,"vocab_size":11,"dropout":0}',
      tokenizer: '{"kind":"char","chars":["a","b"]}',
      train_config: '{"batchSize":2}',
      step: "42",
      run_card: '{"backend":"cpu"}',
    });
    const back = decodeCheckpoint(bytes);
    expect(back).toMatchObject({ config, tokenizer: { kind: "char", chars: ["a", "b"] }, trainConfig: { batchSize: 2 }, step: 42, runCard: { backend: "cpu" } });
    expect(back.optimizer).toBeUndefined();
  });

  it("round-trips random values (-0 and subnormals included) and AdamW's moments bit for bit", () => {
    const rng = new Random(3);
    const special = [-0, 1e-45, -3e-39, 1.1754942e-38];
    const randomLike = (t: NamedTensors) =>
      Object.fromEntries(Object.entries(t).map(([n, x]) => [n, { shape: x.shape, values: Float32Array.from(rng.normalArray(x.values.length), (v, i) => (i < special.length ? special[i] : v)) }]));
    const data: CheckpointData = { config, tensors: randomLike(tensors), optimizer: { step: 7, m: randomLike(tensors), v: randomLike(tensors) } };
    const bytes = encodeCheckpoint(data);
    expect(readSafetensors(bytes).metadata.optimizer_step).toBe("7");
    expect(Object.keys(readSafetensors(bytes).tensors)).toContain("optimizer.exp_avg_sq.transformer.h.1.mlp.c_fc.bias");
    const back = decodeCheckpoint(bytes);
    expect(back.optimizer!.step).toBe(7);
    for (const n of tiny.param_names_in_order) {
      expect(bits(back.tensors[n].values), n).toEqual(bits(data.tensors[n].values));
      expect(bits(back.optimizer!.m[n].values), `m ${n}`).toEqual(bits(data.optimizer!.m[n].values));
      expect(bits(back.optimizer!.v[n].values), `v ${n}`).toEqual(bits(data.optimizer!.v[n].values));
    }
    expect(Object.is(back.tensors["transformer.wte.weight"].values[0], -0)).toBe(true);
  });

  it("accepts a nanoGPT export: _orig_mod. prefixes, a tied lm_head.weight, attn.bias mask buffers", () => {
    const t: NamedTensors = {};
    for (const [n, x] of Object.entries(tensors)) t[`_orig_mod.${n}`] = x;
    t["_orig_mod.lm_head.weight"] = { shape: [11, 16], values: tensors["transformer.wte.weight"].values.slice() };
    for (const i of [0, 1]) t[`_orig_mod.transformer.h.${i}.attn.bias`] = { shape: [1, 1, 8, 8], values: new Float32Array(64).fill(1) };
    const back = decodeCheckpoint(exported(t));
    expect(Object.keys(back.tensors)).toEqual(tiny.param_names_in_order);
    expect(bits(back.tensors["transformer.wte.weight"].values)).toEqual(bits(tensors["transformer.wte.weight"].values));
  });

  it("takes lm_head.weight as wte when only the head was saved (safetensors' save_model keeps that name)", () => {
    const { ["transformer.wte.weight"]: wte, ...rest } = tensors;
    const back = decodeCheckpoint(exported({ ...rest, "lm_head.weight": wte }));
    expect(Object.keys(back.tensors)).toEqual(tiny.param_names_in_order);
    expect(bits(back.tensors["transformer.wte.weight"].values)).toEqual(bits(wte.values));
  });

  it("refuses an untied lm_head", () => {
    const head = tensors["transformer.wte.weight"].values.slice();
    head[5] += 1;
    const err = code(exported({ ...tensors, "lm_head.weight": { shape: [11, 16], values: head } }));
    expect(err.code).toBe("tensors");
    expect(err.message).toContain("lm_head.weight (11, 16) differs from transformer.wte.weight (11, 16)");
  });

  it("explains a missing or unusable config, and how to add it", () => {
    let err = code(exported(tensors, { format: "pt" }));
    expect(err.code).toBe("config");
    expect(err.message).toContain("This is not a GPT Dojo or nanoGPT checkpoint: __metadata__.config is missing (the file's metadata has format)");
    expect(err.message).toContain('metadata={"config": json.dumps(checkpoint["model_args"])}');
    expect(code(exported(tensors, {})).message).toContain("the file's metadata has no entries");
    expect(code(exported(tensors, { config: "{n_layer: 2}" })).message).toContain("__metadata__.config is not valid JSON");
    expect(code(exported(tensors, { config: JSON.stringify({ ...tiny.config, n_kv_head: 1 }) })).message).toContain("keys GPT Dojo's GPT does not know: n_kv_head");
    expect(code(exported(tensors, { config: JSON.stringify({ ...tiny.config, n_head: 3 }) })).message).toContain("nEmbd 16 is not divisible by nHead 3");
    const { vocab_size: _v, ...noVocab } = tiny.config;
    err = code(exported(tensors, { config: JSON.stringify(noVocab) }));
    expect(err.code).toBe("config");
    expect(err.message).toContain("__metadata__.config lacks vocab_size");
  });

  it("names missing, unexpected and mis-shaped tensors", () => {
    const { ["transformer.ln_f.bias"]: _gone, ...rest } = tensors;
    let err = code(exported(rest));
    expect(err.code).toBe("tensors");
    expect(err.message).toBe(
      "The file's tensors do not fit the config (nLayer 2, nHead 2, nEmbd 16, vocabSize 11, blockSize 8, bias true). Missing: transformer.ln_f.bias.",
    );
    err = code(exported({ ...tensors, "transformer.wpe.weight": { shape: [4, 16], values: new Float32Array(64) }, "transformer.h.0.attn.rotary": { shape: [1], values: new Float32Array(1) } }));
    expect(err.message).toContain("Unexpected: transformer.h.0.attn.rotary.");
    expect(err.message).toContain("Wrong shape: transformer.wpe.weight is (4, 16), expected (8, 16).");
    // a config with one layer more than the tensors: the whole third layer is missing
    err = code(exported(tensors, { config: JSON.stringify({ ...tiny.config, n_layer: 3 }) }));
    expect(err.message).toContain("Missing: transformer.h.2.ln_1.weight, transformer.h.2.ln_1.bias,");
    expect(err.message).toContain("and 4 more.");
    // bias false: the bias tensors are unexpected
    err = code(exported(tensors, { config: JSON.stringify({ ...tiny.config, bias: false }) }));
    expect(err.message).toContain("Unexpected: transformer.h.0.attn.c_attn.bias, transformer.h.0.attn.c_proj.bias, transformer.h.0.ln_1.bias,");
  });

  it("requires complete optimizer state", () => {
    const full = encodeCheckpoint({ config, tensors, optimizer: { step: 1, m: tensors, v: tensors } });
    const { tensors: all, metadata } = readSafetensors(full);
    const { ["optimizer.exp_avg.transformer.wpe.weight"]: _m, ...lacking } = all;
    let err = code(writeSafetensors(lacking, metadata));
    expect(err.message).toContain("The optimizer's first moments (optimizer.exp_avg.*) do not fit the config");
    expect(err.message).toContain("Missing: transformer.wpe.weight.");
    const { optimizer_step: _s, ...noStep } = metadata;
    err = code(writeSafetensors(all, noStep));
    expect(err.message).toContain("optimizer moments (optimizer.exp_avg.*) but no __metadata__.optimizer_step");
  });

  it("encodes only what it can decode", () => {
    expect(() => encodeCheckpoint({ config, tensors: { ...tensors, "lm_head.weight": tensors["transformer.wte.weight"] } })).toThrow("Unexpected: lm_head.weight.");
    expect(() => encodeCheckpoint({ config: { ...config, nHead: 5 }, tensors })).toThrow("Cannot save a checkpoint with this config: nEmbd 16 is not divisible by nHead 5.");
    expect(() => encodeCheckpoint({ config, tensors, step: -1 })).toThrow("step must be a whole number ≥ 0, got -1.");
    const short = { ...tensors, "transformer.ln_f.bias": { shape: [16], values: new Float32Array(3) } };
    expect(() => encodeCheckpoint({ config, tensors: short })).toThrow("Wrong size: transformer.ln_f.bias has 3 values for shape (16).");
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
