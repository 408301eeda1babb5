import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readLessonExercises } from "./lessonExercises";
import { lintLesson } from "../../src/course/lint";
import type { CodeExerciseUse } from "../../src/course/code/directive";
import { bigram, Random, softmax, tf } from "../../src/core";
import { firstNames, mobyDick } from "../../scripts/corpora";
import { prepareBigramData, samplePath, tableView, topNext } from "../../src/widgets/bigram-heatmap/data";
import { countsTarget, createNeuralBigram, disposeNeuralBigram, neuralBigramProbs, neuralBigramStep } from "../../src/widgets/neural-bigram/neural";
import { maxAbsDiff } from "../../src/widgets/neural-bigram/race";
import { pretrainedRecipe } from "../../src/core/pretrained";

/**
 * Lesson 3's exercise answers and every number its prose states, recomputed by project code: core/bigram.ts on the
 * toy corpus and on the two real corpora (the same text the page fetches, from scripts/corpora.ts), the heatmap's
 * tableView, and the neural bigram trained by the race widget's own step.
 */
const path = "lessons/03-bigram/en.md";
const { source: lesson, problems, exercises, props, numericAnswer, block } = readLessonExercises(path);
const { bigramCorpus, bigramNll, bigramProbs, countBigrams, encodeWords, wordsVocab } = bigram;

/** The computed value must be within the exercise's own tolerance of its answer= (exact when tol is 0). */
const matches = (id: string, computed: number) => {
  const x = numericAnswer(id), tol = Number(props(id).tol ?? 0);
  expect(Math.abs(computed - x), `${id}: computed ${computed}, the lesson says ${x} ± ${tol}`).toBeLessThanOrEqual(tol === 0 ? 1e-9 : tol);
};
const correctChoices = (id: string) => [...block(id).matchAll(/^:::choice\[(.*)\]\{correct\}$/gm)].map((m) => m[1]);
const en = (n: number) => n.toLocaleString("en");

// the toy corpus .ab. .abb. .b.: vocabulary . a b
const toyVocab = wordsVocab(["ab", "abb", "b"]);
const toySeqs = encodeWords(["ab", "abb", "b"], toyVocab);
const toyN = countBigrams(toySeqs, 3);
const toyP = bigramProbs(toyN, 3, 0);
const P = (a: string, b: string, table = toyP) => table[toyVocab.stoi.get(a)! * 3 + toyVocab.stoi.get(b)!];

