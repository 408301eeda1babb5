import { describe, expect, it } from "vitest";
import { allPass, compareShown, finishRun, formatShown, parseShownJson, unravel, type Shown } from "../../src/course/code/values";
import { errorLocation, joinSources, stackLines } from "../../src/course/code/lines";

const n = (value: number, int = false): Shown => ({ kind: "number", value, ...(int ? { int } : {}) });
const list = (...items: Shown[]): Shown => ({ kind: "list", items });
const tuple = (...items: Shown[]): Shown => ({ kind: "list", items, tuple: true });
const tensor = (shape: number[], data: number[]): Shown => ({ kind: "tensor", shape, dtype: "float32", data });

describe("compareShown: numbers", () => {
  it("tol=0 is exact; a tolerance is absolute", () => {
    expect(compareShown(n(0.3), n(0.1 + 0.2), 0, "js")).toEqual({ reason: "value", path: "", expected: "0.3", got: "0.30000000000000004" });
    expect(compareShown(n(0.3), n(0.1 + 0.2), 1e-12, "js")).toBeNull();
    // |1.5 − 1.4| = 0.1 > 0.05, but ≤ 0.2
    expect(compareShown(n(1.5), n(1.4), 0.05, "python")).toEqual({ reason: "value", path: "", expected: "1.5", got: "1.4" });
    expect(compareShown(n(1.5), n(1.4), 0.2, "python")).toBeNull();
  });
  it("NaN matches only NaN, an infinity only the same infinity", () => {
    expect(compareShown(n(NaN), n(NaN), 0, "python")).toBeNull();
    expect(compareShown(n(1), n(NaN), 10, "python")).toEqual({ reason: "value", path: "", expected: "1.0", got: "nan" });
    expect(compareShown(n(Infinity), n(Infinity), 0, "python")).toBeNull();
    expect(compareShown(n(Infinity), n(-Infinity), 1e9, "python")?.got).toBe("-inf");
  });
  it("a Python int and float compare by value, and print as Python does", () => {
    expect(compareShown(n(2, true), n(2), 0, "python")).toBeNull();
    expect(compareShown(n(2, true), n(3), 0, "python")).toEqual({ reason: "value", path: "", expected: "2", got: "3.0" });
  });
  it("a different type says both types", () => {
    expect(compareShown(n(1, true), { kind: "string", value: "1" }, 0, "python")).toEqual({ reason: "type", path: "", expected: "int 1", got: "str '1'" });
    expect(compareShown(n(1, true), { kind: "bool", value: true }, 0, "python")).toEqual({ reason: "type", path: "", expected: "int 1", got: "bool True" });
    expect(compareShown(list(n(1)), { kind: "none" }, 0, "js")).toEqual({ reason: "type", path: "", expected: "array [1]", got: "null null" });
  });
});

