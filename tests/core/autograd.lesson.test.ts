/**
 * Lesson 2's exercise answers, computed by project code (our engine and tf.grads on the cpu backend), and checked
 * against what lessons/02-autograd/en.md prints, so the text cannot drift from the code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { Value, zeroGrad } from "../../src/core/autograd/engine";
import { parseExpr, parseValues, variablesOf } from "../../src/core/autograd/expr";
import { tfGradients } from "../../src/core/autograd/tfExpr";
import { centralDifference, engineGradients } from "../../src/widgets/framework-check/check";
import { fmt } from "../../src/widgets/graph-stepper/format";
import { presets } from "../../src/widgets/graph-stepper/presets";
import { lintLesson } from "../../src/course/lint";

const lesson = readFileSync(join(__dirname, "../../lessons/02-autograd/en.md"), "utf8");
// the worked answers are the exercises' :::solution parts
const solution = (id: string) => {
  const start = lesson.indexOf(`::::exercise{id=${id} `);
  const body = lesson.slice(lesson.indexOf(":::solution\n", start) + ":::solution\n".length);
  return start < 0 ? "" : body.slice(0, body.indexOf("\n:::"));
};
const exercises = new Map(
  lintLesson("lessons/02-autograd/en.md", lesson).uses.filter((u) => u.name === "exercise").map((u) => [String(u.props.id), Number(u.props.answer)]),
);

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Our engine and tf.grads on a preset, after checking they agree to float32 precision. */
async function both(name: keyof typeof presets) {
  const e = parseExpr(presets[name].expr), values = parseValues(presets[name].values);
  const ours = engineGradients(e, values);
  const theirs = await tfGradients(tf, e, variablesOf(e), values);
  for (const k of Object.keys(values)) expect(Math.abs(theirs.grads[k] - ours.grads[k]), k).toBeLessThan(1e-5 * Math.max(1, Math.abs(ours.grads[k])));
  expect(Math.abs(theirs.value - ours.value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ours.value)));
  return ours;
}

