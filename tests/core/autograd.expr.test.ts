import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ExprError, evaluate, float32Ops, formatValues, lookupIn, numberOps, parseExpr, parseValues, variablesOf } from "../../src/core/autograd/expr";
import { tfGradients } from "../../src/core/autograd/tfExpr";
import { engineGradients } from "../../src/widgets/framework-check/check";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const calc = (src: string, env: Record<string, number> = {}) => evaluate(parseExpr(src), numberOps, lookupIn(env));

describe("parseExpr: precedence and associativity as in maths", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ^ 3 ^ 2", 512], // right-associative: 2^(3^2)
    ["-2 ^ 2", -4], // -(2^2)
    ["8 / 4 / 2", 1], // left-associative
    ["10 - 4 - 3", 3],
    ["2 · 3 × 4", 24], // the lesson's · and × multiply too
    ["4 ^ -1", 0.25],
    ["9 ^ (1/2)", 3],
    ["1.5e2 + .5", 150.5],
  ])("%s = %d", (src, want) => expect(calc(src)).toBeCloseTo(want, 12));

  it("evaluates the presets by hand", () => {
    expect(calc("(a*b + c) * f", { a: 2, b: -3, c: 10, f: -2 })).toBe(-8);
    expect(calc("price * count * tax", { price: 100, count: 2, tax: 1.1 })).toBeCloseTo(220, 12);
    expect(calc("tanh(x1*w1 + x2*w2 + b)", { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.8813735870195432 })).toBeCloseTo(Math.SQRT1_2, 12);
    expect(calc("sigmoid(1) + relu(-2) + relu(3) + log(exp(2))")).toBeCloseTo(0.7310585786300049 + 0 + 3 + 2, 12);
  });

  it("lists variables in order of first use", () => expect(variablesOf(parseExpr("(a*b + c)*f + a"))).toEqual(["a", "b", "c", "f"]));
});

describe("parseExpr: errors name the position (1-based) and what to do", () => {
  const err = (src: string) => {
    try {
      parseExpr(src);
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      return [(e as ExprError).code, (e as ExprError).message];
    }
    throw new Error(`"${src}" parsed`);
  };
  it.each([
    ["a * * b", "expectedOperand", 'Syntax error at position 5: expected a number, a variable or "(", found "*".'],
    ["a +", "unexpectedEnd", 'Syntax error at position 4: the expression ends too early; expected a number, a variable or "(".'],
    ["(a + b", "unclosedParen", 'Syntax error at position 1: this "(" is never closed.'],
    ["a + b)", "expectedOperator", 'Syntax error at position 6: expected an operator or ")", found ")".'],
    ["2a", "expectedOperator", 'Syntax error at position 2: expected an operator or ")", found "a".'],
    ["a $ b", "badChar", 'Syntax error at position 3: "$" is not allowed. Use numbers, variables, + - * / ^, parentheses and exp, log, tanh, sigmoid, relu.'],
    ["sin(a)", "unknownFunction", 'Unknown function "sin" at position 1. Known functions: exp, log, tanh, sigmoid, relu.'],
    ["tanh + 1", "functionNeedsParen", "Syntax error at position 1: tanh is a function, write tanh(…)."],
    ["a ^ b", "constantExponent", "The exponent at position 5 must be a number, like x^2 or x^-1: our engine's pow takes a constant exponent."],
    ["   ", "empty", "Type an expression, for example (a*b + c)*f."],
  ])("%s", (src, code, message) => expect(err(src)).toEqual([code, message]));

  it("a missing value is named", () => {
    expect(() => calc("a + q", { a: 1 })).toThrow('Variable "q" has no value. Add q=… to the values.');
  });
});

describe("parseValues", () => {
  it("reads commas, semicolons or spaces, and signs and exponents", () => {
    expect(parseValues("a=2, b=-3; c = 1e-2  d=+.5")).toEqual({ a: 2, b: -3, c: 0.01, d: 0.5 });
    expect(parseValues("")).toEqual({});
    expect(formatValues({ a: 2, b: -3 })).toBe("a=2, b=-3");
  });
  it("names the position of a bad entry, and duplicates", () => {
    expect(() => parseValues("a=2, b=x")).toThrow('Values, position 6: expected name=number (like a=2, b=-3), found "b=x".');
    expect(() => parseValues("a=1 a=2")).toThrow('Variable "a" has two values; give it one.');
  });
});

describe("float32 arithmetic", () => {
  it("rounds every step: 0.1 + 0.2 is exactly Math.fround's sum", () => {
    const f = Math.fround;
    expect(evaluate(parseExpr("0.1 + 0.2"), float32Ops, () => 0)).toBe(f(f(0.1) + f(0.2)));
    expect(evaluate(parseExpr("0.1 + 0.2"), float32Ops, () => 0)).not.toBe(0.1 + 0.2);
  });
});

describe("our engine equals tf.grads (cpu) on every preset and on a mixed expression", () => {
  it.each([
    ["(a*b + c) * f", { a: 2, b: -3, c: 10, f: -2 }],
    ["price * count * tax", { price: 100, count: 2, tax: 1.1 }],
    ["tanh(x1*w1 + x2*w2 + b)", { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.8813735870195432 }],
    ["sigmoid(x1*w1 + x2*w2 + b)", { x1: 2, x2: 0, w1: -3, w2: 1, b: 7 }],
    ["exp(a) / (1 + b^2) - log(c) * relu(a - b) + a*a", { a: 0.7, b: -1.3, c: 2.5 }],
  ])("%s", async (src, values) => {
    const e = parseExpr(src);
    const ours = engineGradients(e, values);
    const theirs = await tfGradients(tf, e, variablesOf(e), values);
    expect(Math.abs(theirs.value - ours.value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ours.value)));
    for (const name of Object.keys(values)) expect(Math.abs(theirs.grads[name] - ours.grads[name]), name).toBeLessThan(1e-5 * Math.max(1, Math.abs(ours.grads[name])));
  });

  it("leaks no tensors", async () => {
    const e = parseExpr("tanh(x1*w1 + x2*w2 + b)");
    const values = { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.88 };
    await tfGradients(tf, e, variablesOf(e), values); // warm-up
    const before = tf.memory().numTensors;
    await tfGradients(tf, e, variablesOf(e), values);
    expect(tf.memory().numTensors).toBe(before);
  });
});
