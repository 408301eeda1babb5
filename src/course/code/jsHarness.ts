import { transform } from "sucrase";
import { errorLocation, joinSources, stackLines } from "./lines";
import { finishRun, formatNested, shapeText, type CodeLang, type RawCheck, type RunError, type RunResult, type Shown } from "./values";

/**
 * Runs a JS/TS code exercise: the learner's code, then the tests block, in one fresh async function scope, with
 * `check`, `console`, `tf`, `dojo` and `pretrained` as its parameters. Shared by the worker (codeJs.worker.ts) and
 * the Node lint, so both run the same code. The caller owns the environment: the worker removes fetch & co.
 * before calling this; the tensors a run makes are the caller's to free (the worker wraps a run in a scope).
 */
export interface JsGlobals {
  tf: unknown;
  dojo: unknown;
  pretrained: () => Promise<unknown>;
}

interface PendingCheck {
  name: string;
  fn: unknown;
  expected: unknown;
  input: string;
  tol: number;
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const MAX_OUTPUT = 20_000;

let bodyOffset: number | undefined;
/** How many lines this engine puts before a `new AsyncFunction` body (2 in V8); measured once, not assumed. */
async function measureBodyOffset(): Promise<number> {
  if (bodyOffset !== undefined) return bodyOffset;
  try {
    await new AsyncFunction("throw new Error('calibrate')\n//# sourceURL=dojo-calibrate.js")();
  } catch (e) {
    bodyOffset = (stackLines(String((e as Error).stack), "dojo-calibrate.js")[0] ?? 1) - 1;
  }
  return bodyOffset ?? 0;
}

/** TS → JS with types stripped; line numbers stay the same (sucrase keeps them). A syntax error names its line. */
function strip(source: string, lang: CodeLang, where: "code" | "tests"): { code: string } | { error: RunError } {
  try {
    return { code: transform(source, { transforms: lang === "ts" ? ["typescript"] : [], disableESTransforms: true }).code };
  } catch (e) {
    const err = e as Error & { loc?: { line: number } };
    return { error: { type: "SyntaxError", message: err.message.replace(/\s*\(\d+:\d+\)$/, ""), line: err.loc?.line, where } };
  }
}

/** `import` cannot run in a function body, and a dynamic import() would reach the network: say so with the line. */
function findImport(source: string, where: "code" | "tests"): RunError | undefined {
  const lines = source.split("\n");
  const i = lines.findIndex((l) => /^\s*import[\s{*]|\bimport\s*\(/.test(l));
  if (i < 0) return undefined;
  return { type: "ImportError", message: "import is not available in exercises: tf, dojo and pretrained() are already defined.", line: i + 1, where };
}

export async function runJs(code: string, tests: string, lang: CodeLang, globals: JsGlobals): Promise<RunResult> {
  let output = "";
  const write = (args: unknown[]) => {
    if (output.length > MAX_OUTPUT) return;
    output += args.map((a) => (typeof a === "string" ? a : formatForLog(a))).join(" ") + "\n";
    if (output.length > MAX_OUTPUT) output = output.slice(0, MAX_OUTPUT) + "\n…\n";
  };
  const log = (...args: unknown[]) => write(args);
  const fakeConsole = { log, info: log, warn: log, error: log, debug: log };

  const a = strip(code, lang, "code");
  if ("error" in a) return finishRun({ tests: [], output, error: a.error }, lang);
  const b = strip(tests, lang, "tests");
  if ("error" in b) return finishRun({ tests: [], output, error: b.error }, lang);
  const banned = findImport(a.code, "code") ?? findImport(b.code, "tests");
  if (banned) return finishRun({ tests: [], output, error: banned }, lang);

  const joined = joinSources(a.code, b.code);
  const offset = await measureBodyOffset();
  const toError = (e: unknown): RunError => {
    const err = e instanceof Error ? e : new Error(String(e));
    return { type: err.name || "Error", message: err.message, ...errorLocation(String(err.stack ?? ""), joined, offset) };
  };

  const pending: PendingCheck[] = [];
  const check = (name: unknown, fn: unknown, expected: unknown, opts?: { input?: unknown; tol?: unknown }) => {
    pending.push({ name: String(name), fn, expected, input: String(opts?.input ?? ""), tol: Number(opts?.tol ?? 0) });
  };

  let body: (...args: unknown[]) => Promise<unknown>;
  try {
    body = new AsyncFunction("check", "console", "tf", "dojo", "pretrained", joined.source);
  } catch (e) {
    return finishRun({ tests: [], output, error: toError(e) }, lang);
  }
  try {
    await body(check, fakeConsole, globals.tf, globals.dojo, globals.pretrained);
  } catch (e) {
    return finishRun({ tests: [], output, error: toError(e) }, lang);
  }

  const results: RawCheck[] = [];
  for (const p of pending) {
    const record: RawCheck = { name: p.name, input: p.input, tol: p.tol, expected: encodeJs(p.expected) };
    try {
      if (typeof p.fn !== "function") throw new TypeError(`check("${p.name}", …): the second argument must be a function, e.g. () => f(1).`);
      record.got = encodeJs(await (p.fn as () => unknown)());
    } catch (e) {
      record.error = toError(e);
    }
    results.push(record);
  }
  return finishRun({ tests: results, output }, lang);
}

// ---- values

interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<number>;
  isDisposed?: boolean;
}
const isTensor = (v: unknown): v is TensorLike =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorLike).shape) && typeof (v as TensorLike).dtype === "string" && typeof (v as TensorLike).dataSync === "function";