const names = prepareBigramData("names", firstNames());
const namesCorpus = bigramCorpus("names", firstNames());
const ch = (c: string) => names.chars.indexOf(c);
const N = (a: string, b: string) => names.train[ch(a) * 27 + ch(b)];

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe(`${path}: every exercise's answer, computed`, () => {
  it("the lesson lints clean and has the exercises this test checks", () => {
    expect(problems).toEqual([]);
    expect([...exercises.keys()].sort()).toEqual(
      ["alpha-zero-inf", "count-b-end", "grad-softmax", "keepdim-divides", "mle-row", "moby-perplexity", "nll-ab", "nll-toy-mean", "p-a-given-start", "sample-ab-prob", "smooth-toy", "toy-never", "uniform-27", "zeros-start"].sort(),
    );
  });
  it("count-b-end: N(b → .) = 3; the toy table is [[0, 2, 1], [0, 0, 2], [3, 0, 1]]", () => {
    matches("count-b-end", toyN[2 * 3 + 0]);
    expect([...toyN]).toEqual([0, 2, 1, 0, 0, 2, 3, 0, 1]);
    expect(lesson).toContain("N = \\begin{pmatrix} 0 & 2 & 1 \\\\ 0 & 0 & 2 \\\\ 3 & 0 & 1 \\end{pmatrix}");
  });
  it("p-a-given-start: P(a | .) = 2/3; P(b | a) = 1, P(. | b) = 3/4", () => {
    matches("p-a-given-start", P(".", "a"));
    expect([P("a", "b"), P("b", ".")]).toEqual([1, 0.75]);
  });
  it("keepdim-divides: N / N.sum(1) without keepdim gives row . = (0, 1, 0.25), summing to 1.25", () => {
    const wrong = tf.tidy(() => {
      const t = tf.tensor2d(Array.from(toyN), [3, 3]);
      return t.div(t.sum(1)).arraySync() as number[][]; // (3, 3) / (3,): the sums line up with the columns
    });
    expect(wrong[0]).toEqual([0, 1, 0.25]);
    expect(wrong[0].reduce((a, b) => a + b)).toBe(1.25);
    expect(correctChoices("keepdim-divides")).toEqual(["$2/2 = 1$: column `a` is divided by row `a`'s sum"]);
  });
  it("sample-ab-prob: P(.ab.) = 2/3 · 1 · 3/4 = 1/2, and 20,000 seeded samples give it within 1%", () => {
    matches("sample-ab-prob", P(".", "a") * P("a", "b") * P("b", "."));
    const rng = new Random(11);
    let hits = 0;
    for (let k = 0; k < 20_000; k++) hits += bigram.sampleBigram(toyP, 3, rng, { start: 0, stop: 0, maxLen: 100 }).join() === "1,2,0" ? 1 : 0;
    expect(Math.abs(hits / 20_000 - 0.5)).toBeLessThan(0.01);
    expect(P(".", "b") * P("b", ".")).toBe(0.25); // .b. in the solution
  });
  it("toy-never: only .aa. has probability 0 (a → a unseen); .b. and .abbbbb. are possible", () => {
    const prob = (w: string) => encodeWords([w], toyVocab)[0].slice(1).reduce((p, id, t, ids) => p * toyP[(t === 0 ? 0 : ids[t - 1]) * 3 + id], 1);
    expect(prob("aa")).toBe(0);
    expect(prob("b")).toBe(0.25);
    expect(prob("abbbbb")).toBeGreaterThan(0);
    expect(correctChoices("toy-never")).toEqual(["`.aa.`"]);
  });
  it("nll-ab: −ln(2/3 · 1 · 3/4) = ln 2", () => {
    const r = bigramNll(toyP, 3, [toySeqs[0]]);
    matches("nll-ab", r.nll * r.pairs);
    expect(lesson).toContain("$0.231$ per pair");
    expect(r.nll.toFixed(3)).toBe("0.231");
  });
  it("nll-toy-mean: the toy corpus's mean NLL over its 9 pairs = 4.1589 / 9 = 0.4621", () => {
    const r = bigramNll(toyP, 3, toySeqs);
    expect(r.pairs).toBe(9);
    matches("nll-toy-mean", r.nll);
    expect((r.nll * 9).toFixed(4)).toBe("4.1589");
    expect([-Math.log(2 / 3), -Math.log(1 / 3), -Math.log(3 / 4), -Math.log(1 / 4)].map((x) => x.toFixed(4))).toEqual(["0.4055", "1.0986", "0.2877", "1.3863"]);
  });
  it("mle-row: the observed frequencies (0.75, 0, 0.25) give 0.5623; uniform 1.0986, (0.9, 0, 0.1) 0.6547, (1, 0, 0) ∞", () => {
    const rowCounts = Float64Array.from([0, 0, 0, 0, 0, 0, 3, 0, 1]); // only row b
    const score = (row: number[]) => bigram.countsNll(Float64Array.from([1, 0, 0, 1, 0, 0, ...row]), rowCounts);
    expect(score([0.75, 0, 0.25]).toFixed(4)).toBe("0.5623");
    expect(score([1 / 3, 1 / 3, 1 / 3]).toFixed(4)).toBe("1.0986");
    expect(score([0.9, 0, 0.1]).toFixed(4)).toBe("0.6547");
    expect(score([1, 0, 0])).toBe(Infinity);
    // and the counts' row is the minimum: a sweep over P(. | b) never beats 0.75
    for (let q = 0.05; q < 1; q += 0.05) expect(score([q, 0, 1 - q])).toBeGreaterThanOrEqual(score([0.75, 0, 0.25]) - 1e-12);
    expect(correctChoices("mle-row")).toEqual(["$(0.75,\\ 0,\\ 0.25)$"]);
  });
  it("uniform-27: a table of 1/27 scores ln 27 = 3.2958 on the names, whatever they are", () => {
    const uniform = new Float64Array(27 * 27).fill(1 / 27);
    matches("uniform-27", bigram.countsNll(uniform, names.train));
    matches("uniform-27", Math.log(27));
  });
  it("smooth-toy: α = 1 gives P(. | a) = 1/5 and P(b | a) = 3/5", () => {
    const smooth = bigramProbs(toyN, 3, 1);
    matches("smooth-toy", P("a", ".", smooth));
    expect(P("a", "b", smooth)).toBeCloseTo(0.6, 12);
  });
  it("alpha-zero-inf: at α = 0 the validation names hold 7 pairs of probability 0 (cd cz sg yk yp zk), so the NLL is ∞", () => {
    const v = tableView(names, 0);
    expect(v.valNll).toBe(Infinity);
    expect(v.unseenValPairs).toBe(7);
    const unseen = names.chars.flatMap((a, i) => names.chars.flatMap((b, j) => (names.val[i * 27 + j] > 0 && names.train[i * 27 + j] === 0 ? [a + b] : [])));
    expect(unseen).toEqual(["cd", "cz", "sg", "yk", "yp", "zk"]);
    expect(lesson).toContain("(`cd`, `cz`,\n`sg`, `yk`, `yp`, `zk`, one of them twice)");
    expect(correctChoices("alpha-zero-inf")).toHaveLength(1);
    expect(correctChoices("alpha-zero-inf")[0]).toMatch(/^A validation name contains a pair the training names never contain/);
  });
  it("grad-softmax: z = (0, 0, ln 2), y = 2: p − e_y = (0.25, 0.25, −0.5), also by tf.grad", () => {
    const p = softmax([0, 0, Math.log(2)]);
    matches("grad-softmax", p[2] - 1);
    const g = tf.tidy(() => tf.grad((z: tf.Tensor) => tf.losses.softmaxCrossEntropy(tf.tensor2d([[0, 0, 1]]), z.reshape([1, 3])))(tf.tensor1d([0, 0, Math.log(2)])).arraySync() as number[]);
    expect(g.map((x) => x.toFixed(4))).toEqual(["0.2500", "0.2500", "-0.5000"]);
  });
  it("zeros-start: W = 0 scores ln 27 = 3.2958; the race's N(0, 1) start (seed 1) scores 3.75", () => {
    const zero = createNeuralBigram(27, 1, 0);
    expect(bigram.countsNll(neuralBigramProbs(zero), names.train)).toBeCloseTo(Math.log(27), 5);
    disposeNeuralBigram(zero);
    const m = createNeuralBigram(27, 1);
    const start = bigram.countsNll(neuralBigramProbs(m), names.train);
    disposeNeuralBigram(m);
    expect(start.toFixed(2)).toBe("3.75");
    expect(block("zeros-start")).toContain("(about $3.75$)");
  });
  it("moby-perplexity: e^2.4655 = 11.77 (and the pretrained GPT's e^1.880 = 6.55)", () => {
    const moby = tableView(prepareBigramData("moby-dick", mobyDick()), 1);
    matches("moby-perplexity", Math.exp(moby.valNll));
    const card = JSON.parse(readFileSync("public/models/moby-char.json", "utf8"));
    expect(card.evaluation.val.toFixed(3)).toBe("1.880");
    expect(block("moby-perplexity")).toContain(`$e^{1.880} \\approx ${Math.exp(1.88).toFixed(2)}$`);
  });
});

