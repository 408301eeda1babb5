import { describe, expect, it } from "vitest";
import { fmt } from "../../src/widgets/graph-stepper/format";
import { initialProgress, localDerivative, reduce, replay, type Progress } from "../../src/widgets/graph-stepper/graph";
import { layoutGraph } from "../../src/widgets/graph-stepper/layout";
import { presets, resolveSource } from "../../src/widgets/graph-stepper/presets";

const full = (steps: number): Progress => ({ forwarded: true, passes: 0, step: steps });
/** Replays a whole backward pass on a preset and returns { name: [data, grad] } for its named nodes. */
function run(name: keyof typeof presets, progress?: Progress) {
  const p = presets[name];
  const probe = replay(p.expr, p.values, p.names, initialProgress);
  const snap = replay(p.expr, p.values, p.names, progress ?? full(probe.steps));
  return { snap, node: (n: string) => snap.graph.nodes.find((x) => x.name === n)!.value };
}

describe("every preset's hand-worked gradients (CURRICULUM L2)", () => {
  it("apples with tax: 100 × 2 × 1.1 = 220; price 2.2, count 110, tax 200", () => {
    const { node } = run("apples");
    expect(node("total").data).toBeCloseTo(220, 12);
    expect(node("cost").data).toBe(200);
    expect(node("price").grad).toBeCloseTo(2.2, 12); // count · tax
    expect(node("count").grad).toBeCloseTo(110, 12); // price · tax
    expect(node("tax").grad).toBe(200); // price · count
  });
  it("L = (a·b + c)·f = -8; ∂a = 6, ∂b = -4, ∂c = -2, ∂f = 4 (and d = -6, e = 4)", () => {
    const { node } = run("abcf");
    expect([node("d").data, node("e").data, node("L").data]).toEqual([-6, 4, -8]);
    expect(["a", "b", "c", "f", "d", "e", "L"].map((n) => node(n).grad)).toEqual([6, -4, -2, 4, -2, -2, 1]);
  });
  it("tanh neuron: o = 0.7071; ∂w1 = 1, ∂x1 = -1.5, ∂x2 = 0.5, ∂w2 = 0, ∂b = ∂n = 1 − o² = 0.5", () => {
    const { node } = run("tanh");
    expect(node("n").data).toBeCloseTo(0.8813735870195432, 12);
    expect(node("o").data).toBeCloseTo(0.7071, 4);
    expect(node("w1").grad).toBeCloseTo(1, 12);
    expect(node("x1").grad).toBeCloseTo(-1.5, 12);
    expect(node("x2").grad).toBeCloseTo(0.5, 12);
    expect(node("w2").grad).toBe(0);
    expect(node("b").grad).toBeCloseTo(0.5, 12);
  });
  it("sigmoid neuron with n = 1: o = σ(1) = 0.7311, ∂n = σ(1)(1 − σ(1)) = 0.1966, ∂w1 = x1 · 0.1966", () => {
    const { node } = run("sigmoid");
    const s = 1 / (1 + Math.exp(-1)), ds = s * (1 - s);
    expect(node("n").data).toBe(1);
    expect(node("o").data).toBeCloseTo(0.7311, 4);
    expect(node("b").grad).toBeCloseTo(0.1966, 4);
    expect(node("w1").grad).toBeCloseTo(2 * ds, 12);
    expect(node("x1").grad).toBeCloseTo(-3 * ds, 12);
    expect(node("x2").grad).toBeCloseTo(ds, 12);
  });
});

