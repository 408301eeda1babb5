import { describe, expect, it } from "vitest";
import { courseJapanese, lessonProse } from "../../scripts/corpora";

/** The Japanese corpus is the course's own Japanese lesson prose (written for the project), without markup. */
describe("the course-ja corpus", () => {
  it("keeps headings, paragraphs, list items, inline code and plain math; drops code blocks, LaTeX, directives and code exercises", () => {
    const md = [
      "---\ntitle: x\nsummary: y\nminutes: 1\n---",
      "## 見出し",
      "本文は $B$ 本で `code` と $\\sqrt{d}$ を含み、\n改行します。",
      "- 箇条書き",
      "```py\nx = 1\n```",
      "$$\na = b\n$$",
      "::widget{a=1}",
      "::::exercise{id=a kind=numeric answer=1}\n問い\n\n:::hint\nヒント\n:::\n::::",
      "::::code-exercise{id=b lang=python}\n書いてください\n::::",
    ].join("\n\n");
    expect(lessonProse(md)).toBe("見出し\n本文は B 本で code と を含み、改行します。\n箇条書き\n問い\nヒント\n");
  });
  it("is made from every lessons/*/ja.md, in course order, and is Japanese", () => {
    const text = courseJapanese();
    const kana = [...text].filter((c) => /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)).length;
    expect(text.length).toBeGreaterThan(10_000);
    expect(kana / text.length).toBeGreaterThan(0.3);
    expect(text.startsWith("このレッスンで学ぶこと")).toBe(true); // lesson 1's first heading
  });
});
