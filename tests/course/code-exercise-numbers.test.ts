import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AdamW, BasicTokenizer, getLr, sampleFrom, softmax, tokenDistribution, type Random } from "../../src/core";
import { lintLesson } from "../../src/course/lint";
import type { CodeExerciseUse } from "../../src/course/code/directive";

/**
 * The expected values in the code exercises' tests (lessons 4, 6, 8, 9), and the numbers lesson 9's prose gives for
 * the cumulative-sum draw, recomputed with the engine. The kit's lint (code-exercises.test.ts) checks that each
 * solution passes its tests; this checks that the tests expect what the engine computes, so the Python a learner
 * writes agrees with the TypeScript that trains the lab's model.
 */
const root = join(__dirname, "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
/** The tests fence of one code exercise. */
function testsOf(path: string, id: string): string {
  const use = lintLesson(path, read(path)).uses.find((u) => u.name === "code-exercise" && u.props.id === id) as CodeExerciseUse | undefined;
  if (!use?.spec) throw new Error(`${path} has no valid code exercise "${id}".`);
  return use.spec.tests;
}
const nums = (list: string) => list.split(",").map((x) => Number(x.trim()));
const fixedRng = (u: number): Random => ({ next: () => u }) as unknown as Random;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("lesson 8: get-lr and adamw-step expect the engine's getLr and AdamW", () => {
  it("get-lr: each step's expected rate is getLr's for shakespeare_char", () => {
    const tests = testsOf("lessons/08-pretraining/en.md", "get-lr");
    const cases = [...tests.matchAll(/get_lr\((\d+), \*\*cfg\), ([0-9.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(cases.map(([step]) => step)).toEqual([0, 50, 100, 1000, 2550, 4000, 6000]);
    const cfg = { learningRate: 1e-3, minLr: 1e-4, warmupIters: 100, lrDecayIters: 5000 };
    for (const [step, expected] of cases) expect(Math.abs(getLr(step, cfg) - expected), `step ${step}`).toBeLessThan(1e-18);
  });

  it("adamw-step: two steps of the engine's AdamW on a decayed weight and an undecayed bias give the pasted numbers", async () => {
    const tests = testsOf("lessons/08-pretraining/en.md", "adamw-step");
    const params = { w: tf.variable(tf.tensor2d([[0.5, -1.0], [2.0, 0.0]])), b: tf.variable(tf.tensor1d([0.1, -0.3])) };
    const opt = new AdamW(params, { beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
    const step = async (gw: number[], gb: number[]) => {
      tf.tidy(() => opt.applyGradients({ w: tf.tensor2d(gw, [2, 2]), b: tf.tensor1d(gb) }, 0.1));
      const s = await opt.getState();
      return { w: Array.from(params.w.dataSync()), b: Array.from(params.b.dataSync()), mw: Array.from(s.m.w.values), vw: Array.from(s.v.w.values), mb: Array.from(s.m.b.values), vb: Array.from(s.v.b.values) };
    };
    const close = (got: number[], want: number[]) => got.forEach((x, i) => expect(Math.abs(x - want[i]), `${got} vs ${want}`).toBeLessThan(1e-6));
    const one = await step([0.2, -0.4, 1.0, 0.0], [0.5, -2.0]);
    const [, w1, mw1, vw1] = /w1, mw1, vw1 = \[([^\]]*)\], \[([^\]]*)\], \[([^\]]*)\]/.exec(tests)!;
    close(one.w, nums(w1));
    close(one.mw, nums(mw1));
    close(one.vw, nums(vw1));
    close(one.b, [0.0, -0.2]);
    expect(tests).toContain("[0.0, -0.2], tol=1e-6");
    // step 2's bias starts from step 1's state, as the test's call spells out
    expect(tests).toContain(`adamw_step([0.0, -0.2], [0.0, 1.0], [${one.mb.map((x) => +x.toFixed(6)).join(", ")}], [${one.vb.map((x) => +x.toFixed(6)).join(", ")}], 2, 0.1, weight_decay=0.0)`);
    const two = await step([-0.1, 0.3, 0.5, 0.25], [0.0, 1.0]);
    for (const x of [...two.w, ...two.b]) expect(tests).toContain(String(x)); // pasted as printed, float32 digits and all
    close(two.mw, [0.008, -0.006, 0.14, 0.025]);
    close(two.vw, [0.0024, 0.0121, 0.06, 0.003125]);
    expect(tests).toContain("[[0.008, -0.006, 0.14, 0.025], [0.0024, 0.0121, 0.06, 0.003125]]");
    opt.dispose();
    tf.dispose(Object.values(params));
  });
});

describe("lesson 9: sampling by the running total", () => {
  const z = [4.51, 0.89, -1.9, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79]; // rasbt's toy, the lesson's table
  const source = read("lessons/09-decoding/en.md");

  it("the prose's table: probabilities and running totals to 4 decimals, and the three draws it names", () => {
    const p = Array.from(softmax(z));
    let cum = 0;
    const totals = p.map((x) => (cum += x));
    const row = (xs: number[]) => xs.map((x) => (x > 0.99995 ? "1" : x.toFixed(4))).join(" | ");
    expect(source).toContain(`| $p$ | ${row(p)} |`);
    expect(source).toContain(`| running total | ${row(totals)} |`);
    expect([0.5, 0.05, 0.7].map((u) => sampleFrom(p, fixedRng(u)))).toEqual([3, 0, 7]); // forward, closer, toward
    expect(source).toContain("With $u = 0.5$ the walk passes `closer`, `every` and `effort` and stops at `forward`");
  });

  it("sample-cumsum: every expected index is sampleFrom's", () => {
    const tests = testsOf("lessons/09-decoding/en.md", "sample-cumsum");
    const toy = nums(/toy = \[([^\]]*)\]/.exec(tests)![1]);
    expect(toy.map((x) => x.toFixed(4))).toEqual(Array.from(softmax(z), (x) => x.toFixed(4)));
    const lists: Record<string, number[]> = { toy };
    let n = 0;
    for (const m of tests.matchAll(/lambda: sample\(\[([^\]]*)\], ([\d.]+)\), (\d+)/g)) {
      expect(sampleFrom(nums(m[1]), fixedRng(Number(m[2]))), m[0]).toBe(Number(m[3]));
      n++;
    }
    for (const m of tests.matchAll(/\[sample\((\[[^\]]*\]|toy), u\) for u in \(([^)]*)\)\],\s*\[([^\]]*)\]/g)) {
      const probs = m[1] === "toy" ? lists.toy : nums(m[1].slice(1, -1));
      expect(nums(m[2]).map((u) => sampleFrom(probs, fixedRng(u))), m[0]).toEqual(nums(m[3]));
      n++;
    }
    expect(n).toBe(5); // every check in the fence was recomputed
  });

  it("pick-token: every expected token is tokenDistribution + sampleFrom's, with the same settings and u", () => {
    const tests = testsOf("lessons/09-decoding/en.md", "pick-token");
    const pick = (T: number, k: number, p: number, u: number) => sampleFrom(tokenDistribution(z, { temperature: T, topK: k, topP: p }).probs, fixedRng(u));
    let n = 0;
    for (const m of tests.matchAll(/\[pick_token\(z, ([\d.]+), (\d+), ([\d.]+), u\) for u in \(([^)]*)\)\],\s*\[([^\]]*)\]/g)) {
      expect(nums(m[4]).map((u) => pick(Number(m[1]), Number(m[2]), Number(m[3]), u)), m[0]).toEqual(nums(m[5]));
      n++;
    }
    for (const m of tests.matchAll(/lambda: pick_token\(z, ([\d.]+), (\d+), ([\d.]+), ([\d.]+)\), (\d+)/g)) {
      expect(pick(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])), m[0]).toBe(Number(m[5]));
      n++;
    }
    expect(n).toBe(8);
  });
});

