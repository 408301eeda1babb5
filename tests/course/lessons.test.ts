import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintLesson } from "../../src/course/lint";
import { widgetNames } from "../../src/course/widgetSpecs";
import { parseLessonSource } from "../../src/course/frontmatter";
import { lessons, tableOfContents } from "../../src/course/lessons";

const root = join(__dirname, "../..");
const files = readdirSync(join(root, "lessons")).flatMap((dir) =>
  readdirSync(join(root, "lessons", dir))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `lessons/${dir}/${f}`),
);

describe("every lesson file", () => {
  it.each(files)("%s: front matter is complete and every widget directive is valid", (path) => {
    const source = readFileSync(join(root, path), "utf8");
    const { problems } = lintLesson(path, source);
    // A failure prints e.g. 'lessons/01-tensors/en.md:12: unknown widget "foo". Known widgets: …'
    expect(problems).toEqual([]);
  });
});

describe("the course", () => {
  it("registers every widget by name, sorted", () => {
    expect(widgetNames).toEqual([...widgetNames].sort());
    expect(widgetNames).toContain("gpt-lab");
  });
  it("has the lesson routes in course order", () => {
    expect(lessons.map((l) => l.slug)).toEqual(["tensors", "autograd", "bigram", "tokenization", "embeddings", "attention", "gpt", "pretraining", "decoding"]);
    expect(lessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("lintLesson", () => {
  const src = "---\ntitle: T\nsummary: S\nminutes: 5\n---\nText\n\n::matmul-demo{m=2}\n\n::nope{a=1}\n\n::matmul-demo{m=0 z=1}\n";
  it("names the file and the line of each bad directive", () => {
    expect(lintLesson("lessons/99-x/en.md", src).problems).toEqual([
      `lessons/99-x/en.md:10: unknown widget "nope". Known widgets: ${widgetNames.join(", ")}.`,
      'lessons/99-x/en.md:12: prop "m" must be between 1 and 6, got 0.',
      'lessons/99-x/en.md:12: unknown prop "z". matmul-demo accepts m, k, n.',
    ]);
  });
  it("gives a good directive its typed props with defaults", () => {
    expect(lintLesson("x.md", src).uses[0]).toEqual({ name: "matmul-demo", line: 8, props: { m: 2, k: 3, n: 2 }, errors: [] });
  });
});

describe("parseLessonSource", () => {
  it("splits front matter and counts the lines before the body", () => {
    expect(parseLessonSource("x.md", "---\ntitle: A\nsummary: B\nminutes: 5\n---\n# Hi")).toEqual({
      meta: { title: "A", summary: "B", minutes: 5 },
      body: "# Hi",
      bodyLineOffset: 5,
    });
  });
  it("names what is missing", () => {
    expect(() => parseLessonSource("lessons/01-a/en.md", "---\ntitle: A\n---\nx")).toThrow("lessons/01-a/en.md: front matter lacks summary, minutes.");
    expect(() => parseLessonSource("a.md", "# no front matter")).toThrow('a.md: the file must start with front matter between "---" lines');
    expect(() => parseLessonSource("a.md", "---\ntitle: A\nsummary: B\nminutes: soon\n---\n")).toThrow('a.md: minutes must be a positive number, got "soon".');
  });
});

describe("tableOfContents", () => {
  it("gives h2/h3 the same ids as rehype-slug, numbering repeats", () => {
    expect(tableOfContents("## Shapes\n\ntext\n\n### Shapes\n\n#### Deep\n\n## Linear layers, two conventions")).toEqual([
      { id: "shapes", text: "Shapes", depth: 2 },
      { id: "shapes-1", text: "Shapes", depth: 3 },
      { id: "linear-layers-two-conventions", text: "Linear layers, two conventions", depth: 2 },
    ]);
  });
});
