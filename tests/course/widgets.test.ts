import { describe, expect, it } from "vitest";
import { validateProps } from "../../src/course/widgetSpecs";
import { exampleMatrices } from "../../src/widgets/matmul-demo/matrices";
import { parseRoute } from "../../src/course/route";

describe("validateProps", () => {
  it("fills defaults and converts numbers", () => {
    expect(validateProps("matmul-demo", { m: "3" })).toEqual({ props: { m: 3, k: 3, n: 2 }, errors: [] });
  });
  it("explains each bad value", () => {
    expect(validateProps("matmul-demo", { m: "x", k: "2.5", n: "" }).errors).toEqual([
      'prop "m" must be a number, got "x".',
      'prop "k" must be a whole number, got 2.5.',
      'prop "n" must be a number, got "".',
    ]);
  });
});

describe("matmul-demo's matrices", () => {
  it("multiply to the hand-worked product", () => {
    const { a, b } = exampleMatrices(2, 3, 2);
    expect(a).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(b).toEqual([[1, 0], [0, 1], [1, 1]]);
    // C[i][j] = sum_k A[i][k] B[k][j]: row 0 → [1+3, 2+3], row 1 → [4+6, 5+6]
    const c = a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
    expect(c).toEqual([[4, 5], [10, 11]]);
  });
});

describe("parseRoute", () => {
  it.each([
    ["", { page: "map" }],
    ["#/", { page: "map" }],
    ["#/lessons/tensors", { page: "lesson", slug: "tensors", section: undefined }],
    ["#/lessons/tensors/shapes?lang=ja", { page: "lesson", slug: "tensors", section: "shapes" }],
    ["#/lab", { page: "lab" }],
    ["#/device?backend=wasm", { page: "device" }],
    ["#/lessons", { page: "notFound", path: "/lessons" }],
    ["#/nowhere", { page: "notFound", path: "/nowhere" }],
    ["#/present/attention", { page: "present", slug: "attention", slide: 0 }],
    ["#/present/attention/3?lang=ja", { page: "present", slug: "attention", slide: 2 }],
    ["#/present/attention/0", { page: "notFound", path: "/present/attention/0" }],
    ["#/present/attention/x", { page: "notFound", path: "/present/attention/x" }],
    ["#/presenter/attention", { page: "presenter", slug: "attention" }],
    ["#/handout/decoding/beam?beam.width=3", { page: "handout", slug: "decoding", widget: "beam" }],
    ["#/handout/decoding", { page: "notFound", path: "/handout/decoding" }],
  ])("%s", (hash, route) => expect(parseRoute(hash)).toEqual(route));
});

import { decodeState, encodeState } from "../../src/course/urlState";

describe("widget URL state", () => {
  const schema = {
    n: { type: "number", default: 2, min: 1, max: 9, integer: true },
    op: { type: "enum", default: "add", values: ["add", "matmul"] },
    on: { type: "boolean", default: false },
    text: { type: "string", default: "aaabdaaabac", maxLength: 20 },
  } as const;
  it("reads valid values and falls back to defaults for bad ones", () => {
    const p = new URLSearchParams("w.n=5&w.op=matmul&w.on=1&w.text=あいう&other=x");
    expect(decodeState(schema, p, "w")).toEqual({ n: 5, op: "matmul", on: true, text: "あいう" });
    const bad = new URLSearchParams("w.n=0&w.op=pow&w.on=maybe&w.text=" + "x".repeat(21));
    expect(decodeState(schema, bad, "w")).toEqual({ n: 2, op: "add", on: false, text: "aaabdaaabac" });
  });
  it("writes only non-defaults, keeps other params, and round-trips", () => {
    const out = encodeState(schema, { n: 3, op: "add", on: true, text: "hi there" }, new URLSearchParams("lang=ja&w.op=matmul"), "w");
    expect(out.toString()).toBe("lang=ja&w.n=3&w.on=1&w.text=hi+there");
    expect(decodeState(schema, out, "w")).toEqual({ n: 3, op: "add", on: true, text: "hi there" });
  });
});
