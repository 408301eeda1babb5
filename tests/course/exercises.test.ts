import { describe, expect, it } from "vitest";
import { checkChoices, checkNumber, checkShape, formatShape, parseNumber, parseShape, type ShapeAnswer } from "../../src/course/exercises/answers";
import { lintLesson } from "../../src/course/lint";
import { widgetNames } from "../../src/course/widgetSpecs";

describe("parseNumber", () => {
  it.each([
    ["2362368", 2362368],
    ["2,362,368", 2362368],
    ["2 362 368", 2362368],
    ["2_362_368", 2362368],
    ["2.362368e6", 2362368],
    ["-0.5", -0.5],
    ["\u22120.5", -0.5], // a typographic minus, as pasted from a PDF
    [".25", 0.25],
    ["3/4", 0.75],
    ["1e-3", 0.001],
  ])("reads %j as %d", (input, want) => expect(parseNumber(input)).toBe(want));
  it.each(["", "abc", "1,5", "12,34,567", "1/0", "2..3", "0x10", "1e"])("refuses %j", (input) => expect(parseNumber(input)).toBeNull());
});

describe("checkNumber", () => {
  it("accepts within the tolerance and says which way a miss goes", () => {
    expect(checkNumber("2,362,368", 2362368, 0)).toEqual({ ok: true });
    expect(checkNumber("2362367", 2362368, 0)).toEqual({ ok: false, reason: "tooLow" });
    expect(checkNumber("2362369", 2362368, 0)).toEqual({ ok: false, reason: "tooHigh" });
    expect(checkNumber("0.693", Math.LN2, 0.001)).toEqual({ ok: true }); // ln 2 = 0.69314…
    expect(checkNumber("0.69", Math.LN2, 0.001)).toEqual({ ok: false, reason: "tooLow" });
    expect(checkNumber("0.1+0.2", 0.3, 0)).toEqual({ ok: false, reason: "unreadableNumber", input: "0.1+0.2" });
    expect(checkNumber("  ", 1, 0)).toEqual({ ok: false, reason: "empty" });
  });
  it("forgives float printing: 0.1 + 0.2 typed as 0.30000000000000004 or 0.3", () => {
    expect(checkNumber("0.3", 0.1 + 0.2, 0)).toEqual({ ok: true });
  });
});

describe("parseShape", () => {
  it.each([
    ["(2, 3, 4)", [2, 3, 4]],
    ["2,3,4", [2, 3, 4]],
    ["[2 3 4]", [2, 3, 4]],
    ["torch.Size([2, 3, 4])", [2, 3, 4]],
    ["2x3x4", [2, 3, 4]],
    ["2 × 3 × 4", [2, 3, 4]],
    ["(4,)", [4]],
    ["4", [4]],
    ["()", []],
    ["( 27 , 1 )", [27, 1]],
  ])("reads %j", (input, dims) => expect(parseShape(input)).toEqual({ error: false, dims }));
  it.each(["error", "Error.", "エラー", "fails"])("reads %j as an error", (input) => expect(parseShape(input)).toEqual({ error: true }));
  it.each(["(2, x)", "(2, 3", "2,,3", "(2.5, 3)", "hello", "(-1, 3)"])("refuses %j", (input) => expect(parseShape(input)).toBeNull());
  it("formats as Python prints a tuple", () => {
    expect([formatShape([2, 3, 4]), formatShape([4]), formatShape([])]).toEqual(["(2, 3, 4)", "(4,)", "()"]);
  });
});

describe("checkShape", () => {
  const s234: ShapeAnswer = { error: false, dims: [2, 3, 4] };
  it("gives a reason for each kind of miss", () => {
    expect(checkShape("(2,3,4)", s234)).toEqual({ ok: true });
    expect(checkShape("(2, 3)", s234)).toEqual({ ok: false, reason: "rank", got: 2 });
    expect(checkShape("(2, 4, 3)", s234)).toEqual({ ok: false, reason: "dims" });
    expect(checkShape("error", s234)).toEqual({ ok: false, reason: "notAnError" });
    expect(checkShape("(2, 3, 4)", { error: true })).toEqual({ ok: false, reason: "expectedError" });
    expect(checkShape("エラー", { error: true })).toEqual({ ok: true });
    expect(checkShape("(2, 3", s234)).toEqual({ ok: false, reason: "unreadableShape", input: "(2, 3" });
  });
  it("tells (4,) from (4, 1): a vector is not a column", () => {
    expect(checkShape("(4, 1)", { error: false, dims: [4] })).toEqual({ ok: false, reason: "rank", got: 2 });
  });
});

describe("checkChoices", () => {
  it("one correct choice, or exactly the correct set", () => {
    expect(checkChoices([1], [1])).toEqual({ ok: true });
    expect(checkChoices([0], [1])).toEqual({ ok: false, reason: "wrongChoice" });
    expect(checkChoices([], [1])).toEqual({ ok: false, reason: "noChoice" });
    expect(checkChoices([2, 0], [0, 2])).toEqual({ ok: true });
    expect(checkChoices([0], [0, 2])).toEqual({ ok: false, reason: "partlyRight" });
    expect(checkChoices([1], [0, 2])).toEqual({ ok: false, reason: "wrongChoice" });
  });
});

// ---- the lint: the same checks show an error box in the page (directives.ts) and fail lessons.test.ts

const lesson = (body: string) => `---\ntitle: T\nsummary: S\nminutes: 5\n---\n${body}`;
const problems = (body: string) => lintLesson("lessons/99-x/en.md", lesson(body)).problems;

