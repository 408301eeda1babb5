/**
 * The .safetensors format (Hugging Face's safetensors library), written and read without dependencies:
 *
 *   bytes 0..8        N, the header length: an unsigned 64-bit little-endian integer
 *   bytes 8..8+N      the header: UTF-8 JSON {name: {dtype, shape, data_offsets: [begin, end]}, ...,
 *                     "__metadata__": {string: string}}, optionally padded with spaces
 *   bytes 8+N..       the data buffer; each tensor's bytes are data[begin..end), row-major, little-endian
 *
 * Example: one F32 tensor "a" = [1.5, -2] is 8 bytes of length, the JSON
 * {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} padded to 56 bytes, then 00 00 c0 3f 00 00 00 c0.
 *
 * Reading checks everything a damaged or foreign file can get wrong and throws a CheckpointError whose code
 * a caller can branch on and whose message names the values and says what to do. Reading never modifies the
 * input bytes. The rules follow the Python library's: tensors must tile the data buffer exactly (no overlap,
 * no gap, nothing after the last one), so a file this reader accepts also loads in Python.
 */

export type CheckpointErrorCode =
  | "truncated" // the file ends early: shorter than 8 bytes, header or tensor data cut off
  | "not-safetensors" // the first bytes cannot be a safetensors header (e.g. a PyTorch .pt zip)
  | "header" // the header is not valid UTF-8 JSON, or an entry or the metadata is malformed
  | "dtype" // a tensor's dtype is unknown or not supported here
  | "offsets" // data_offsets out of range, overlapping, leaving gaps, or not matching shape × dtype size
  | "config" // (checkpoints) __metadata__.config missing or unusable
  | "tensors"; // (checkpoints, and writing) missing, unexpected or mis-shaped tensors

export class CheckpointError extends Error {
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CheckpointError";
  }
}

export type NamedTensors = Record<string, { shape: number[]; values: Float32Array }>;

/** Bytes per element of the dtypes this reader converts to float32. */
const DTYPE_SIZE: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4 };
const SUPPORTED = "F32, F16, BF16, F64, I32 and I64";

/** The Python library refuses headers above 100 MB; a larger "length" means the file is something else. */
const MAX_HEADER_BYTES = 100_000_000;

/** Typed arrays use the machine's byte order; on a little-endian machine (every browser's) bytes copy as is. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function fail(code: CheckpointErrorCode, message: string): never {
  throw new CheckpointError(code, message);
}

const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const shapeText = (shape: number[]) => `(${shape.join(", ")})`;

/** Orders strings by Unicode code point, which is UTF-8 byte order: the order of Rust's (and Python's) sort. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

// ---------------------------------------------------------------------------------------------------------
// writing

/**
 * A .safetensors file of float32 tensors. As the Python library does: names sorted (all tensors are F32, so
 * its dtype-then-name order is name order), data packed in that order with no gaps, "__metadata__" first in
 * the header, the header padded with spaces so that the data starts at a multiple of 8 bytes. The same input
 * gives the same bytes. Values are copied bit for bit (-0, denormals and NaN payloads survive).
 */