/**
 * A JS value as data the feedback can show. Tensors are read synchronously (the worker runs the cpu backend).
 * Example: encodeJs([1, "a"]) → { kind: "list", items: [{ kind: "number", value: 1 }, { kind: "string", value: "a" }] }
 */
export function encodeJs(v: unknown, depth = 0): Shown {
  if (depth > 20) return { kind: "other", type: "value", repr: "…" };
  if (v === null || v === undefined) return { kind: "none" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "bigint") return { kind: "number", value: Number(v), int: true };
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (isTensor(v)) {
    if (v.isDisposed) return { kind: "other", type: "Tensor", repr: "a disposed tensor (it was freed before the test read it)" };
    return { kind: "tensor", shape: [...v.shape], dtype: v.dtype, data: Array.from(v.dataSync(), Number) };
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = v as unknown as ArrayLike<number | bigint>;
    return { kind: "list", typed: v.constructor.name, items: Array.from(arr, (x) => ({ kind: "number", value: Number(x) }) as Shown) };
  }
  if (Array.isArray(v)) return { kind: "list", items: v.map((x) => encodeJs(x, depth + 1)) };
  if (v instanceof Map) return { kind: "dict", entries: [...v.entries()].map(([k, x]) => [encodeJs(k, depth + 1), encodeJs(x, depth + 1)]) };
  if (typeof v === "function") return { kind: "other", type: "function", repr: `function ${v.name || "(anonymous)"}` };
  if (typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null))
    return { kind: "dict", entries: Object.entries(v).map(([k, x]) => [{ kind: "string", value: k }, encodeJs(x, depth + 1)]) };
  const name = (v as object).constructor?.name ?? "object";
  return { kind: "other", type: name, repr: `${name} ${safeString(v)}` };
}

function safeString(v: unknown): string {
  try {
    return String(v).slice(0, 200);
  } catch {
    return "";
  }
}

function formatForLog(v: unknown): string {
  if (isTensor(v)) {
    const s = encodeJs(v);
    return s.kind === "tensor" ? `Tensor ${shapeText(s.shape)} ${formatNested(s.data, s.shape)}` : safeString(v);
  }
  try {
    return typeof v === "object" ? JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? Number(x) : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x)) : String(v);
  } catch {
    return safeString(v);
  }
}

// ---- with TF.js

type Tf = typeof import("@tensorflow/tfjs");
type Dojo = Pick<typeof import("../../core"), "loadCheckpoint" | "disposeModel">;

/**
 * runJs with `tf`, `dojo` and `pretrained()` bound: the worker and the Node lint both call this. Every tensor a
 * run makes (the learner's, the tests', the pretrained model's) is freed when it ends, so runs leave no tensors
 * behind. `modelBytes` gives public/models/moby-char.safetensors (fetched once by the worker, read from disk in Node).
 */
export async function runJsWithTf(code: string, tests: string, lang: CodeLang, tf: Tf, dojo: Dojo & Record<string, unknown>, modelBytes: () => Promise<Uint8Array>): Promise<RunResult> {
  let model: Promise<Awaited<ReturnType<Dojo["loadCheckpoint"]>>> | undefined;
  const pretrained = () => (model ??= modelBytes().then((b) => dojo.loadCheckpoint(b)));
  tf.engine().startScope();
  try {
    return await runJs(code, tests, lang, { tf, dojo, pretrained });
  } finally {
    const loaded = model && (await model.catch(() => undefined));
    if (loaded) dojo.disposeModel(loaded);
    tf.engine().endScope();
  }
}
