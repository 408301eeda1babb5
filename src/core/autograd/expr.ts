/**
 * A small, safe expression language for the autograd widgets (no eval): numbers, variables, + - * / ^, unary
 * minus, parentheses and exp() log() tanh() sigmoid() relu(). One AST, many evaluators: our Value engine,
 * float64 numbers, float32 numbers (Math.fround after every operation) and TF.js (tfExpr.ts).
 * Example: evaluate(parseExpr("(a*b + c)*f"), numberOps, { a: 2, b: -3, c: 10, f: -2 }) → -8
 */
import { Value } from "./engine";

export const functionNames = ["exp", "log", "tanh", "sigmoid", "relu"] as const;
export type FunctionName = (typeof functionNames)[number];

/** pos is the 1-based character position in the source, for error messages. */
export type Expr =
  | { kind: "num"; value: number; pos: number }
  | { kind: "var"; name: string; pos: number }
  | { kind: "bin"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr; pos: number }
  | { kind: "neg"; arg: Expr; pos: number }
  | { kind: "pow"; base: Expr; k: number; pos: number }
  | { kind: "call"; fn: FunctionName; arg: Expr; pos: number };

export type ExprErrorCode =
  | "empty"
  | "badChar"
  | "expectedOperand"
  | "unexpectedEnd"
  | "unclosedParen"
  | "expectedOperator"
  | "unknownFunction"
  | "functionNeedsParen"
  | "constantExponent"
  | "missingValue"
  | "badValues"
  | "duplicateValue"
  | "tooBig";

/** A mistake in what the learner typed. `params` fill the i18n message graphStepper.errors.<code>. */
export class ExprError extends Error {
  constructor(
    readonly code: ExprErrorCode,
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: ExprErrorCode, params: Record<string, string | number>, message: string): never => {
  throw new ExprError(code, params, message);
};

// ---- tokens ---------------------------------------------------------------------------------------------------

interface Token {
  type: "num" | "id" | "op" | "end";
  text: string;
  pos: number; // 1-based
}

const numberRe = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const identRe = /[A-Za-z_][A-Za-z0-9_]*/y;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    numberRe.lastIndex = i;
    identRe.lastIndex = i;
    const num = numberRe.exec(src);
    const id = num ? null : identRe.exec(src);
    if (num) out.push({ type: "num", text: num[0], pos: i + 1 });
    else if (id) out.push({ type: "id", text: id[0], pos: i + 1 });
    else if ("+-*/^()".includes(ch)) out.push({ type: "op", text: ch, pos: i + 1 });
    else if (ch === "·" || ch === "×") out.push({ type: "op", text: "*", pos: i + 1 }); // as the lesson prints them
    else fail("badChar", { pos: i + 1, found: ch }, `Syntax error at position ${i + 1}: "${ch}" is not allowed. Use numbers, variables, + - * / ^, parentheses and exp, log, tanh, sigmoid, relu.`);
    i += num ? num[0].length : id ? id[0].length : 1;
  }
  out.push({ type: "end", text: "", pos: src.length + 1 });
  return out;
}

// ---- parser: recursive descent, one function per precedence level ----------------------------------------------
//   expr  := term (("+" | "-") term)*
//   term  := unary (("*" | "/") unary)*
//   unary := "-" unary | power
//   power := atom ("^" unary)?          right-associative, and -x^2 = -(x^2) as in maths
//   atom  := number | name | fn "(" expr ")" | "(" expr ")"

