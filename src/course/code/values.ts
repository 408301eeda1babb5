/**
 * What a code exercise's test returned, as data both runners produce (Python encodes its values in
 * pythonHarness.ts, JavaScript in jsHarness.ts), and the one comparison and formatting both share. Pure: no
 * React, DOM or worker globals, so the Node lint (tests/course/code-exercises.test.ts) runs exactly this code.
 */

export type CodeLang = "python" | "js" | "ts";
export const codeLangs: readonly CodeLang[] = ["python", "js", "ts"];

/** A value as the feedback shows it. Python's None and JS's null/undefined are both "none". */
export type Shown =
  | { kind: "number"; value: number; int?: boolean } // int: a Python int (shown without ".0")
  | { kind: "string"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "none" }
  | { kind: "list"; items: Shown[]; tuple?: boolean; typed?: string } // tuple: Python tuple; typed: "Float32Array"
  | { kind: "dict"; entries: [Shown, Shown][] }
  | { kind: "tensor"; shape: number[]; dtype: string; data: number[] } // data: row-major, flat
  | { kind: "other"; type: string; repr: string };

/** The first place where a returned value differs from the expected one; texts are formatted for the learner. */
export interface Mismatch {
  reason: "type" | "value" | "length" | "shape" | "missingKey" | "extraKey";
  path: string; // "" for the whole value; "[2]", "[(1, 2)]", "[0][3]" inside it
  expected: string;
  got: string;
  expectedLength?: number; // reason "length": the two lengths
  gotLength?: number;
  inner?: Mismatch; // reason "length": the first difference among the items both have, if any
}

// ---- comparison

/**
 * Compares what a test expected with what the code returned. Numbers match within `tol` (absolute; 0 is
 * exact), lists and tuples alike element by element, dicts key by key, and a tensor against a tensor or a
 * rectangular nested list by shape, then element by element. Returns null when they match.
 * Example: compareShown(list [1, 2, 3], list [1, 2, 4], 0) → { reason: "value", path: "[2]", expected: "3", got: "4" }
 */