describe("compareShown: sequences and dicts", () => {
  it("a tuple equals a list with the same items (the contract: sequences alike), and prints as a tuple", () => {
    expect(compareShown(list(n(1, true), n(2, true)), tuple(n(1, true), n(2, true)), 0, "python")).toBeNull();
    expect(formatShown(tuple(n(1, true), n(2, true)), "python")).toBe("(1, 2)");
    expect(formatShown(tuple(n(7, true)), "python")).toBe("(7,)");
  });
  it("names the first differing index, nested", () => {
    expect(compareShown(list(n(99, true), n(3, true), n(99, true)), list(n(99, true), n(3, true), n(1, true)), 0, "python")).toEqual({ reason: "value", path: "[2]", expected: "99", got: "1" });
    const e = list(list(n(1, true), n(2, true)), list(n(3, true), n(4, true)));
    const g = list(list(n(1, true), n(2, true)), list(n(3, true), n(5, true)));
    expect(compareShown(e, g, 0, "python")).toEqual({ reason: "value", path: "[1][1]", expected: "4", got: "5" });
  });
  it("a length difference gives both lengths, both values and the first difference among the common items", () => {
    expect(compareShown(list(n(7, true), n(5, true)), list(n(7, true), n(7, true), n(5, true)), 0, "python")).toEqual({
      reason: "length", path: "", expected: "[7, 5]", got: "[7, 7, 5]", expectedLength: 2, gotLength: 3,
      inner: { reason: "value", path: "[1]", expected: "5", got: "7" },
    });
    // the common items agree: only the lengths differ
    expect(compareShown(list(n(1, true)), list(n(1, true), n(2, true)), 0, "python")).toEqual({
      reason: "length", path: "", expected: "[1]", got: "[1, 2]", expectedLength: 1, gotLength: 2,
    });
  });
  it("dicts match key by key, tuple keys included, whatever the order", () => {
    const key = (a: number, b: number) => tuple(n(a, true), n(b, true));
    const stats: Shown = { kind: "dict", entries: [[key(1, 2), n(2, true)], [key(2, 3), n(1, true)], [key(3, 1), n(1, true)]] };
    const reordered: Shown = { kind: "dict", entries: [[key(3, 1), n(1, true)], [key(1, 2), n(2, true)], [key(2, 3), n(1, true)]] };
    expect(compareShown(stats, reordered, 0, "python")).toBeNull();
    const missing: Shown = { kind: "dict", entries: [[key(1, 2), n(2, true)], [key(2, 3), n(1, true)]] };
    expect(compareShown(stats, missing, 0, "python")).toEqual({ reason: "missingKey", path: "[(3, 1)]", expected: "1", got: "" });
    const extra: Shown = { kind: "dict", entries: [...(stats as { entries: [Shown, Shown][] }).entries, [key(9, 9), n(4, true)]] };
    expect(compareShown(stats, extra, 0, "python")).toEqual({ reason: "extraKey", path: "[(9, 9)]", expected: "", got: "4" });
    const wrong: Shown = { kind: "dict", entries: [[key(1, 2), n(1, true)], [key(2, 3), n(1, true)], [key(3, 1), n(1, true)]] };
    expect(compareShown(stats, wrong, 0, "python")).toEqual({ reason: "value", path: "[(1, 2)]", expected: "2", got: "1" });
    expect(formatShown(stats, "python")).toBe("{(1, 2): 2, (2, 3): 1, (3, 1): 1}");
  });
});

describe("compareShown: tensors", () => {
  it("a shape mismatch gives both shapes", () => {
    expect(compareShown(tensor([2, 3], [1, 2, 3, 4, 5, 6]), tensor([3, 2], [1, 2, 3, 4, 5, 6]), 0, "js")).toEqual({ reason: "shape", path: "", expected: "(2, 3)", got: "(3, 2)" });
    expect(compareShown(tensor([4], [1, 2, 3, 4]), tensor([1, 4], [1, 2, 3, 4]), 0, "js")).toEqual({ reason: "shape", path: "", expected: "(4,)", got: "(1, 4)" });
  });
  it("the first differing element by its multi-index, within tol", () => {
    // flat index 4 of a (2, 3) tensor is [1, 1]
    const e = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(compareShown(e, tensor([2, 3], [1, 2, 3, 4, 5.01, 7]), 0.001, "js")).toEqual({ reason: "value", path: "[1, 1]", expected: "5", got: "5.01" });
    expect(compareShown(e, tensor([2, 3], [1, 2, 3, 4, 5.0005, 6]), 0.001, "js")).toBeNull();
  });
  it("a tensor against a nested list compares by shape; a ragged list cannot be a tensor", () => {
    const e = tensor([2, 2], [1, 2, 3, 4]);
    expect(compareShown(list(list(n(1), n(2)), list(n(3), n(4))), e, 0, "js")).toBeNull();
    expect(compareShown(e, list(list(n(1), n(2)), list(n(3), n(9))), 0, "js")).toEqual({ reason: "value", path: "[1, 1]", expected: "4", got: "9" });
    expect(compareShown(e, list(list(n(1), n(2)), list(n(3))), 0, "js")?.reason).toBe("type");
  });
  it("unravel turns a flat index into a multi-index", () => {
    expect(unravel(5, [2, 3])).toEqual([1, 2]);
    expect(unravel(13, [2, 3, 4])).toEqual([1, 0, 1]); // 13 = 1·12 + 0·4 + 1
    expect(unravel(0, [])).toEqual([]);
  });
  it("prints a tensor as nested brackets with 7 significant digits, cutting long axes", () => {
    expect(formatShown(tensor([2, 2], [0.10000000149011612, 2, 3, 4]), "js")).toBe("[[0.1, 2], [3, 4]]");
    expect(formatShown(tensor([8], [0, 1, 2, 3, 4, 5, 6, 7]), "js")).toBe("[0, 1, 2, 3, 4, 5, …]");
  });
});