describe(`${path}: the numbers in the prose`, () => {
  it("names: 8,403 names of a–z, 19 dropped, 7,562 train / 841 val, V = 27, 53,138 training pairs, 5,817 validation pairs", () => {
    expect([namesCorpus.train.length + namesCorpus.val.length, namesCorpus.dropped, namesCorpus.train.length, namesCorpus.val.length, names.V]).toEqual([8403, 19, 7562, 841, 27]);
    const pairs = (c: Float64Array) => c.reduce((a, b) => a + b, 0);
    expect([pairs(names.train), pairs(names.val)]).toEqual([53138, 5817]);
    for (const n of [8403, 19, 7562, 841, 53138, 5817]) expect(lesson).toContain(en(n));
  });
  it("the heatmap's observations: e. 1,740 and a. 1,596 lead; ends a e n y; first letters a 653, c 628, m 615; q → u 53 of 54; 231 of 729 pairs unseen; an 968", () => {
    const all = names.chars.flatMap((a) => names.chars.map((b) => ({ pair: a + b, n: N(a, b) }))).sort((x, y) => y.n - x.n);
    expect(all.slice(0, 2)).toEqual([{ pair: "e.", n: 1740 }, { pair: "a.", n: 1596 }]);
    const enders = names.chars.map((c) => ({ c, n: N(c, ".") })).sort((x, y) => y.n - x.n).slice(0, 4).map((x) => x.c);
    expect(enders.sort()).toEqual(["a", "e", "n", "y"]);
    expect(topNext(tableView(names, 0).probs, 27, ch("."), 3).map(({ id }) => [names.chars[id], N(".", names.chars[id])])).toEqual([["a", 653], ["c", 628], ["m", 615]]);
    expect([N("q", "u"), names.trainTotals[ch("q")]]).toEqual([53, 54]);
    expect(all.filter((x) => x.n === 0)).toHaveLength(231);
    expect(N("a", "n")).toBe(968);
    expect(lesson).toContain("`e.` (1,740 times) and `a.` (1,596)");
    expect(lesson).toContain("`a` (653 names), `c` (628) and `m`\n  (615)");
  });
  it("smoothing row q: 53/54 = 0.9815 raw, (53 + 1)/(54 + 27) = 0.6667 at α = 1; row a has 5,813 pairs", () => {
    expect(tableView(names, 0).probs[ch("q") * 27 + ch("u")].toFixed(4)).toBe("0.9815");
    expect(tableView(names, 1).probs[ch("q") * 27 + ch("u")].toFixed(4)).toBe("0.6667");
    expect(names.trainTotals[ch("a")]).toBe(5813);
  });
  it("the α table: train and validation NLL at α = 0, 0.1, 1, 10; the names perplexity e^2.4138 ≈ 11.2", () => {
    const rows = [0, 0.1, 1, 10].map((a) => {
      const v = tableView(names, a);
      return `| ${a} | ${v.trainNll.toFixed(4)} | ${Number.isFinite(v.valNll) ? v.valNll.toFixed(4) : "∞"} |`;
    });
    expect(rows).toEqual(["| 0 | 2.4138 | ∞ |", "| 0.1 | 2.4142 | 2.4660 |", "| 1 | 2.4183 | 2.4663 |", "| 10 | 2.4585 | 2.4993 |"]);
    for (const r of rows) expect(lesson).toContain(r);
    expect(Math.exp(tableView(names, 0).trainNll).toFixed(1)).toBe("11.2");
    // the per-pair NLL from the sequences agrees with the one from the counts
    expect(bigramNll(bigramProbs(names.train, 27, 1), 27, namesCorpus.val).nll).toBeCloseTo(tableView(names, 1).valNll, 12);
  });
  it("the train/validation gap at α = 1 is about 0.05; the pretrained GPT has 3 layers and 64 characters of context", () => {
    const v = tableView(names, 1);
    expect((v.valNll - v.trainNll).toFixed(2)).toBe("0.05");
    expect(lesson).toContain("(about $0.05$ here)");
    expect([pretrainedRecipe.model.nLayer, pretrainedRecipe.model.blockSize]).toEqual([3, 64]);
    expect(lesson).toContain("(3 layers, 64 characters of context)");
    expect(lesson).toContain("with the 64 characters a GPT sees");
  });
  it("ln 27 = 3.2958 and ln 83 = 4.4188, as printed", () => {
    expect(lesson).toContain(`$\\ln 27 = ${Math.log(27).toFixed(4)}$`);
    expect(lesson).toContain(`\\ln 83 = ${Math.log(83).toFixed(4)}`);
  });
  it("Moby-Dick: 1,190,317 characters, 83 distinct; α = 1: validation 2.4655, training 2.4668", () => {
    const text = mobyDick();
    const moby = prepareBigramData("moby-dick", text);
    const v = tableView(moby, 1);
    expect([[...text].length, moby.V]).toEqual([1190317, 83]);
    expect([v.valNll.toFixed(4), v.trainNll.toFixed(4)]).toEqual(["2.4655", "2.4668"]);
    expect(lesson).toContain("\\text{validation NLL} = 2.4655 \\text{ nats per character} \\qquad (\\text{training } 2.4668");
    expect(lesson).toContain("1,190,317 characters, 83 distinct ones");
  });
  it("a sampled name walks the table: every step's probability is the table's, and the same seed gives the same name", () => {
    const probs = tableView(names, 1).probs;
    const a = samplePath(names, probs, 0, 5), b = samplePath(names, probs, 0, 5);
    expect(a).toEqual(b);
    expect(a.ids[a.ids.length - 1]).toBe(0);
    a.probs.forEach((p, t) => expect(p).toBe(probs[a.ids[t] * 27 + a.ids[t + 1]]));
  });
  it("the race: seed 1, lr 50, 800 steps → every probability within 0.01 of the α = 1 counts, loss within 0.002 of 2.4183", () => {
    const m = createNeuralBigram(27, 1);
    const target = countsTarget(names.train, 27, 1);
    for (let k = 0; k < 800; k++) neuralBigramStep(m, target, 50);
    const q = neuralBigramProbs(m);
    const counts = tableView(names, 1);
    expect(maxAbsDiff(q, counts.probs)).toBeLessThan(0.01);
    expect(Math.abs(bigram.countsNll(q, names.train) - counts.trainNll)).toBeLessThan(0.002);
    expect(lesson).toContain("With seed 1 and $\\eta = 50$, after 800 steps\n  every probability is within $0.01$ of the counts and the loss within $0.002$");
    target.targets.dispose();
    disposeNeuralBigram(m);
  });
  it("the race at lr 5 is still 0.02 above the counts after 1,000 steps; at lr 1000 the loss is infinite within 10 steps", () => {
    const counts = tableView(names, 1);
    const gapAfter = (lr: number, steps: number) => {
      const m = createNeuralBigram(27, 1);
      const target = countsTarget(names.train, 27, 1);
      for (let k = 0; k < steps; k++) neuralBigramStep(m, target, lr);
      const gap = bigram.countsNll(neuralBigramProbs(m), names.train) - counts.trainNll;
      target.targets.dispose();
      disposeNeuralBigram(m);
      return gap;
    };
    expect(gapAfter(5, 1000).toFixed(2)).toBe("0.02");
    expect(gapAfter(1000, 10)).toBe(Infinity);
    expect(lesson).toContain("after 1,000 steps it is still\n$0.02$ above the counting solution");
  });
});