export function compareShown(expected: Shown, got: Shown, tol: number, lang: CodeLang, path = ""): Mismatch | null {
  const fmt = (s: Shown) => formatShown(s, lang);
  if (expected.kind === "tensor" || got.kind === "tensor") return compareTensors(expected, got, tol, lang, path);
  if (expected.kind !== got.kind) return { reason: "type", path, expected: `${typeName(expected, lang)} ${fmt(expected)}`, got: `${typeName(got, lang)} ${fmt(got)}` };
  switch (expected.kind) {
    case "number": {
      const g = got as typeof expected;
      return numbersMatch(expected.value, g.value, tol) ? null : { reason: "value", path, expected: fmt(expected), got: fmt(got) };
    }
    case "string":
    case "bool":
      return expected.value === (got as typeof expected).value ? null : { reason: "value", path, expected: fmt(expected), got: fmt(got) };
    case "none":
      return null;
    case "other":
      return expected.repr === (got as typeof expected).repr ? null : { reason: "value", path, expected: fmt(expected), got: fmt(got) };
    case "list": {
      const g = got as typeof expected;
      if (expected.items.length !== g.items.length) {
        const m: Mismatch = { reason: "length", path, expected: fmt(expected), got: fmt(got), expectedLength: expected.items.length, gotLength: g.items.length };
        for (let i = 0; i < Math.min(expected.items.length, g.items.length) && !m.inner; i++) {
          const inner = compareShown(expected.items[i], g.items[i], tol, lang, `${path}[${i}]`);
          if (inner) m.inner = inner;
        }
        return m;
      }
      for (let i = 0; i < expected.items.length; i++) {
        const m = compareShown(expected.items[i], g.items[i], tol, lang, `${path}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case "dict": {
      const g = got as typeof expected;
      const gotByKey = new Map(g.entries.map(([k, v]) => [keyText(k), v]));
      const expectedKeys = new Set(expected.entries.map(([k]) => keyText(k)));
      for (const [k, v] of expected.entries) {
        const gv = gotByKey.get(keyText(k));
        if (!gv) return { reason: "missingKey", path: `${path}[${fmt(k)}]`, expected: fmt(v), got: "" };
        const m = compareShown(v, gv, tol, lang, `${path}[${fmt(k)}]`);
        if (m) return m;
      }
      const extra = g.entries.find(([k]) => !expectedKeys.has(keyText(k)));
      return extra ? { reason: "extraKey", path: `${path}[${fmt(extra[0])}]`, expected: "", got: fmt(extra[1]) } : null;
    }
  }
}

/** NaN matches NaN and an infinity matches the same infinity; otherwise |e − g| ≤ tol. */
export function numbersMatch(e: number, g: number, tol: number): boolean {
  if (Number.isNaN(e) || Number.isNaN(g)) return Number.isNaN(e) && Number.isNaN(g);
  if (!Number.isFinite(e) || !Number.isFinite(g)) return e === g;
  return Math.abs(e - g) <= tol;
}

/** A tensor, or a rectangular nested list of numbers, as shape + flat data; null when it is neither. */
export function asTensor(s: Shown): { shape: number[]; data: number[] } | null {
  if (s.kind === "tensor") return { shape: s.shape, data: s.data };
  if (s.kind === "number") return { shape: [], data: [s.value] };
  if (s.kind === "bool") return { shape: [], data: [s.value ? 1 : 0] };
  if (s.kind !== "list") return null;
  const parts = s.items.map(asTensor);
  if (parts.some((p) => p === null)) return null;
  const inner = parts[0]?.shape ?? [];
  if (parts.some((p) => p!.shape.join() !== inner.join())) return null; // ragged
  return { shape: [s.items.length, ...inner], data: parts.flatMap((p) => p!.data) };
}

function compareTensors(expected: Shown, got: Shown, tol: number, lang: CodeLang, path: string): Mismatch | null {
  const e = asTensor(expected), g = asTensor(got);
  if (!e || !g) return { reason: "type", path, expected: `${typeName(expected, lang)} ${formatShown(expected, lang)}`, got: `${typeName(got, lang)} ${formatShown(got, lang)}` };
  if (e.shape.join() !== g.shape.join()) return { reason: "shape", path, expected: shapeText(e.shape), got: shapeText(g.shape) };
  for (let i = 0; i < e.data.length; i++) {
    if (!numbersMatch(e.data[i], g.data[i], tol)) {
      const index = unravel(i, e.shape);
      return { reason: "value", path: `${path}[${index.join(", ")}]`, expected: tensorNumber(e.data[i]), got: tensorNumber(g.data[i]) };
    }
  }
  return null;
}

/** Flat row-major index → multi-index. Example: unravel(5, [2, 3]) → [1, 2] */
export function unravel(flat: number, shape: number[]): number[] {
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** The shape a list or tensor has (a ragged or non-numeric list has only its length). */
export function shapeOf(s: Shown): number[] | null {
  if (s.kind === "tensor") return s.shape;
  if (s.kind !== "list") return null;
  return asTensor(s)?.shape ?? [s.items.length];
}

export const shapeText = (shape: number[]) => `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;

// subtle: Python's dict treats 1 and 1.0 as one key, and a tuple key is never a list; JS object keys are
// strings. So keys are matched by a text that ignores int/float and tuple/list.
function keyText(k: Shown): string {
  if (k.kind === "number") return String(k.value);
  if (k.kind === "list") return `(${k.items.map(keyText).join(",")})`;
  return JSON.stringify(k);
}

// ---- formatting

const MAX_ITEMS = 12;

function typeName(s: Shown, lang: CodeLang): string {
  const py = lang === "python";
  switch (s.kind) {
    case "number": return py ? (s.int ? "int" : "float") : "number";
    case "string": return py ? "str" : "string";
    case "bool": return py ? "bool" : "boolean";
    case "none": return py ? "None" : "null";
    case "list": return s.typed ?? (py ? (s.tuple ? "tuple" : "list") : "array");
    case "dict": return py ? "dict" : "object";
    case "tensor": return `tensor ${s.dtype}`;
    case "other": return s.type;
  }
}

export function formatNumber(x: number, int = false): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return int || !Number.isInteger(x) ? String(x) : `${x}.0`;
}

/**
 * A value in the learner's language: Python literals for Python (True, None, (1, 2), {'a': 1}), JS literals
 * for JS/TS. Long lists are cut after 12 items with "…". Example: formatShown(tuple (1, 2), "python") → "(1, 2)"
 */
export function formatShown(s: Shown, lang: CodeLang): string {
  const py = lang === "python";
  switch (s.kind) {
    case "number":
      return py ? formatNumber(s.value, s.int) : Number.isNaN(s.value) ? "NaN" : String(s.value);
    case "string":
      return py ? pyRepr(s.value) : JSON.stringify(s.value);
    case "bool":
      return py ? (s.value ? "True" : "False") : String(s.value);
    case "none":
      return py ? "None" : "null";
    case "other":
      return s.repr;
    case "list": {
      const shown = s.items.slice(0, MAX_ITEMS).map((x) => formatShown(x, lang));
      if (s.items.length > MAX_ITEMS) shown.push("…");
      if (s.tuple) return `(${shown.join(", ")}${s.items.length === 1 ? "," : ""})`;
      return `[${shown.join(", ")}]`;
    }
    case "dict": {
      const shown = s.entries.slice(0, MAX_ITEMS).map(([k, v]) => `${formatShown(k, lang)}: ${formatShown(v, lang)}`);
      if (s.entries.length > MAX_ITEMS) shown.push("…");
      return `{${shown.join(", ")}}`;
    }
    case "tensor":
      return formatNested(s.data, s.shape);
  }
}

/** Nested brackets for a flat row-major tensor, cutting each axis after 6 entries. Example: ([1,2,3,4], [2,2]) → "[[1, 2], [3, 4]]" */
export function formatNested(data: number[], shape: number[], offset = 0): string {
  if (shape.length === 0) return tensorNumber(data[offset]);
  const [n, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  const cut = 6;
  const items: string[] = [];
  for (let i = 0; i < Math.min(n, cut); i++) items.push(formatNested(data, rest, offset + i * stride));
  if (n > cut) items.push("…");
  return `[${items.join(", ")}]`;
}

// float32 values print with 7 significant digits (0.1 rather than 0.10000000149011612)
const tensorNumber = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(7))) : formatNumber(x));

function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(new RegExp(quote, "g"), `\\${quote}`);
  return `${quote}${body}${quote}`;
}

// ---- results

/** Where an error happened: the learner's code or the exercise's tests, with the line in that part. */
export interface RunError {
  type: string; // "TypeError", "ZeroDivisionError", …
  message: string;
  line?: number;
  where?: "code" | "tests";
}

/** One `check(...)` call as a runner reports it, before comparison. */
export interface RawCheck {
  name: string;
  input: string;
  tol: number;
  expected: Shown;
  got?: Shown;
  error?: RunError;
}

export interface TestResult extends RawCheck {
  pass: boolean;
  mismatch?: Mismatch;
}

export interface RunResult {
  tests: TestResult[];
  output: string; // what print / console.log wrote
  error?: RunError; // the code (or the tests block) stopped before every check ran
}

/** Compares every check; a check that raised fails with its error. */
export function finishRun(raw: { tests: RawCheck[]; output: string; error?: RunError | null }, lang: CodeLang): RunResult {
  const tests = raw.tests.map((t): TestResult => {
    if (t.error || !t.got) return { ...t, pass: false };
    const mismatch = compareShown(t.expected, t.got, t.tol, lang);
    return mismatch ? { ...t, pass: false, mismatch } : { ...t, pass: true };
  });
  return { tests, output: raw.output, ...(raw.error ? { error: raw.error } : {}) };
}

/** Solved means: no error, at least one test, and every test passes. */
export const allPass = (r: RunResult) => !r.error && r.tests.length > 0 && r.tests.every((t) => t.pass);

/** Parses the JSON the Python harness prints; non-finite floats travel as the strings "NaN", "Infinity", "-Infinity". */
export function parseShownJson<T>(json: string): T {
  return JSON.parse(json, (_key, v: unknown) => {
    const n = v as { kind?: unknown; value?: unknown } | null;
    return n && n.kind === "number" && typeof n.value === "string" ? { ...n, value: Number(n.value) } : v;
  }) as T;
}
