/**
 * GraphStepper's model, with no React: build our autograd graph from an expression, then replay the learner's
 * buttons (forward, backward one node at a time, zero-grad) on it with the engine's own backwardStep closures.
 * The widget's whole state is three numbers (Progress), so it fits in the URL and a shared link replays it.
 */
import { Value } from "../../core/autograd/engine";
import { ExprError, evaluate, lookupIn, parseExpr, parseValues, valueOps, variablesOf, type Expr } from "../../core/autograd/expr";

export interface GraphNode {
  id: number; // index in topological order (inputs before outputs)
  value: Value;
  name: string; // "a", "d", "-1", "n3"
  kind: "var" | "const" | "op";
  op: string; // the engine's op: "+", "*", "^2", "exp", "log", "tanh", "σ", "ReLU"; "" for leaves
  inputs: number[];
  definition: string; // "a·b", "d + c", "tanh(n)"; a leaf's own name
}

export interface Graph {
  nodes: GraphNode[];
  root: GraphNode;
  /** The nodes backward() runs a local chain rule for, in the order it runs them (leaves have none). */
  order: GraphNode[];
}

/** The most a picture (and a learner) can follow; "(a+b)^2 * …" rarely needs more. */
export const MAX_NODES = 40;

export function opSymbol(op: string): string {
  return op === "*" ? "×" : op.startsWith("^") ? `x${superscript(op.slice(1))}` : op;
}
const superscript = (s: string) => s.replace(/[-0-9.]/g, (c) => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹·"["-0123456789.".indexOf(c)]);

/**
 * Evaluates `expr` on our engine with the given leaves, and names each node. `names` label the operation nodes in
 * topological order; without them they are n1, n2, … and the root is "out".
 * Example: buildGraph(parseExpr("(a*b + c)*f"), leaves, ["d", "e", "L"]) → nodes a, b, d, c, e, f, L; L.data = -8.
 */
export function buildGraph(e: Expr, leaves: Record<string, Value>, names: string[] = []): Graph {
  const rootValue = evaluate(e, valueOps, lookupIn(leaves));
  const topo = rootValue.topo();
  if (topo.length > MAX_NODES)
    throw new ExprError("tooBig", { count: topo.length, max: MAX_NODES }, `This graph has ${topo.length} nodes; at most ${MAX_NODES} fit the picture. Try a shorter expression.`);
  const ids = new Map(topo.map((v, i) => [v, i]));
  const taken = new Set(Object.keys(leaves));
  let opIndex = 0, auto = 0;
  const nextAuto = (isRoot: boolean) => {
    if (isRoot && !taken.has("out")) return "out";
    let n: string;
    do n = `n${++auto}`;
    while (taken.has(n));
    return n;
  };
  const nodes: GraphNode[] = [];
  for (const [i, v] of topo.entries()) {
    const leaf = v.inputs.length === 0;
    const isVar = leaf && leaves[v.label] === v;
    const name = leaf ? (isVar ? v.label : String(v.data)) : (names[opIndex++] ?? nextAuto(i === topo.length - 1));
    const inputs = v.inputs.map((x) => ids.get(x)!);
    nodes.push({ id: i, value: v, name, kind: isVar ? "var" : leaf ? "const" : "op", op: v.op, inputs, definition: name });
  }
  for (const n of nodes) if (n.kind === "op") n.definition = definitionOf(n, n.inputs.map((i) => nodes[i].name));
  const root = nodes[nodes.length - 1];
  return { nodes, root, order: nodes.filter((n) => n.kind === "op").reverse() };
}

function definitionOf(n: GraphNode, [u, v]: string[]): string {
  if (n.op === "+") return `${u} + ${v}`;
  if (n.op === "*") return `${u}·${v}`;
  if (n.op.startsWith("^")) return `${u}^${n.op.slice(1)}`;
  return `${n.op}(${u})`;
}

/**
 * ∂node/∂(its i-th input): the formula a learner would write, and its value now.
 * Example: for d = a·b with a = 2, b = -3: localDerivative(d, 0) → { formula: "b", value: -3 }
 */
export function localDerivative(g: Graph, n: GraphNode, i: number): { formula: string; value: number } {
  const [u, v] = n.inputs.map((id) => g.nodes[id]);
  const x = g.nodes[n.inputs[i]];
  const out = n.value.data;
  if (n.op === "+") return { formula: "1", value: 1 };
  if (n.op === "*") {
    const other = i === 0 ? v : u;
    return { formula: other.name, value: other.value.data };
  }
  if (n.op.startsWith("^")) {
    const k = Number(n.op.slice(1));
    return { formula: `${k}·${x.name}^${k - 1}`, value: k * x.value.data ** (k - 1) };
  }
  if (n.op === "exp") return { formula: `exp(${x.name}) = ${n.name}`, value: out };
  if (n.op === "log") return { formula: `1/${x.name}`, value: 1 / x.value.data };
  if (n.op === "tanh") return { formula: `1 − ${n.name}²`, value: 1 - out * out };
  if (n.op === "σ") return { formula: `${n.name}·(1 − ${n.name})`, value: out * (1 - out) };
  if (n.op === "ReLU") return { formula: `${x.name} > 0 ? 1 : 0`, value: x.value.data > 0 ? 1 : 0 };
  throw new Error(`No local derivative for op "${n.op}".`);
}

// ---- stepping ---------------------------------------------------------------------------------------------

/**
 * forwarded: the forward pass has run on the current graph. passes: completed backward passes whose grads still
 * sit in the leaves (more than 0 only when zero-grad was forgotten). step: how many of the current graph's
 * backward steps have run; step 0 seeds ∂root/∂root = 1, step k runs the k-th node of graph.order.
 */
export interface Progress {
  forwarded: boolean;
  passes: number;
  step: number;
}
export const initialProgress: Progress = { forwarded: false, passes: 0, step: 0 };
export type Action = "forward" | "step" | "all" | "zero";

/** Steps in one backward pass: the seed, then one per operation node. */
export const stepCount = (g: Graph) => 1 + g.order.length;

/**
 * The buttons as a pure reducer. `forget` is the "forget zero-grad" switch: a new forward keeps the leaves' grads
 * (as a training loop without optimizer.zero_grad() does) instead of starting them from 0.
 */
export function reduce(p: Progress, action: Action, steps: number, forget: boolean): Progress {
  const midPass = p.forwarded && p.step > 0 && p.step < steps;
  switch (action) {
    case "forward":
      if (midPass) return p; // finish the backward pass first: the leaves hold part of it
      return { forwarded: true, passes: forget && p.forwarded ? p.passes + (p.step === steps ? 1 : 0) : 0, step: 0 };
    case "step":
      return !p.forwarded ? reduce(p, "forward", steps, forget) : { ...p, step: Math.min(p.step + 1, steps) };
    case "all":
      return { ...(p.forwarded ? p : reduce(p, "forward", steps, forget)), step: steps };
    case "zero":
      return { ...p, passes: 0, step: 0 };
  }
}

export interface Contribution {
  input: GraphNode;
  formula: string; // ∂node/∂input, e.g. "b"
  local: number; // its value
  upstream: number; // node.grad
  before: number; // input.grad before this term
  after: number; // input.grad after it
}
export type LastStep = { kind: "seed"; node: GraphNode } | { kind: "node"; node: GraphNode; terms: Contribution[] };

export interface Snapshot {
  graph: Graph;
  variables: string[];
  values: Record<string, number>;
  progress: Progress;
  steps: number;
  last?: LastStep;
  next?: GraphNode; // the node the next step will run
}

/**
 * Replays `progress` from scratch: `passes` full backward passes on fresh graphs over the same leaves (that is what
 * a training loop does each step), then `step` steps on the current graph. Throws ExprError for bad input.
 * Example: replay("(a*b + c)*f", "a=2, b=-3, c=10, f=-2", [], { forwarded: true, passes: 0, step: 4 }) → a.grad = 6
 */
export function replay(exprText: string, valuesText: string, names: string[], progress: Progress): Snapshot {
  const e = parseExpr(exprText);
  const values = parseValues(valuesText);
  const variables = variablesOf(e);
  const leaves: Record<string, Value> = {};
  for (const name of variables) if (name in values) leaves[name] = new Value(values[name], [], "", name);
  let graph = buildGraph(e, leaves, names);
  const steps = stepCount(graph);
  const p: Progress = progress.forwarded
    ? { forwarded: true, passes: Math.max(0, Math.floor(progress.passes)), step: Math.max(0, Math.min(steps, Math.floor(progress.step))) }
    : initialProgress;
  if (!p.forwarded) return { graph, variables, values, progress: p, steps, next: graph.root };

  for (let i = 0; i < p.passes; i++) {
    graph.root.value.backward(); // the engine's own full pass
    graph = buildGraph(e, leaves, names); // a fresh forward: new intermediate nodes, the same leaves
  }
  let last: LastStep | undefined;
  for (let k = 0; k < p.step; k++) last = runStep(graph, k);
  const next = p.step === 0 ? graph.root : graph.order[p.step - 1];
  return { graph, variables, values, progress: p, steps, last, next: p.step < steps ? next : undefined };
}

/** Runs backward step k on the graph and says what it did. */
function runStep(g: Graph, k: number): LastStep {
  if (k === 0) {
    g.root.value.grad = 1; // ∂root/∂root, as Value.backward() seeds it
    return { kind: "seed", node: g.root };
  }
  const node = g.order[k - 1];
  const running = new Map(node.inputs.map((id) => [id, g.nodes[id].value.grad]));
  const terms = node.inputs.map((id, i) => {
    const { formula, value: local } = localDerivative(g, node, i);
    const before = running.get(id)!;
    const after = before + local * node.value.grad;
    running.set(id, after);
    return { input: g.nodes[id], formula, local, upstream: node.value.grad, before, after };
  });
  node.value.backwardStep(); // the engine does the real work; the terms above only explain it
  return { kind: "node", node, terms };
}
