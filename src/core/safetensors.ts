/**
 * The .safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
 * ({name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}), then the raw
 * little-endian tensor bytes (offsets are relative to the start of that buffer). Every way a file can be
 * broken is a CheckpointError with a code, and reading never changes anything.
 */

export type CheckpointErrorCode = "truncated" | "header" | "dtype" | "offsets" | "config" | "tensors";

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

const bytesPerElement: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

function f16ToF32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Writes F32 tensors, names sorted as the Python library does, the header padded to 8 bytes with spaces. */
export function writeSafetensors(tensors: NamedTensors, metadata: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const { shape, values } = tensors[name];
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== values.length) throw new CheckpointError("tensors", `Tensor "${name}" has ${values.length} values but shape (${shape.join(", ")}) needs ${n}.`);
    header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  while ((enc.encode(json).length + 8) % 8 !== 0) json += " ";
  const head = enc.encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let pos = 8 + head.length;
  for (const name of names) {
    const v = tensors[name].values;
    for (let i = 0; i < v.length; i++, pos += 4) view.setFloat32(pos, v[i], true);
  }
  return out;
}

/** Reads F32, F16, BF16 and F64 tensors (as Float32Array) and the string metadata. */
export function readSafetensors(bytes: Uint8Array): { tensors: NamedTensors; metadata: Record<string, string> } {
  if (bytes.length < 8) throw new CheckpointError("truncated", `The file has ${bytes.length} bytes; a .safetensors file starts with an 8-byte header length. It is truncated or not a .safetensors file.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > bytes.length - 8)
    throw new CheckpointError("truncated", `The header says ${headerLen} bytes but the file has only ${bytes.length - 8} after the length: the file is truncated (or not a .safetensors file). Download it again.`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
    if (typeof header !== "object" || header === null || Array.isArray(header)) throw new Error("not a JSON object");
  } catch (e) {
    throw new CheckpointError("header", `The header is not valid JSON (${(e as Error).message}): the file is corrupt or not a .safetensors file.`);
  }
  const data = bytes.subarray(8 + headerLen);
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: NamedTensors = {};
  const spans: [number, number, string][] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const size = bytesPerElement[dtype];
    if (!size) throw new CheckpointError("dtype", `Tensor "${name}" has dtype ${dtype}; GPT Dojo reads F32, F16, BF16 and F64. Convert it to float32 before saving (tensor.float()).`);
    if (!Array.isArray(shape) || !Array.isArray(data_offsets)) throw new CheckpointError("header", `Tensor "${name}" lacks a shape or data_offsets in the header.`);
    const n = shape.reduce((a, b) => a * b, 1);
    const [begin, end] = data_offsets;
    if (!(Number.isInteger(begin) && Number.isInteger(end) && begin >= 0 && end >= begin)) throw new CheckpointError("offsets", `Tensor "${name}" has invalid data_offsets [${begin}, ${end}].`);
    if (end - begin !== n * size)
      throw new CheckpointError("offsets", `Tensor "${name}" spans ${end - begin} bytes, but ${dtype} shape (${shape.join(", ")}) needs ${n * size}.`);
    if (end > data.length) throw new CheckpointError("truncated", `Tensor "${name}" ends at byte ${end} of the data, but the file holds only ${data.length}: it is truncated. Download it again.`);
    spans.push([begin, end, name]);
    const dv = new DataView(data.buffer, data.byteOffset + begin, end - begin);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (dtype === "F32") values[i] = dv.getFloat32(4 * i, true);
      else if (dtype === "F64") values[i] = dv.getFloat64(8 * i, true);
      else if (dtype === "F16") values[i] = f16ToF32(dv.getUint16(2 * i, true));
      else {
        const f = new DataView(new ArrayBuffer(4));
        f.setUint32(0, dv.getUint16(2 * i, true) << 16); // bf16 is the top half of a float32
        values[i] = f.getFloat32(0);
      }
    }
    tensors[name] = { shape, values };
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    if (spans[i][0] < spans[i - 1][1]) throw new CheckpointError("offsets", `Tensors "${spans[i - 1][2]}" and "${spans[i][2]}" overlap in the data buffer: the file is corrupt.`);
  return { tensors, metadata };
}
