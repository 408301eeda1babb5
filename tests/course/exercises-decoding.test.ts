import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { generate, loadCheckpoint, modelStep, softmax, tokenDistribution, tokenizerFromSpec, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { drawCounts, panelRows, TOY_LOGITS, TOY_VOCAB } from "../../src/widgets/sampling-panel/sampling";
import { runSearch, STOP_TOY, toyStep, TWO_STEP } from "../../src/widgets/beam-tree/beamLogic";
import { decodeAll, kvWork } from "../../src/widgets/kv-cache-race/race";
import { kvCacheBytes } from "../../src/widgets/kv-heads/kv";

/**
 * Lesson 6's exercise answers, recomputed by project code (the engine's softmax and filters, the seeded sampler,
 * beamSearch, the KV-cache counts and the pretrained model), must equal what the Markdown says.
 */
const path = "lessons/09-decoding/en.md";
const { source, problems, exercises, props, numericAnswer } = readLessonExercises(path);
const answer = (id: string) => ({ x: numericAnswer(id), tol: Number(props(id).tol ?? 0) });
/** The computed value must be within the exercise's own tolerance of its answer=, and round to it. */
const matches = (id: string, computed: number) => {
  const { x, tol } = answer(id);
  expect(Math.abs(computed - x), `${id}: computed ${computed}, lesson says ${x} ± ${tol}`).toBeLessThanOrEqual(tol === 0 ? 1e-9 : tol / 2);
};
const base = { temperature: 1, topK: 0, topP: 1, greedy: false };
const p = (w: string, s = {}) => panelRows(TOY_LOGITS, { ...base, ...s })[TOY_VOCAB.indexOf(w as (typeof TOY_VOCAB)[number])].final;

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean", () => expect(problems).toEqual([]));
  it("toy-t1-forward: softmax at T = 1", () => matches("toy-t1-forward", p("forward")));
  it("toy-top3-forward: top-k 3, renormalised", () => matches("toy-top3-forward", p("forward", { topK: 3 })));
  it("toy-top-p: the nucleus at 0.9 is {forward, toward}, as the correct choice says", () => {
    const { kept } = tokenDistribution(TOY_LOGITS, { topP: 0.9 });
    expect(TOY_VOCAB.filter((_, i) => kept[i])).toEqual(["forward", "toward"]);
    expect(source).toContain(":::choice[{forward, toward}]{correct}");
  });
  it("toy-t01-forward: T = 0.1", () => matches("toy-t01-forward", p("forward", { temperature: 0.1 })));
  it("naive-exponent: 6.75 / 0.05, which overflows float32's exp, while the engine's softmax stays finite", () => {
    const z = Math.max(...TOY_LOGITS) / 0.05;
    matches("naive-exponent", z);
    expect(Math.fround(Math.exp(z))).toBe(Infinity);
    // the lesson's aside: float64 Math.exp is finite at 135 and overflows just above ln(Number.MAX_VALUE) ≈ 709.78
    expect(Number.isFinite(Math.exp(z))).toBe(true);
    expect([Math.log(Number.MAX_VALUE).toFixed(2), Math.exp(709.8), Number.isFinite(Math.exp(709.7))]).toEqual(["709.78", Infinity, true]);
    expect(source).toContain("overflows only above about 709.8");
    expect(Array.from(softmax(TOY_LOGITS, 0.05)).every(Number.isFinite)).toBe(true);
  });
  it("seed-count: 1000 seeded draws at T = 1 with seed 123", () => matches("seed-count", drawCounts(panelRows(TOY_LOGITS, base).map((r) => r.final), 1000, 123)[3]));
  it("beam-best: width 2 on the two-step toy finds B y; greedy finds A x = 0.20", async () => {
    const beam = await runSearch(toyStep(TWO_STEP), [], { width: 2, alpha: 1, maxSteps: 2 });
    const greedy = await runSearch(toyStep(TWO_STEP), [], { width: 1, alpha: 1, maxSteps: 2 });
    expect(beam.best.map((i) => TWO_STEP.vocab[i])).toEqual(["B", "y"]);
    expect(greedy.best.map((i) => TWO_STEP.vocab[i])).toEqual(["A", "x"]);
    expect(Math.exp(greedy.beams[0].logProb)).toBeCloseTo(0.2, 12);
    matches("beam-best", Math.exp(beam.beams[0].logProb));
  });
  it("length-penalty: '.' wins at α = 0, 'A .' at α = 1, as the correct choice says", async () => {
    const win = async (alpha: number) => (await runSearch(toyStep(STOP_TOY), [], { width: 2, alpha, maxSteps: 3, stopToken: STOP_TOY.stopToken })).best.map((i) => STOP_TOY.vocab[i]).join(" ");
    expect([await win(0), await win(1)]).toEqual([".", "A ."]);
    expect(source).toContain(':::choice["." with α = 0, "A ." with α = 1]{correct}');
  });
  it("kv-rows: NP + N(N−1)/2 for P = 16, N = 48 (the model test below counts them while decoding)", () => matches("kv-rows", kvWork(16, 48).without));
  it("the race the prose names: 16 new tokens after a 16-character prompt, 376 rows against 31, 12× fewer", () => {
    expect(kvWork("Call me Ishmael.".length, 16)).toEqual({ without: 376, with: 31 });
    expect(Math.round(376 / 31)).toBe(12);
    expect(source).toContain("12× fewer rows (376 against 31)");
  });
  it("one meaning for L (sequence length): the KV formula counts layers as n_layer", () => {
    expect(source).not.toMatch(/2 \\cdot L \\cdot T|\$L = 12\$ layers|each of \$L\$ layers/);
    expect(source).toContain("2 \\cdot n_{layer} \\cdot T \\cdot n_{kv}");
  });
  it("kv-gpt2: 2 · 12 · 1024 · 12 · 64 · 2 bytes in MB", () => matches("kv-gpt2", kvCacheBytes({ layers: 12, tokens: 1024, dModel: 768, nHead: 12, nKv: 12, dtype: "fp16", batch: 1 }) / 1e6));
});