export function parseExpr(src: string): Expr {
  if (src.trim() === "") fail("empty", {}, "Type an expression, for example (a*b + c)*f.");
  const tokens = tokenize(src);
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (text: string) => peek().type === "op" && peek().text === text;

  const expr = (): Expr => {
    let left = term();
    while (isOp("+") || isOp("-")) {
      const t = tokens[at++];
      left = { kind: "bin", op: t.text as "+" | "-", left, right: term(), pos: t.pos };
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp("*") || isOp("/")) {
      const t = tokens[at++];
      left = { kind: "bin", op: t.text as "*" | "/", left, right: unary(), pos: t.pos };
    }
    return left;
  };
  const unary = (): Expr => {
    if (!isOp("-")) return power();
    const t = tokens[at++];
    const arg = unary();
    // subtle: fold "-3" into one constant, so b*-3 draws a leaf -3 and not 3·(-1).
    return arg.kind === "num" && arg.pos === t.pos + 1 ? { ...arg, value: -arg.value, pos: t.pos } : { kind: "neg", arg, pos: t.pos };
  };
  const power = (): Expr => {
    const base = atom();
    if (!isOp("^")) return base;
    const t = tokens[at++];
    const exponent = unary();
    const k = constantValue(exponent);
    if (k === null) fail("constantExponent", { pos: exponent.pos }, `The exponent at position ${exponent.pos} must be a number, like x^2 or x^-1: our engine's pow takes a constant exponent.`);
    return { kind: "pow", base, k: k as number, pos: t.pos };
  };
  const atom = (): Expr => {
    const t = tokens[at];
    if (t.type === "num") {
      at++;
      return { kind: "num", value: Number(t.text), pos: t.pos };
    }
    if (t.type === "id") {
      at++;
      const isFn = (functionNames as readonly string[]).includes(t.text);
      if (isOp("(")) {
        if (!isFn) fail("unknownFunction", { pos: t.pos, name: t.text }, `Unknown function "${t.text}" at position ${t.pos}. Known functions: ${functionNames.join(", ")}.`);
        return { kind: "call", fn: t.text as FunctionName, arg: parenthesized(), pos: t.pos };
      }
      if (isFn) fail("functionNeedsParen", { pos: t.pos, name: t.text }, `Syntax error at position ${t.pos}: ${t.text} is a function, write ${t.text}(…).`);
      return { kind: "var", name: t.text, pos: t.pos };
    }
    if (isOp("(")) return parenthesized();
    if (t.type === "end") fail("unexpectedEnd", { pos: t.pos }, `Syntax error at position ${t.pos}: the expression ends too early; expected a number, a variable or "(".`);
    return fail("expectedOperand", { pos: t.pos, found: t.text }, `Syntax error at position ${t.pos}: expected a number, a variable or "(", found "${t.text}".`);
  };
  const parenthesized = (): Expr => {
    const open = tokens[at++]; // "("
    const inner = expr();
    if (!isOp(")")) {
      const t = peek();
      if (t.type === "end") fail("unclosedParen", { pos: open.pos }, `Syntax error at position ${open.pos}: this "(" is never closed.`);
      fail("expectedOperator", { pos: t.pos, found: t.text }, `Syntax error at position ${t.pos}: expected an operator or ")", found "${t.text}".`);
    }
    at++;
    return inner;
  };

  const root = expr();
  const t = peek();
  if (t.type !== "end") fail("expectedOperator", { pos: t.pos, found: t.text }, `Syntax error at position ${t.pos}: expected an operator or ")", found "${t.text}".`);
  return root;
}

/** The number a variable-free expression stands for (x^(1/2) → 0.5), or null if it names a variable. */
function constantValue(e: Expr): number | null {
  try {
    return evaluate(e, numberOps, () => {
      throw new Error("not constant");
    });
  } catch {
    return null;
  }
}

/** Variable names in order of first appearance. Example: "(a*b + c)*f + a" → ["a", "b", "c", "f"] */
export function variablesOf(e: Expr, out: string[] = []): string[] {
  if (e.kind === "var" && !out.includes(e.name)) out.push(e.name);
  if (e.kind === "bin") [e.left, e.right].forEach((x) => variablesOf(x, out));
  if (e.kind === "neg" || e.kind === "call") variablesOf(e.arg, out);
  if (e.kind === "pow") variablesOf(e.base, out);
  return out;
}