describe("stepping backward one node at a time on L = (a·b + c)·f", () => {
  const p = presets.abcf;
  const at = (step: number) => replay(p.expr, p.values, p.names, { forwarded: true, passes: 0, step });
  const grads = (step: number) => Object.fromEntries(at(step).graph.nodes.map((n) => [n.name, n.value.grad]));

  it("has 4 steps: the seed, then L, e, d (reverse topological order)", () => {
    expect(at(0).steps).toBe(4);
    expect(at(0).graph.order.map((n) => n.name)).toEqual(["L", "e", "d"]);
  });
  it("each step fills in exactly the grads the chain rule gives by hand", () => {
    expect(grads(0)).toEqual({ a: 0, b: 0, d: 0, c: 0, e: 0, f: 0, L: 0 });
    expect(grads(1)).toEqual({ a: 0, b: 0, d: 0, c: 0, e: 0, f: 0, L: 1 }); // seed
    expect(grads(2)).toEqual({ a: 0, b: 0, d: 0, c: 0, e: -2, f: 4, L: 1 }); // L = e·f: ∂e = f, ∂f = e
    expect(grads(3)).toEqual({ a: 0, b: 0, d: -2, c: -2, e: -2, f: 4, L: 1 }); // e = d + c: both get 1 · -2
    expect(grads(4)).toEqual({ a: 6, b: -4, d: -2, c: -2, e: -2, f: 4, L: 1 }); // d = a·b: ∂a = b, ∂b = a
  });
  it("explains the last step with its local derivatives, before and after", () => {
    const last = at(4).last!;
    expect(last.kind).toBe("node");
    if (last.kind !== "node") return;
    expect(last.node.definition).toBe("a·b");
    expect(last.terms.map((t) => [t.input.name, t.formula, t.local, t.upstream, t.before, t.after])).toEqual([
      ["a", "b", -3, -2, 0, 6],
      ["b", "a", 2, -2, 0, -4],
    ]);
    expect(at(1).last).toMatchObject({ kind: "seed" });
    expect(at(2).next?.name).toBe("e");
  });
  it("a step beyond the end is clamped, and an unforwarded graph has no grads", () => {
    expect(at(99).progress.step).toBe(4);
    expect(replay(p.expr, p.values, p.names, { forwarded: false, passes: 3, step: 2 }).progress).toEqual(initialProgress);
  });
});

describe("forgetting zero-grad", () => {
  it("a second forward + backward without zeroing doubles every leaf grad; zero-grad restores them", () => {
    const p = presets.abcf;
    let prog = initialProgress;
    const press = (a: Parameters<typeof reduce>[1], forget: boolean) => (prog = reduce(prog, a, 4, forget));
    press("all", true);
    press("forward", true);
    press("all", true);
    expect(prog).toEqual({ forwarded: true, passes: 1, step: 4 });
    const leaf = (n: string) => replay(p.expr, p.values, p.names, prog).graph.nodes.find((x) => x.name === n)!.value.grad;
    expect(["a", "b", "c", "f"].map(leaf)).toEqual([12, -8, -4, 8]);
    press("forward", false); // a careful loop zeroes first
    press("all", false);
    expect(["a", "b", "c", "f"].map(leaf)).toEqual([6, -4, -2, 4]);
    press("zero", false);
    expect(["a", "b", "c", "f"].map(leaf)).toEqual([0, 0, 0, 0]);
  });
  it("forward is refused in the middle of a backward pass; → on a fresh widget runs the forward first", () => {
    expect(reduce({ forwarded: true, passes: 0, step: 2 }, "forward", 4, true)).toEqual({ forwarded: true, passes: 0, step: 2 });
    expect(reduce(initialProgress, "step", 4, false)).toEqual({ forwarded: true, passes: 0, step: 0 });
    expect(reduce(initialProgress, "all", 4, false)).toEqual({ forwarded: true, passes: 0, step: 4 });
  });
});

describe("localDerivative agrees with the engine's own backwardStep for every op", () => {
  it.each([
    ["+", "u + v"], ["*", "u * v"], ["^3", "u^3"], ["^-1", "u^-1"], ["exp", "exp(u)"], ["log", "log(v)"], ["tanh", "tanh(u)"], ["σ", "sigmoid(u)"], ["ReLU", "relu(u)"],
  ])("%s", (op, expr) => {
    for (const [u, v] of [[0.7, 1.3], [-2.5, 0.4], [3, 2]]) {
      const { graph } = replay(expr, `u=${u}, v=${v}`, [], { forwarded: true, passes: 0, step: 0 });
      const node = graph.root;
      expect(node.op).toBe(op);
      node.value.grad = 1.7;
      const locals = node.inputs.map((_, i) => localDerivative(graph, node, i).value);
      node.value.backwardStep();
      node.inputs.forEach((id, i) => expect(graph.nodes[id].value.grad, `${expr} at u=${u}, input ${i}`).toBeCloseTo(1.7 * locals[i], 12));
    }
  });
});

