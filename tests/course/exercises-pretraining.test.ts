import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { AdamW, CharTokenizer, clipGradNorm, createModel, defaultGPTConfig, disposeModel, forward, getLr, paramShapes, presets, splitData } from "../../src/core";
import { pretrainedRecipe } from "../../src/core/pretrained";
import { readLessonExercises } from "./lessonExercises";
import { checkNumber, parseNumber } from "../../src/course/exercises/answers";
import { chinchillaTokens, throughputs, trainingFlops, trainingSeconds } from "../../src/widgets/chinchilla/chinchilla";
import { tokensPerStep } from "../../src/widgets/data-loader-view/batches";
import { presetSchedules } from "../../src/widgets/lr-schedule/schedule";
import { firstNames, mobyDick } from "../../scripts/corpora";

/**
 * Lesson 5's exercise answers, computed here by project code (getLr, clipGradNorm, AdamW.decays, the widgets'
 * Chinchilla and batch functions), must equal what the Markdown says, so a typo in an answer= fails a test
 * instead of a learner. The prose's numbers (vocabularies, split sizes, epochs) are checked the same way.
 */
const path = "lessons/08-pretraining/en.md";
const { source, problems, exercises, numericAnswer: answer, block } = readLessonExercises(path);
/** The page's own check: the computed value typed by a learner is accepted. */
const accepts = (id: string, value: number) => expect(checkNumber(String(value), answer(id), parseNumber(String(exercises.get(id)!.tol ?? 0))!)).toEqual({ ok: true });

const moby = mobyDick();
const mobyTok = CharTokenizer.fromText(moby);
const mobyTrain = splitData(Uint16Array.from(mobyTok.encode(moby))).train;
const namesTok = CharTokenizer.fromText(firstNames());
const shakespeare = presets["shakespeare-char"].train;
const courseModel = { ...defaultGPTConfig, ...pretrainedRecipe.model, vocabSize: mobyTok.vocabSize };

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean and has the exercises this test checks", () => {
    expect(problems).toEqual([]);
    expect([...exercises.keys()].sort()).toEqual(
      ["initial-loss-moby", "lr-warmup-50", "lr-cosine-2550", "tokens-per-iter", "chinchilla-tokens-124m", "chinchilla-flops-124m", "a100-hours", "clip-norm", "clip-scale", "no-decay-count", "epochs-course-model", "read-the-curves", "minitrain-step0"].sort(),
    );
  });
  it("initial-loss-moby: ln 83 ≈ 4.419, with 83 the Moby-Dick character vocabulary", () => {
    expect(mobyTok.vocabSize).toBe(83);
    accepts("initial-loss-moby", Math.log(mobyTok.vocabSize));
    expect(answer("initial-loss-moby")).toBeCloseTo(Math.log(83), 3);
  });
  it("lr-warmup-50 and lr-cosine-2550: getLr on nanoGPT's shakespeare-char schedule", () => {
    expect(shakespeare).toMatchObject({ learningRate: 1e-3, minLr: 1e-4, warmupIters: 100, lrDecayIters: 5000 });
    accepts("lr-warmup-50", getLr(50, shakespeare));
    accepts("lr-cosine-2550", getLr(2550, shakespeare));
    expect(getLr(50, shakespeare)).toBeCloseTo(5.0495e-4, 8);
    expect(getLr(2550, shakespeare)).toBeCloseTo(5.5e-4, 12);
  });
  it("tokens-per-iter: 40 × 12 × 1024", () => accepts("tokens-per-iter", tokensPerStep(5 * 8, 12, 1024)));
  it("chinchilla-tokens-124m and chinchilla-flops-124m: D* = 20N, C = 6ND for N = 124M", () => {
    const D = chinchillaTokens(124e6);
    accepts("chinchilla-tokens-124m", D);
    accepts("chinchilla-flops-124m", trainingFlops(124e6, D));
  });
  it("a100-hours: 1.84512e18 FLOPs at 312 TFLOP/s × 40%", () => {
    accepts("a100-hours", trainingSeconds(trainingFlops(124e6, chinchillaTokens(124e6)), throughputs.a100) / 3600);
    expect(trainingSeconds(5.88e23, throughputs.a100, 1024) / 86400).toBeCloseTo(53.3, 1); // "about 53 days"
  });
  it("clip-norm and clip-scale: clipGradNorm on G = [[1, 2], [2, 4]] at 1", () => {
    const before = tf.memory().numTensors;
    const [norm, clipped] = tf.tidy(() => {
      const { grads, normBeforeClip } = clipGradNorm({ G: tf.tensor2d([[1, 2], [2, 4]]) }, 1);
      return [normBeforeClip.dataSync()[0], grads.G.arraySync() as number[][]] as const;
    });
    expect(tf.memory().numTensors).toBe(before);
    accepts("clip-norm", norm);
    accepts("clip-scale", clipped[0][0] / 1);
    clipped.flat().forEach((v, i) => expect(v).toBeCloseTo([0.2, 0.4, 0.4, 0.8][i], 5));
  });
  it("no-decay-count: the 1-D tensors AdamW.decays leaves out of the course model", () => {
    const shapes = paramShapes(courseModel);
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const total = shapes.reduce((n, [, s]) => n + size(s), 0);
    const kept = shapes.filter(([, s]) => !AdamW.decays(s)).reduce((n, [, s]) => n + size(s), 0);
    expect(total).toBe(159_488);
    accepts("no-decay-count", kept);
    expect(total - kept).toBe(156_864);
  });
  it("epochs-course-model: 1,200 × 24 × 64 tokens over Moby-Dick's training split", () => {
    const r = pretrainedRecipe.train;
    const tokens = r.maxIters * tokensPerStep(1, r.batchSize, pretrainedRecipe.model.blockSize);
    expect(tokens).toBe(1_843_200);
    expect(mobyTrain.length).toBe(1_071_285);
    accepts("epochs-course-model", tokens / mobyTrain.length);
    expect(chinchillaTokens(159_488)).toBeCloseTo(3.19e6, -4); // "about 3.2 million tokens"
  });
  it("read-the-curves: the one correct choice keeps the best-validation checkpoint", () => {
    const correct = [...block("read-the-curves").matchAll(/^:::choice\[(.*)\]\{correct\}$/gm)].map((m) => m[1]);
    expect(correct).toEqual(["Use the checkpoint from about step 1,200, and next time add data, dropout or a smaller model."]);
  });
  it("minitrain-step0: first names have 28 characters, ln 28 ≈ 3.33", () => {
    expect(namesTok.vocabSize).toBe(28);
    expect(block("minitrain-step0")).toContain(`$\\ln 28 \\approx ${Math.log(28).toFixed(2)}$`);
  });
});