/**
 * Parses "a=2, b=-3" (commas, semicolons or spaces between entries) into { a: 2, b: -3 }.
 * Example: parseValues("x1=2 x2=0") → { x1: 2, x2: 0 }
 */
export function parseValues(src: string): Record<string, number> {
  const out: Record<string, number> = {};
  const entry = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*[,;]?/y;
  let i = 0;
  while (i < src.length && src.slice(i).trim() !== "") {
    entry.lastIndex = i;
    const m = entry.exec(src);
    if (!m) {
      const pos = i + 1 + (src.slice(i).length - src.slice(i).trimStart().length);
      const found = src.slice(pos - 1).split(/[,;\s]/)[0];
      fail("badValues", { pos, found }, `Values, position ${pos}: expected name=number (like a=2, b=-3), found "${found}".`);
      break;
    }
    if (m[1] in out) fail("duplicateValue", { name: m[1] }, `Variable "${m[1]}" has two values; give it one.`);
    out[m[1]] = Number(m[2]);
    i = entry.lastIndex;
  }
  return out;
}

/** Writes values back in the same syntax. Example: formatValues({ a: 2, b: -3 }) → "a=2, b=-3" */
export function formatValues(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

// ---- evaluation ---------------------------------------------------------------------------------------------

/** How to compute in one number system. T is a JS number, an autograd Value or a TF.js scalar. */
export interface Ops<T> {
  num(x: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  pow(a: T, k: number): T;
  fn(name: FunctionName, a: T): T;
}

export function evaluate<T>(e: Expr, ops: Ops<T>, lookup: (name: string, pos: number) => T): T {
  const go = (x: Expr): T => {
    switch (x.kind) {
      case "num":
        return ops.num(x.value);
      case "var":
        return lookup(x.name, x.pos);
      case "neg":
        return ops.neg(go(x.arg));
      case "pow":
        return ops.pow(go(x.base), x.k);
      case "call":
        return ops.fn(x.fn, go(x.arg));
      case "bin": {
        const a = go(x.left), b = go(x.right);
        return x.op === "+" ? ops.add(a, b) : x.op === "-" ? ops.sub(a, b) : x.op === "*" ? ops.mul(a, b) : ops.div(a, b);
      }
    }
  };
  return go(e);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const mathFns: Record<FunctionName, (x: number) => number> = { exp: Math.exp, log: Math.log, tanh: Math.tanh, sigmoid, relu: (x) => (x > 0 ? x : 0) };

/** Plain float64 arithmetic. */
export const numberOps: Ops<number> = {
  num: (x) => x,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  pow: (a, k) => a ** k,
  fn: (name, a) => mathFns[name](a),
};

/** float32 arithmetic: every input and every result rounded to the nearest float32, as a GPU would. */
const f = Math.fround;
export const float32Ops: Ops<number> = {
  num: (x) => f(x),
  add: (a, b) => f(a + b),
  sub: (a, b) => f(a - b),
  mul: (a, b) => f(a * b),
  div: (a, b) => f(a / b),
  neg: (a) => -a,
  pow: (a, k) => f(a ** f(k)),
  fn: (name, a) => f(mathFns[name](a)),
};

/** Builds our autograd graph. Constants become leaves labelled with their value. */
export const valueOps: Ops<Value> = {
  num: (x) => new Value(x, [], "", String(x)),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  pow: (a, k) => a.pow(k),
  fn: (name, a) => (name === "exp" ? a.exp() : name === "log" ? a.log() : name === "tanh" ? a.tanh() : name === "sigmoid" ? a.sigmoid() : a.relu()),
};

/** A lookup that fails with a message naming the variable that has no value. */
export function lookupIn<T>(env: Record<string, T>): (name: string, pos: number) => T {
  return (name) => {
    if (!(name in env)) fail("missingValue", { name }, `Variable "${name}" has no value. Add ${name}=… to the values.`);
    return env[name];
  };
}
