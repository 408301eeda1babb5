import { describe, expect, it } from "vitest";
import { lintLesson } from "../../src/course/lint";
import { withoutWidgetState } from "../../src/course/widgetRegistry";

const lesson = (body: string) => `---\ntitle: T\nsummary: S\nminutes: 5\n---\n${body}`;

describe("presenter-only directives", () => {
  it("::slide and :::notes are not widgets: the lint accepts them and sees no widget use", () => {
    const { uses, problems } = lintLesson("lessons/99-x/en.md", lesson("## A\n\ntext\n\n::slide\n\nmore\n\n:::notes\nSay *this*.\n:::\n"));
    expect(problems).toEqual([]);
    expect(uses).toEqual([]);
  });
  it("a ::slide with a label is an error naming its line", () => {
    const { problems } = lintLesson("lessons/99-x/en.md", lesson("## A\n\n::slide[Title]\n"));
    expect(problems).toEqual(["lessons/99-x/en.md:8: ::slide takes no label or attributes: write it alone on its line"]);
  });
});

describe("withoutWidgetState", () => {
  it("drops the widget's fields, keeps hide/lock and other widgets' and page params, then sets extras", () => {
    expect(withoutWidgetState("#/lessons/decoding?beam.width=3&beam.hide=width&x=1&beamx.k=2", "beam", { "beam.preset": "a" })).toBe(
      "#/lessons/decoding?beam.hide=width&x=1&beamx.k=2&beam.preset=a",
    );
    expect(withoutWidgetState("#/lessons/decoding?beam.width=3", "beam")).toBe("#/lessons/decoding");
    expect(withoutWidgetState("#/lab", "beam")).toBe("#/lab");
  });
});