describe(`${path}: the code exercises' tests expect what core/bigram.ts computes`, () => {
  const uses = lintLesson(path, lesson).uses.filter((u) => u.name === "code-exercise") as CodeExerciseUse[];
  const tests = (id: string) => {
    const u = uses.find((x) => x.props.id === id);
    if (!u?.spec) throw new Error(`${path} has no valid code exercise "${id}".`);
    return u.spec.tests;
  };
  it("there are three, in Python", () => expect(uses.map((u) => [u.props.id, u.props.lang])).toEqual([["bigram-counts", "python"], ["bigram-probs", "python"], ["bigram-nll", "python"]]));
  it("bigram-counts: the toy corpus's pairs and emma's are countBigrams's", () => {
    const t = tests("bigram-counts");
    const asDict = (words: string[]) => {
      const v = wordsVocab(["ab", "emma"]);
      const c = countBigrams(encodeWords(words, v), v.chars.length);
      return v.chars.flatMap((a, i) => v.chars.flatMap((b, j) => (c[i * v.chars.length + j] ? [`("${a}", "${b}"): ${c[i * v.chars.length + j]}`] : []))).sort();
    };
    const dicts = [...t.matchAll(/\{(\("[^}]*)\}/g)].map((m) => m[1].split(/, (?=\()/).sort());
    expect(dicts).toEqual([asDict(["ab", "abb", "b"]), asDict(["emma"])]);
  });
  it("bigram-probs: 2/3, 3/4, then 1/5 and row a = [1/5, 1/5, 3/5] at α = 1, as bigramProbs gives", () => {
    const t = tests("bigram-probs");
    expect(t).toContain("2 / 3, tol=1e-9");
    expect([P(".", "a"), P("b", ".")]).toEqual([2 / 3, 0.75]);
    const s = bigramProbs(toyN, 3, 1);
    expect(Array.from(s.subarray(3, 6), (x) => Number(x.toFixed(12)))).toEqual([0.2, 0.2, 0.6]);
    expect(t).toContain('["a"]["."], 0.2, tol=1e-9');
    expect(t).toContain("[0.2, 0.2, 0.6], tol=1e-9");
  });
  it("bigram-nll: ln 2 / 3, the toy corpus's 0.4621 and ln 27 to ten digits, as bigramNll gives", () => {
    const t = tests("bigram-nll");
    const expected = [...t.matchAll(/, (\d\.\d{10}), tol=1e-9/g)].map((m) => Number(m[1]));
    const uniform = new Float64Array(27 * 27).fill(1 / 27);
    const v27 = wordsVocab([..."abcdefghijklmnopqrstuvwxyz"]);
    const computed = [bigramNll(toyP, 3, [toySeqs[0]]).nll, bigramNll(toyP, 3, toySeqs).nll, bigramNll(uniform, 27, encodeWords(["emma", "olivia"], v27)).nll];
    expect(expected).toHaveLength(3);
    expected.forEach((x, k) => expect(Math.abs(x - computed[k])).toBeLessThan(5e-11));
  });
});