const file = "public/models/moby-char.safetensors";
describe(`${path}: the pretrained model's exercises`, () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let tok: Tokenizer;
  beforeAll(async () => {
    await tf.setBackend("cpu");
    model = await loadCheckpoint(readFileSync(file)); // a Node Buffer: safetensors.ts copies each tensor out of it
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });
  const next = async (prompt: string) => (await modelStep(model)([tok.encode(prompt)]))[0];

  it("moby-kv-bytes: the full cache of the pretrained model's config", () => {
    const c = model.config;
    expect([c.nLayer, c.nHead, c.nEmbd, c.blockSize]).toEqual([3, 4, 64, 64]);
    matches("moby-kv-bytes", kvCacheBytes({ layers: c.nLayer, tokens: c.blockSize, dModel: c.nEmbd, nHead: c.nHead, nKv: c.nHead, dtype: "fp32", batch: 1 }));
  });
  it("kv-rows: the rows decode() runs through the model for a 16-character prompt and 48 tokens, no cache", async () => {
    const prompt = tok.encode("Call me Ishmael.");
    expect(prompt.length).toBe(16);
    const { kvRows } = await decodeAll(model, prompt, 48, false);
    matches("kv-rows", kvRows.reduce((a, b) => a + b, 0));
  });
  it("moby-next-e: p(e | the whal) at T = 1", async () => {
    const probs = softmax(await next("the whal"));
    matches("moby-next-e", probs[tok.encode("e")[0]]);
  });
  it("moby-nucleus: characters kept by top-p 0.9 after 'The whale '", async () => {
    const { kept } = tokenDistribution(await next("The whale "), { topP: 0.9 });
    matches("moby-nucleus", kept.filter(Boolean).length);
  });
  it("greedy-repeat: the reveal quotes the model's greedy continuation, cache or not", async () => {
    const prompt = tok.encode("The whale");
    const ids = await generate(model, prompt, { maxNewTokens: 120, greedy: true });
    expect((await decodeAll(model, prompt, 55, false)).tokens).toEqual(ids.slice(0, 55));
    expect(ids.length).toBe(120);
    expect(source).toContain("```text\nThe whale" + tok.decode(ids).trimEnd() + "\n```");
  });
});

describe(`${path}: coverage`, () => {
  it("covers every exercise in the lesson", () => {
    expect([...exercises.keys()].sort()).toEqual(
      ["greedy-repeat", "toy-t1-forward", "toy-top3-forward", "toy-top-p", "toy-t01-forward", "naive-exponent", "seed-count", "beam-best", "length-penalty", "kv-rows", "kv-gpt2", "moby-kv-bytes", "moby-next-e", "moby-nucleus"].sort(),
    );
  });
});