describe(`${path}: the numbers in the prose`, () => {
  it("the ln V table", () => {
    for (const [V, text] of [[28, "3.332"], [65, "4.174"], [83, "4.419"], [50257, "10.82"]] as const) {
      expect(source).toContain(`| ${V.toLocaleString("en")} | ${text} |`);
      expect(Math.log(V).toFixed(text.split(".")[1].length)).toBe(text);
    }
  });
  it("MiniTrain: 300 × 32 × 32 = 307,200 tokens over a 53,250-character split is almost 6 epochs; its schedule is the LRSchedule's minitrain preset", () => {
    const p = presets.projector;
    const tokens = 300 * tokensPerStep(1, p.train.batchSize, p.model.blockSize);
    const names = splitData(Uint16Array.from(namesTok.encode(firstNames()))).train.length;
    expect([tokens, names]).toEqual([307_200, 53_250]);
    expect(tokens / names).toBeCloseTo(5.77, 2);
    expect(source).toContain("$300 \\times 32 \\times 32 = 307{,}200$");
    expect(presetSchedules.minitrain).toEqual({ maxLr: p.train.learningRate, minLr: p.train.minLr, warmup: p.train.warmupIters, decaySteps: 300, totalSteps: 300 });
  });
  it("the course model's schedule is the LRSchedule's moby-char preset, and 1 × 24 × 64 = 1,536 tokens per step", () => {
    const r = pretrainedRecipe.train;
    expect(presetSchedules["moby-char"]).toEqual({ maxLr: r.learningRate, minLr: r.minLr, warmup: r.warmupIters, decaySteps: r.lrDecayIters, totalSteps: r.maxIters });
    expect(tokensPerStep(1, r.batchSize, pretrainedRecipe.model.blockSize)).toBe(1536);
  });
  it("nanoGPT's GPT-2 reads 600,000 × 491,520 ≈ 295B tokens, about 119 × Chinchilla's D*", () => {
    const read = 600_000 * tokensPerStep(40, 12, 1024);
    expect(read / 1e9).toBeCloseTo(294.9, 1);
    expect(Math.round(read / chinchillaTokens(124e6))).toBe(119);
  });
});

describe(`${path}: the course model's card`, () => {
  const card = "public/models/moby-char.json";
  it("the prose quotes its parameters, time and losses", () => {
    const c = JSON.parse(readFileSync(card, "utf8"));
    expect(c.parameters).toBe(159_488);
    expect(source).toContain("159,488 parameters");
    expect(source).toContain(`took ${c.seconds}\nseconds`);
    expect(source).toContain(`a training loss of **${c.evaluation.train.toFixed(2)}** and a validation loss of **${c.evaluation.val.toFixed(2)}**`);
    expect(Math.exp(c.evaluation.val)).toBeCloseTo(6.55, 1); // "perplexity about 6.6"
    expect(c.steps * c.train.batchSize * c.model.blockSize).toBe(1_843_200);
  });
});

describe(`${path}: the prose's claims, computed`, () => {
  it("the loss sums N − 1 predictions for N tokens", () => {
    expect(source).toContain("-\\frac{1}{N-1} \\sum_{t=1}^{N-1} \\log p_\\theta(x_{t+1} \\mid x_{\\le t})");
  });
  it("an untrained model's logits have std ≈ 0.02·√d: 0.16 for the course's 64-wide model (0.55 at d = 768)", () => {
    expect([0.02 * Math.sqrt(768), 0.02 * Math.sqrt(64)].map((x) => x.toFixed(2))).toEqual(["0.55", "0.16"]);
    const before = tf.memory().numTensors;
    const model = createModel({ ...courseModel, dropout: 0 }, 1337);
    const std = tf.tidy(() => {
      const idx = tf.tensor2d(Array.from(mobyTrain.slice(0, 4 * 64)), [4, 64], "int32");
      return tf.moments(forward(model, idx)).variance.sqrt().dataSync()[0];
    });
    disposeModel(model);
    expect(Math.abs(std - 0.16) / 0.16).toBeLessThan(0.15);
    expect(Math.exp(0.55)).toBeLessThan(2);
    expect(source).toContain("about $0.02\\sqrt{d}$, 0.55 for GPT-2's $d = 768$ and 0.16 for this course's");
    expect(tf.memory().numTensors).toBe(before);
  });
  it("nanoGPT's checkpoint rule is stated with its flag (train.py saves every eval by default)", () => {
    expect(source).not.toContain("nanoGPT saves a checkpoint only when the validation loss improves");
    expect(source).toContain("`always_save_checkpoint = False`");
  });
});