describe("results", () => {
  it("finishRun compares every check; an error fails its test; allPass needs no error and every test", () => {
    const r = finishRun({
      tests: [
        { name: "ok", input: "", tol: 0, expected: n(1), got: n(1) },
        { name: "off", input: "", tol: 0, expected: n(1), got: n(2) },
        { name: "raised", input: "", tol: 0, expected: n(1), error: { type: "ZeroDivisionError", message: "division by zero", line: 3, where: "code" } },
      ],
      output: "",
    }, "python");
    expect(r.tests.map((t) => t.pass)).toEqual([true, false, false]);
    expect(r.tests[1].mismatch).toEqual({ reason: "value", path: "", expected: "1.0", got: "2.0" });
    expect(allPass(r)).toBe(false);
    expect(allPass(finishRun({ tests: [], output: "" }, "js"))).toBe(false);
  });
  it("parseShownJson reads Python's non-finite floats back, and leaves strings alone", () => {
    const v = parseShownJson<Shown[]>('[{"kind":"number","value":"NaN"},{"kind":"number","value":"-Infinity"},{"kind":"string","value":"NaN"}]');
    expect(Number.isNaN((v[0] as { value: number }).value)).toBe(true);
    expect(v[1]).toEqual({ kind: "number", value: -Infinity });
    expect(v[2]).toEqual({ kind: "string", value: "NaN" });
  });
});

describe("line mapping (JS runs the code and the tests as one function body)", () => {
  const joined = joinSources("function f() {\n  return g();\n}", "check('a', () => f(), 1)\ncheck('b', () => 2, 2)");
  it("maps a body line back to the code or the tests", () => {
    expect(joined.source).toBe("function f() {\n  return g();\n}\n;\ncheck('a', () => f(), 1)\ncheck('b', () => 2, 2)\n//# sourceURL=dojo-exercise.js");
    expect(joined.locate(2)).toEqual({ where: "code", line: 2 });
    expect(joined.locate(4)).toBeNull(); // the ";" line
    expect(joined.locate(5)).toEqual({ where: "tests", line: 1 });
    expect(joined.locate(6)).toEqual({ where: "tests", line: 2 });
    expect(joined.locate(8)).toBeNull();
  });
  it("reads V8 and Firefox stack frames and prefers the innermost frame in the learner's code", () => {
    const v8 = "ReferenceError: g is not defined\n    at f (dojo-exercise.js:4:10)\n    at eval (dojo-exercise.js:7:19)\n    at check (harness.js:1:1)";
    expect(stackLines(v8)).toEqual([4, 7]);
    // V8's new Function puts two lines before the body: body line 2 is the code's line 2
    expect(errorLocation(v8, joined, 2)).toEqual({ where: "code", line: 2 });
    const ff = "f@dojo-exercise.js:4:10\n@dojo-exercise.js:7:19";
    expect(errorLocation(ff, joined, 2)).toEqual({ where: "code", line: 2 });
    // an error in the tests only (a TypeError inside tf, then the tests' frame)
    expect(errorLocation("TypeError: x\n    at tf.js:10:2\n    at eval (dojo-exercise.js:8:3)", joined, 2)).toEqual({ where: "tests", line: 2 });
    expect(errorLocation("Error: x\n    at somewhere.js:1:1", joined, 2)).toBeUndefined();
  });
});