describe("lintLesson on exercises", () => {
  it("accepts a well-formed exercise of each kind and reports its props", () => {
    const src = lesson(
      [
        "::::exercise{id=params kind=numeric answer=2362368 tol=0}",
        "How many parameters?",
        "",
        ":::hint",
        "Weight, then bias.",
        ":::",
        "",
        ":::solution",
        "$768 \\cdot 3072 + 3072$.",
        ":::",
        "::::",
        "",
        '::::exercise{id=add kind=shape answer="(2, 3, 4)"}',
        "Shape of `x + y`?",
        "::::",
        "",
        "::::exercise{id=pick kind=choice}",
        "Which?",
        "",
        ":::choice[Rows]{correct}",
        "Because…",
        ":::",
        "",
        ":::choice[Columns]",
        "No: …",
        ":::",
        "::::",
        "",
        "::::exercise{id=guess kind=predict}",
        "Guess.",
        "",
        ":::reveal",
        "::matmul-demo{m=2}",
        ":::",
        "::::",
      ].join("\n"),
    );
    const { uses, problems } = lintLesson("x.md", src);
    expect(problems).toEqual([]);
    expect(uses.map((u) => [u.name, u.line])).toEqual([["exercise", 6], ["exercise", 18], ["exercise", 22], ["exercise", 34], ["matmul-demo", 38]]);
    expect(uses[0].props).toEqual({ id: "params", kind: "numeric", answer: "2362368", tol: "0" });
  });

  it("names the file, the line and the fix for each mistake", () => {
    expect(problems("::::exercise{id=a kind=numbr answer=3}\nQ\n::::\n")).toEqual([
      'lessons/99-x/en.md:6: exercise "a": unknown kind "numbr". Use kind=numeric, kind=shape, kind=choice, kind=predict.',
    ]);
    expect(problems("::::exercise{id=a kind=numeric}\nQ\n::::\n")).toEqual(['lessons/99-x/en.md:6: exercise "a" (kind=numeric) needs answer=…, e.g. answer=2362368.']);
    expect(problems("::::exercise{id=a kind=shape answer=\"(2, x)\"}\nQ\n::::\n")).toEqual([
      'lessons/99-x/en.md:6: exercise "a": answer "(2, x)" is not a shape; write it like "(2, 3, 4)", "(4,)" or error.',
    ]);
    expect(problems("::::exercise{kind=numeric answer=1 anser=2}\nQ\n::::\n")).toEqual([
      "lessons/99-x/en.md:6: exercise needs an id, e.g. id=broadcast-add: it names the deep link and the saved progress.",
      'lessons/99-x/en.md:6: exercise "?": unknown attribute "anser". kind=numeric accepts id, kind, answer, tol.',
    ]);
  });

  it("catches duplicate ids across the file", () => {
    expect(problems("::::exercise{id=a kind=numeric answer=1}\nQ\n::::\n\n::::exercise{id=a kind=numeric answer=2}\nQ\n::::\n")).toEqual([
      'lessons/99-x/en.md:10: exercise id "a" is used twice in this file; each exercise needs its own id.',
    ]);
  });

  it("requires an explanation, a text and a correct mark among the choices", () => {
    const src = ["::::exercise{id=c kind=choice}", "Q", "", ":::choice[Yes]", ":::", "", ":::choice{correct}", "Why", ":::", "::::"].join("\n");
    expect(problems(src)).toEqual([
      'lessons/99-x/en.md:6: exercise "c": the choice at line 9 has no explanation; every choice explains why it is right or wrong.',
      'lessons/99-x/en.md:6: exercise "c": the choice at line 12 needs its text in brackets: ":::choice[text of the choice]".',
    ]);
    expect(problems(["::::exercise{id=c kind=choice}", "Q", "", ":::choice[A]", "a", ":::", ":::choice[B]", "b", ":::", "::::"].join("\n"))).toEqual([
      'lessons/99-x/en.md:6: exercise "c": no choice is marked correct; add {correct} to the right one.',
    ]);
  });

  it("finds parts outside an exercise, unknown parts, predict without reveal and empty questions", () => {
    expect(problems(":::hint\nx\n:::\n")).toEqual(['lessons/99-x/en.md:6: "hint" belongs directly inside a "::::exercise" container (the exercise takes four colons, its parts three).']);
    expect(problems("::::exercise{id=p kind=predict}\nGuess\n\n:::hnt\nx\n:::\n::::\n")).toEqual([
      'lessons/99-x/en.md:6: exercise "p" (kind=predict) needs a ":::reveal" part: what the page shows once the learner has committed.',
      `lessons/99-x/en.md:9: unknown widget "hnt". Known widgets: ${widgetNames.join(", ")}.`,
    ]);
    expect(problems("::::exercise{id=e kind=numeric answer=1}\n:::hint\nx\n:::\n::::\n")).toEqual([
      'lessons/99-x/en.md:6: exercise "e": the question is empty; write it inside the exercise, above its parts.',
    ]);
  });

  it("explains the likely mistake when the exercise has fewer colons than its parts", () => {
    // ":::exercise" then "::::hint": the hint's closing "::::" also closes the exercise, so the solution is stray.
    expect(problems(":::exercise{id=f kind=numeric answer=1}\nQ\n\n::::hint\nh\n::::\n\n::::solution\ns\n::::\n:::\n")).toEqual([
      'lessons/99-x/en.md:13: "solution" belongs directly inside a "::::exercise" container (the exercise takes four colons, its parts three).',
    ]);
  });
});