describe("lessons 4 and 6: BPE training and the toy attention", () => {
  it("bpe-train: the engine's BasicTokenizer learns the expected merges and ids", () => {
    const tests = testsOf("lessons/04-tokenization/en.md", "bpe-train");
    const tok = new BasicTokenizer();
    tok.train("aaabdaaabac", 256 + 3);
    expect(tok.merges).toEqual([[97, 97], [256, 97], [257, 98]]);
    expect(tests).toContain("{(97, 97): 256, (256, 97): 257, (257, 98): 258}");
    expect(tok.encode("aaabdaaabac")).toEqual([258, 100, 258, 97, 99]);
    const ja = new BasicTokenizer();
    ja.train("ああ", 257);
    expect(ja.merges).toEqual([[227, 129]]);
    expect(ja.encode("ああ")).toEqual([256, 130, 256, 130]);
    expect(tests).toContain("({(227, 129): 256}, [256, 130, 256, 130])");
  });

  it("bpe-encode-decode: the engine's BasicTokenizer encodes and decodes as the tests expect", () => {
    const tests = testsOf("lessons/04-tokenization/en.md", "bpe-encode-decode");
    const tok = new BasicTokenizer();
    tok.train("aaabdaaabac", 256 + 3);
    let n = 0;
    for (const m of tests.matchAll(/lambda: encode\("(\w+)", merges\), \[([^\]]*)\]/g)) {
      expect(tok.encode(m[1]), m[0]).toEqual(nums(m[2]));
      n++;
    }
    expect(n).toBe(4);
    expect(tok.decode([258, 100, 257, 257])).toBe("aaabdaaaaaa");
    expect(tests).toContain('decode([258, 100, 257, 257], merges), "aaabdaaaaaa"');
    expect(tok.decode([227, 129, 130, 227, 129])).toBe("あ\ufffd");
  });

  it("causal-attention: the toy rows are softmax(x xᵀ/√3 + mask) computed with TF.js", async () => {
    const tests = testsOf("lessons/06-attention/en.md", "causal-attention");
    const x = tf.tensor2d([[0.43, 0.15, 0.89], [0.55, 0.87, 0.66], [0.57, 0.85, 0.64], [0.22, 0.58, 0.33], [0.77, 0.25, 0.1], [0.05, 0.8, 0.55]]);
    const w = tf.tidy(() => tf.softmax(tf.matMul(x, x, false, true).div(Math.sqrt(3)).add(tf.sub(1, tf.linalg.bandPart(tf.ones([6, 6]), -1, 0)).mul(-1e9)), -1));
    const rows = (await w.array()) as number[][];
    tf.dispose([x, w]);
    const fmt = (r: number[]) => r.map((v) => (v === 0 ? "0" : v.toFixed(4))).join(", ");
    expect(tests).toContain(`[${fmt(rows[1])}]`);
    expect(tests).toContain(`[${fmt(rows[5])}]`);
  });
});