export function writeSafetensors(tensors: NamedTensors, metadata: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(tensors).sort(compareCodePoints);
  const parts: string[] = [];
  const metaKeys = Object.keys(metadata).sort(compareCodePoints);
  if (metaKeys.length) {
    for (const k of metaKeys)
      if (typeof metadata[k] !== "string") fail("header", `Metadata "${k}" must be a string, got ${typeof metadata[k]}. Store JSON.stringify(value).`);
    parts.push(`"__metadata__":{${metaKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`).join(",")}}`);
  }
  let offset = 0;
  for (const name of names) {
    const { shape, values } = tensors[name];
    if (name === "" || name === "__metadata__") fail("tensors", `A tensor cannot be named ${JSON.stringify(name)} in a .safetensors file.`);
    if (!(values instanceof Float32Array)) fail("tensors", `Tensor "${name}" must hold a Float32Array, got ${Object.prototype.toString.call(values)}.`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      fail("tensors", `Tensor "${name}" has shape ${JSON.stringify(shape)}; a shape is a list of whole numbers ≥ 0.`);
    if (product(shape) !== values.length) fail("tensors", `Tensor "${name}" has ${values.length} values, but shape ${shapeText(shape)} needs ${product(shape)}.`);
    // JSON.stringify of a whole object would move integer-like names ("0", "12") to the front; build it in order
    parts.push(`${JSON.stringify(name)}:{"dtype":"F32","shape":[${shape.join(",")}],"data_offsets":[${offset},${offset + values.byteLength}]}`);
    offset += values.byteLength;
  }
  const json = new TextEncoder().encode(`{${parts.join(",")}}`);
  const headerLength = Math.ceil(json.length / 8) * 8; // 8 + N is then a multiple of 8: the data is 8-byte aligned
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength); // spaces
  let pos = 8 + headerLength;
  for (const name of names) {
    const v = tensors[name].values;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), pos);
    else for (let i = 0; i < v.length; i++) view.setFloat32(pos + 4 * i, v[i], true);
    pos += v.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// reading

/** IEEE half precision → number, exactly (every float16 is a float32). */
function f16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024); // zero and subnormals
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** A tensor's bytes as float32. `bytes` is a fresh copy, so its buffer starts aligned. */
function toFloat32(dtype: string, bytes: Uint8Array, n: number): Float32Array {
  if (dtype === "F32" && LITTLE_ENDIAN) return new Float32Array(bytes.buffer, 0, n); // bit for bit
  const dv = new DataView(bytes.buffer);
  const out = new Float32Array(n);
  switch (dtype) {
    case "F32":
      for (let i = 0; i < n; i++) out[i] = dv.getFloat32(4 * i, true);
      break;
    case "F64":
      for (let i = 0; i < n; i++) out[i] = dv.getFloat64(8 * i, true); // rounds to the nearest float32
      break;
    case "F16":
      for (let i = 0; i < n; i++) out[i] = f16ToNumber(dv.getUint16(2 * i, true));
      break;
    case "BF16": {
      // bfloat16 is the top half of a float32: shift its bits up, exactly
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) bits[i] = dv.getUint16(2 * i, true) << 16;
      break;
    }
    case "I32":
      for (let i = 0; i < n; i++) out[i] = dv.getInt32(4 * i, true); // exact up to 2^24
      break;
    case "I64":
      for (let i = 0; i < n; i++) out[i] = Number(dv.getBigInt64(8 * i, true)); // exact up to 2^24
      break;
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** The first bytes of a zip archive, which is what torch.save writes. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const PT_HINT = "A PyTorch .pt/.ckpt file is a zip archive, not safetensors: convert it with the Python in docs/checkpoints-python.md.";

/**
 * Reads a .safetensors file. Tensors of dtype F32, F16, BF16 and F64 become Float32Arrays (F32 bit for bit,
 * F16 and BF16 exactly, F64 rounded); I32 and I64 are converted too (exact up to 2^24). `dtypes` gives each
 * tensor's dtype in the file. Throws a CheckpointError (see the codes above) for anything malformed.
 */
export function readSafetensors(bytes: Uint8Array): { tensors: NamedTensors; metadata: Record<string, string>; dtypes: Record<string, string> } {
  if (bytes.length < 8)
    fail("truncated", `The file has ${bytes.length} bytes, but a .safetensors file starts with an 8-byte header length: it is truncated or empty. Download it again.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const big = view.getBigUint64(0, true);
  const available = bytes.length - 8;
  if (isZip(bytes)) fail("not-safetensors", `This is not a .safetensors file. ${PT_HINT}`);
  if (big > BigInt(MAX_HEADER_BYTES))
    fail("not-safetensors", `The first 8 bytes give a header length of ${big} bytes, more than the 100 MB safetensors allows: this is not a .safetensors file.`);
  const headerLength = Number(big);
  if (headerLength > available)
    fail("truncated", `The header says ${headerLength} bytes but the file has only ${available} after the length: the file is truncated; download it again.`);

  // the header: UTF-8 JSON, one object
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    fail("header", `The ${headerLength}-byte header is not valid UTF-8 JSON (${(e as Error).message}): the file is corrupt or not a .safetensors file.`);
  }
  if (!isObject(header)) fail("header", `The header must be a JSON object {name: {dtype, shape, data_offsets}}, got ${Array.isArray(header) ? "an array" : JSON.stringify(header)}.`);
  const entries = header as Record<string, unknown>;

  const rawMeta = entries.__metadata__ ?? {};
  if (!isObject(rawMeta)) fail("header", `__metadata__ must be an object of strings, got ${JSON.stringify(rawMeta)}.`);
  for (const [k, v] of Object.entries(rawMeta)) if (typeof v !== "string") fail("header", `__metadata__.${k} must be a string, got ${JSON.stringify(v)}.`);
  const metadata = Object.fromEntries(Object.entries(rawMeta)) as Record<string, string>;

  // each entry: well-formed, a dtype we read, offsets that span exactly shape × dtype size
  const specs: { name: string; dtype: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(entries)) {
    if (name === "__metadata__") continue;
    if (!isObject(info)) fail("header", `Tensor "${name}" has header entry ${JSON.stringify(info)}; expected {dtype, shape, data_offsets}.`);
    const { dtype, shape, data_offsets: offsets } = info as { dtype: unknown; shape: unknown; data_offsets: unknown };
    if (typeof dtype !== "string") fail("header", `Tensor "${name}" has no dtype string in the header (got ${JSON.stringify(dtype)}).`);
    if (!Array.isArray(shape) || !shape.every(isCount)) fail("header", `Tensor "${name}" has shape ${JSON.stringify(shape)}; expected a list of whole numbers ≥ 0.`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
      fail("offsets", `Tensor "${name}" has data_offsets ${JSON.stringify(offsets)}; expected [begin, end], two whole numbers ≥ 0.`);
    const size = DTYPE_SIZE[dtype as string];
    if (size === undefined)
      fail("dtype", `Tensor "${name}" has dtype ${dtype}; GPT Dojo reads ${SUPPORTED}. Convert it to float32 before saving (tensor.float()).`);
    const [begin, end] = offsets as number[];
    const need = product(shape as number[]) * size;
    if (end < begin) fail("offsets", `Tensor "${name}" has data_offsets [${begin}, ${end}]: the end is before the begin.`);
    if (end - begin !== need)
      fail("offsets", `Tensor "${name}" spans ${end - begin} bytes, but ${dtype} shape ${shapeText(shape as number[])} needs ${need}.`);
    specs.push({ name, dtype: dtype as string, shape: shape as number[], begin, end });
  }

  // together: the tensors tile the data buffer [0, end) with no overlap and no gap
  const sorted = [...specs].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous = "";
  for (const s of sorted) {
    if (s.begin < covered) fail("offsets", `Tensors "${previous}" and "${s.name}" overlap in the data buffer (bytes ${s.begin} to ${covered}): the file is corrupt.`);
    if (s.begin > covered)
      fail("offsets", `The data buffer has a gap: no tensor covers bytes ${covered} to ${s.begin} (before "${s.name}"). The file is corrupt or was not written by a safetensors library.`);
    covered = s.end;
    previous = s.name;
  }
  const dataLength = available - headerLength;
  if (covered > dataLength) {
    const cut = sorted.find((s) => s.end > dataLength)!;
    fail("truncated", `Tensor "${cut.name}" ends at byte ${cut.end} of the data, but the file holds only ${dataLength}: the file is truncated; download it again.`);
  }
  if (covered < dataLength)
    fail("offsets", `The file has ${dataLength - covered} bytes after the last tensor's data (the header accounts for ${covered} of ${dataLength}): the file is corrupt, or two files were joined.`);

  // convert, in the header's order; Object.fromEntries defines own properties, even for a name like "__proto__"
  const start = 8 + headerLength;
  const tensors: NamedTensors = Object.fromEntries(
    // subtle: a fresh copy via new Uint8Array(view): a Node Buffer's slice() is a view into the whole file,
    // not a copy, and toFloat32 reads from its buffer's start (loadCheckpoint(readFileSync(…)) gave garbage)
    specs.map((s) => [s.name, { shape: [...s.shape], values: toFloat32(s.dtype, new Uint8Array(bytes.subarray(start + s.begin, start + s.end)), product(s.shape)) }]),
  );
  const dtypes: Record<string, string> = Object.fromEntries(specs.map((s) => [s.name, s.dtype]));
  return { tensors, metadata, dtypes };
}
