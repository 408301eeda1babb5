import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { slideOfSection, splitSlides } from "../src/presenter/slides";
import { parseLessonSource } from "../src/course/frontmatter";
import { tableOfContents } from "../src/course/lessons";

describe("splitSlides", () => {
  it("splits at h2 and ::slide, moves notes out, keeps h3 and fenced '## ' inside", () => {
    const body = [
      "Intro text.",
      "",
      "## Queries",
      "",
      "q = x @ Wq",
      "",
      "```python",
      "## not a heading",
      "::slide",
      "```",
      "",
      "### Detail",
      "",
      "d",
      "",
      "::slide",
      "",
      "Second part.",
      "",
      ":::notes",
      "Ask the room *why*.",
      "",
      "Then wait.",
      ":::",
      "",
      "## Keys",
      "",
      "k",
    ].join("\n");
    const slides = splitSlides(body);
    expect(slides.map((s) => [s.title, s.section, s.part, s.line])).toEqual([
      ["", "", 1, 1],
      ["Queries", "queries", 1, 3],
      ["Queries", "queries", 2, 16],
      ["Keys", "keys", 1, 26],
    ]);
    expect(slides[0].body).toBe("Intro text.");
    expect(slides[1].body).toBe("## Queries\n\nq = x @ Wq\n\n```python\n## not a heading\n::slide\n```\n\n### Detail\n\nd");
    expect(slides[2].body).toBe("Second part.");
    expect(slides[2].notes).toBe("Ask the room *why*.\n\nThen wait.");
    expect(slides[1].notes).toBe("");
    expect(slides[3].body).toBe("## Keys\n\nk");
  });

  it("a lesson that opens with its first heading has no empty opening slide; a repeated heading gets rehype-slug's -1", () => {
    const slides = splitSlides("## A\n\nx\n\n## A\n\ny");
    expect(slides.map((s) => s.section)).toEqual(["a", "a-1"]);
    expect(slideOfSection(slides, "a-1")).toBe(1);
    expect(slideOfSection(slides, "nope")).toBe(0);
  });

  it("every lesson's slides start at its h2 sections, with the contents' ids", () => {
    for (const dir of ["01-tensors", "06-attention", "09-decoding"]) {
      for (const lang of ["en", "ja"]) {
        const path = `lessons/${dir}/${lang}.md`;
        const { body } = parseLessonSource(path, readFileSync(path, "utf8"));
        const h2 = tableOfContents(body).filter((e) => e.depth === 2).map((e) => e.id);
        const firsts = splitSlides(body).filter((s) => s.part === 1 && s.section).map((s) => s.section);
        expect(firsts).toEqual(h2);
      }
    }
  });
});

import { isPresenterMessage } from "../src/presenter/sync";
describe("isPresenterMessage", () => {
  it("accepts the four shapes and rejects malformed ones", () => {
    expect(isPresenterMessage({ type: "hello" })).toBe(true);
    expect(isPresenterMessage({ type: "goto", slug: "attention", slide: 3 })).toBe(true);
    expect(isPresenterMessage({ type: "goto", slug: "attention", slide: 1.5 })).toBe(false);
    expect(isPresenterMessage({ type: "state", slug: "a", slide: 0, count: 9, blank: false, lang: "ja", startedAt: 0 })).toBe(true);
    expect(isPresenterMessage({ type: "state", slug: "a", slide: 0, blank: false })).toBe(false);
    expect(isPresenterMessage({ type: "command", command: "next" })).toBe(true);
    expect(isPresenterMessage({ type: "command", command: { preset: 2 } })).toBe(true);
    expect(isPresenterMessage({ type: "command", command: { preset: "2" } })).toBe(false);
    expect(isPresenterMessage("hello")).toBe(false);
  });
});