describe("lesson 2 answers, computed", () => {
  it("no solution starts with a stray number from the curriculum's answer list", () => {
    for (const id of exercises.keys()) expect(solution(id), id).not.toMatch(/^\s*\d\.\s/);
    expect(solution("abcf-l")).not.toBe("");
  });
  it("the exercises' answer= values are the engine's numbers", async () => {
    const abcf = await both("abcf");
    const tanh = await both("tanh");
    const x = new Value(1);
    x.sigmoid().backward();
    const sq = new Value(3);
    sq.mul(sq).backward();
    sq.mul(sq).backward();
    const apples = engineGradients(parseExpr("p * n * t"), { p: 100, n: 2, t: 1.1 });
    expect(Object.fromEntries(exercises)).toEqual({
      "abcf-l": abcf.value,
      "abcf-db": abcf.grads.b,
      "tanh-dx1": Number(fmt(tanh.grads.x1)),
      "apples-tax": Number(apples.grads.t.toFixed(10)),
      "sigmoid-prime": Number(fmt(x.grad)),
      "x-times-x": sq.grad,
    });
  });
  it("1. L = (a·b + c)·f", async () => {
    const { value, grads } = await both("abcf");
    expect([value, grads.a, grads.b, grads.c, grads.f]).toEqual([-8, 6, -4, -2, 4]);
    for (const [k, v] of Object.entries({ a: 6, c: -2, f: 4 })) expect(solution("abcf-db")).toContain(`\\partial L/\\partial ${k} = ${v}$`);
    expect(solution("abcf-db")).toContain("\\partial L/\\partial b = f \\cdot a = -2 \\cdot 2 = -4$");
    expect(solution("abcf-l")).toContain("$L = -8$");
    // the first answer must not give away the next exercise's (∂L/∂b and its one-sided estimate)
    expect(solution("abcf-l")).not.toContain("\\partial");
    // the one-sided check with h = 0.0001, in the same order of operations as the engine: a·b, + c, · f
    const L = (b: number) => (2 * b + 10) * -2;
    const oneSided = (L(-3 + 1e-4) - L(-3)) / 1e-4;
    expect(Math.abs(oneSided + 4)).toBeLessThan(1e-9);
    expect(String(oneSided).slice(0, 16)).toBe("-4.0000000000084");
    expect(solution("abcf-db")).toContain("$-4.0000000000084\\ldots$");
  });

  it("2. the tanh neuron", async () => {
    const { value, grads } = await both("tanh");
    expect(fmt(value)).toBe("0.7071");
    expect([grads.w1, grads.x1, grads.x2].map(fmt)).toEqual(["1", "-1.5", "0.5"]);
    expect(solution("tanh-dx1")).toContain("$o = 0.7071$; $\\partial o/\\partial w_1 = 1$, $\\partial o/\\partial x_1 = -1.5$, $\\partial o/\\partial x_2 = 0.5$");
  });

  it("3. apples with tax", async () => {
    const { value, grads } = await both("apples");
    expect([value, grads.price, grads.count, grads.tax].map(fmt)).toEqual(["220", "2.2", "110", "200"]);
    expect(solution("apples-tax")).toContain("= 220$ yen. Gradients: price $2.2$, number of apples $110$, tax $200$");
  });

  it("4. σ(1) and σ'(1), and the sigmoid neuron worked in the text", async () => {
    const x = new Value(1);
    const s = x.sigmoid();
    s.backward();
    const theirs = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sigmoid(t))(tf.scalar(1)).dataSync()[0]);
    expect(Math.abs(theirs - x.grad)).toBeLessThan(1e-6);
    expect([fmt(s.data), fmt(x.grad)]).toEqual(["0.7311", "0.1966"]);
    expect(solution("sigmoid-prime")).toContain("$\\sigma(1) = 0.7311$ and $\\sigma'(1) = \\sigma(1)(1 - \\sigma(1)) = 0.1966$");

    const { value, grads } = await both("sigmoid");
    expect([value, grads.b, grads.w1, grads.x1, grads.w2, grads.x2].map(fmt)).toEqual(["0.7311", "0.1966", "0.3932", "-0.5898", "0", "0.1966"]);
    expect(lesson).toContain("x_1 \\cdot 0.1966 = 0.3932");
    expect(lesson).toContain("w_1 \\cdot 0.1966 = -0.5898");
  });

  it("5. x·x at 3: grad 6, then 12 without zero-grad", () => {
    const x = new Value(3);
    x.mul(x).backward();
    expect(x.grad).toBe(6);
    const y = x.mul(x); // a second forward: a fresh graph over the same x
    y.backward();
    expect(x.grad).toBe(12);
    zeroGrad(y);
    expect(x.grad).toBe(0);
    expect(solution("x-times-x")).toContain("$6$ after one pass");
    expect(solution("x-times-x")).toContain("$12$ after a second pass");
  });

  it("the text's worked numbers: L at a = 2.001, the tf.grads snippet, the best h", () => {
    const { value } = engineGradients(parseExpr(presets.abcf.expr), { a: 2.001, b: -3, c: 10, f: -2 });
    expect(value).toBeCloseTo(-7.994, 12);
    expect(lesson).toContain("-7.994");
    const [ga, gb] = tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => a.mul(b).add(10).mul(-2))([tf.scalar(2), tf.scalar(-3)]).map((t) => t.dataSync()[0]));
    expect([ga, gb]).toEqual([6, -4]);
    // ε^(1/3): ~6e-6 in float64, ~5e-3 in float32
    expect(Math.cbrt(2 ** -52)).toBeCloseTo(6.06e-6, 7);
    expect(Math.cbrt(2 ** -23)).toBeCloseTo(4.92e-3, 4);
    // and in float32 the centred difference on the tanh neuron is best near there, not at the smallest h
    const e = parseExpr(presets.tanh.expr), v = parseValues(presets.tanh.values);
    const err = (h: number) => Math.abs(centralDifference(e, v, "w1", h, "f32") - 1);
    expect(err(5e-3)).toBeLessThan(err(1e-6));
  });
});
