/**
 * BroadcastAnimator's steps, as data: two small tensors (at most 2 axes), aligned on the right, their size-1
 * axes stretched one at a time (the stretched cells are virtual: the same numbers read again), then the
 * elementwise result. Pure, so tests compare the final grid with TF.js.
 */

export type Op = "add" | "mul" | "div";
export interface Tensor2 {
  shape: number[]; // as written: [4], [3, 1], [3, 3]
  values: number[][]; // as a 2-D grid: a (4,) tensor is one row
}

export interface Preset {
  a: Tensor2;
  b: Tensor2;
  op: Op;
  code: string; // how the learner would write it
}

const P = [[1, 1, 2], [2, 6, 0], [1, 0, 3]]; // row sums 4, 8, 4
export const presets = {
  outer: { a: { shape: [3, 1], values: [[1], [2], [3]] }, b: { shape: [4], values: [[10, 20, 30, 40]] }, op: "add", code: "a + b" },
  row: { a: { shape: [2, 3], values: [[1, 2, 3], [4, 5, 6]] }, b: { shape: [3], values: [[10, 20, 30]] }, op: "add", code: "x + b" },
  keepdim: { a: { shape: [3, 3], values: P }, b: { shape: [3, 1], values: [[4], [8], [4]] }, op: "div", code: "P / P.sum(1, keepdim=True)" },
  nokeepdim: { a: { shape: [3, 3], values: P }, b: { shape: [3], values: [[4, 8, 4]] }, op: "div", code: "P / P.sum(1)" },
} satisfies Record<string, Preset>;
export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];

/** A grid drawn at the result's size: each cell has a value and whether it exists yet, and if so, whether it is virtual. */
export interface Cell {
  value: number;
  state: "hidden" | "real" | "virtual";
}
export type Grid = Cell[][];

export type Frame =
  | { kind: "given" }
  | { kind: "align"; which: "a" | "b"; from: number[]; to: number[] } // a missing axis becomes size 1
  | { kind: "stretch"; which: "a" | "b"; axis: number; to: number }
  | { kind: "result" }
  | { kind: "error"; axis: number; a: number; b: number };

export interface Step {
  frame: Frame;
  a: Grid;
  b: Grid;
  shapeA: number[]; // the shapes as they stand at this step
  shapeB: number[];
  result?: Grid;
}

const apply = (op: Op, x: number, y: number) => (op === "add" ? x + y : op === "mul" ? x * y : x / y);
const pad2 = (s: number[]) => [...Array(2 - s.length).fill(1), ...s];

/**
 * Example: broadcastSteps(presets.outer) → given, align b (4,) → (1, 4), stretch a axis 1 to 4,
 * stretch b axis 0 to 3, result [[11, 21, 31, 41], [12, 22, 32, 42], [13, 23, 33, 43]].
 */
export function broadcastSteps({ a, b, op }: Preset): Step[] {
  const [ra, ca] = pad2(a.shape), [rb, cb] = pad2(b.shape);
  for (const [axis, x, y] of [[1, ca, cb], [0, ra, rb]] as const)
    if (x !== y && x !== 1 && y !== 1) {
      const given = { frame: { kind: "given" } as Frame, a: grid(a.values, ra, ca, ra, ca), b: grid(b.values, rb, cb, rb, cb), shapeA: a.shape, shapeB: b.shape };
      return [given, { ...given, frame: { kind: "error", axis: axis - 2, a: x, b: y } }];
    }
  const R = Math.max(ra, rb), C = Math.max(ca, cb);
  const steps: Step[] = [];
  let sa = [...a.shape], sb = [...b.shape];
  let [vra, vca, vrb, vcb] = [ra, ca, rb, cb]; // how far each tensor is stretched so far
  const push = (frame: Frame, result?: Grid) =>
    steps.push({ frame, a: grid(a.values, ra, ca, vra, vca, R, C), b: grid(b.values, rb, cb, vrb, vcb, R, C), shapeA: sa, shapeB: sb, result });
  push({ kind: "given" });
  for (const which of ["a", "b"] as const) {
    const s = which === "a" ? sa : sb;
    if (s.length < 2) {
      const to = pad2(s);
      if (which === "a") sa = to;
      else sb = to;
      push({ kind: "align", which, from: s, to });
    }
  }
  // Stretch the last axis first, then the rows: the order a learner reads the right-aligned shapes in.
  for (const axis of [1, 0] as const)
    for (const which of ["a", "b"] as const) {
      const size = which === "a" ? (axis ? ca : ra) : axis ? cb : rb;
      const to = axis ? C : R;
      if (size === 1 && to > 1) {
        if (which === "a") [vra, vca, sa] = axis ? [vra, C, [sa[0], C]] : [R, vca, [R, sa[1]]];
        else [vrb, vcb, sb] = axis ? [vrb, C, [sb[0], C]] : [R, vcb, [R, sb[1]]];
        push({ kind: "stretch", which, axis, to });
      }
    }
  const out = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => ({ value: apply(op, a.values[ra === 1 ? 0 : i][ca === 1 ? 0 : j], b.values[rb === 1 ? 0 : i][cb === 1 ? 0 : j]), state: "real" as const })));
  push({ kind: "result" }, out);
  return steps;
}

/** The result's numbers, for tests and for row sums. */
export function resultValues(steps: Step[]): number[][] | null {
  const r = steps[steps.length - 1].result;
  return r ? r.map((row) => row.map((c) => c.value)) : null;
}

/**
 * A tensor of real size (r, c) drawn on an (R, C) canvas, stretched so far to (vr, vc): cells inside the real
 * size are real, cells inside the stretched size are virtual copies of row 0 / column 0, the rest hidden.
 */
function grid(values: number[][], r: number, c: number, vr: number, vc: number, R = r, C = c): Grid {
  return Array.from({ length: R }, (_, i) =>
    Array.from({ length: C }, (_, j) => {
      const value = values[r === 1 ? 0 : Math.min(i, r - 1)][c === 1 ? 0 : Math.min(j, c - 1)];
      const state = i < r && j < c ? "real" : i < vr && j < vc ? "virtual" : "hidden";
      return { value, state };
    }),
  );
}