describe("layoutGraph", () => {
  const p = presets.abcf;
  const g = replay(p.expr, p.values, p.names, initialProgress).graph;
  const { boxes, width, height } = layoutGraph(g.nodes.map((n) => ({ inputs: n.inputs, width: 100 })));
  const col = (name: string) => boxes[g.nodes.find((n) => n.name === name)!.id].col;
  it("puts ops one column right of their deepest input and leaves just left of their consumer", () => {
    expect(["a", "b", "d", "c", "e", "f", "L"].map(col)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
  it("draws every edge left to right, with no two boxes overlapping, inside the picture", () => {
    for (const n of g.nodes) for (const i of n.inputs) expect(boxes[i].x + boxes[i].w).toBeLessThan(boxes[n.id].x);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${g.nodes[i].name} and ${g.nodes[j].name}`).toBe(false);
      }
    for (const b of boxes) expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height).toBe(true);
  });
  it("orders the tanh neuron's first column by consumer: x1, w1 above x2, w2", () => {
    const t = presets.tanh;
    const tg = replay(t.expr, t.values, t.names, initialProgress).graph;
    const lay = layoutGraph(tg.nodes.map((n) => ({ inputs: n.inputs, width: 100 })));
    const y = (name: string) => lay.boxes[tg.nodes.find((n) => n.name === name)!.id].y;
    expect(y("x1") < y("w1") && y("w1") < y("x2") && y("x2") < y("w2")).toBe(true);
  });
});

describe("typed expressions", () => {
  it("a value used twice is one node, and its grad sums both paths: d(x·x)/dx = 2x = 6", () => {
    const snap = replay("x*x", "x=3", [], { forwarded: true, passes: 0, step: 2 });
    expect(snap.graph.nodes.map((n) => n.name)).toEqual(["x", "out"]);
    expect(snap.graph.nodes[0].value.grad).toBe(6);
  });
  it("subtraction is drawn as micrograd builds it, a + b·(-1), with auto names n1, out", () => {
    const snap = replay("a - b", "a=5, b=2", [], full(3));
    expect(snap.graph.nodes.map((n) => [n.name, n.kind, n.definition])).toEqual([
      ["a", "var", "a"], ["b", "var", "b"], ["-1", "const", "-1"], ["n1", "op", "b·-1"], ["out", "op", "a + n1"],
    ]);
    expect(snap.graph.nodes.map((n) => n.value.grad)).toEqual([1, -1, 2, 1, 1]); // ∂out/∂n1 = 1, ∂n1/∂b = -1, ∂n1/∂(-1) = b
  });
  it("a preset with new values keeps its names; custom ignores preset names", () => {
    expect(resolveSource("abcf", "", "a=1, b=1, c=1, f=1")).toEqual({ ...presets.abcf, values: "a=1, b=1, c=1, f=1" });
    expect(resolveSource("custom", "x*x", "x=3")).toEqual({ expr: "x*x", values: "x=3", names: [] });
  });
  it("refuses a graph too big to draw, naming its size", () => {
    expect(() => replay(Array(25).fill("a").join(" - "), "a=1", [], initialProgress)).toThrow("This graph has 73 nodes; at most 40 fit the picture.");
  });
});

describe("fmt", () => {
  it.each([
    [220.00000000000003, "220"], [0.7071067811865476, "0.7071"], [-0, "0"], [3e-9, "3e-9"], [-1.5, "-1.5"], [1234567, "1.235e6"], [NaN, "NaN"],
  ])("%s → %s", (x, s) => expect(fmt(x)).toBe(s));
});
