import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLessonSource } from "../src/course/frontmatter";
import { splitSlides, type Slide } from "../src/presenter/slides";

/**
 * Presenter mode's slides of the lessons that have speaker notes (a `:::notes` block anywhere in en.md or ja.md):
 * the English and the Japanese split into the same slides (the same sections in the same order, the same `::slide`
 * breaks), so slide n shows the same content in both languages and the speaker's view can switch language in place;
 * and every slide, in both languages, has notes for the instructor.
 */
const lessons = readdirSync("lessons")
  .filter((dir) => existsSync(`lessons/${dir}/en.md`) && existsSync(`lessons/${dir}/ja.md`))
  .filter((dir) => ["en", "ja"].some((lang) => /^:::notes\s*$/m.test(readFileSync(`lessons/${dir}/${lang}.md`, "utf8"))))
  .sort();

function slidesOf(dir: string, lang: string): Slide[] {
  const path = `lessons/${dir}/${lang}.md`;
  return splitSlides(parseLessonSource(path, readFileSync(path, "utf8")).body);
}

/** Each slide as "section number.part" (the opening before the first heading is section 0), e.g. ["1.1", "1.2", "2.1"]. */
function shape(slides: Slide[]): string[] {
  let section = 0;
  return slides.map((s, i) => {
    if (s.part === 1 && (s.section || i > 0)) section++;
    return `${s.section ? section : 0}.${s.part}`;
  });
}

describe("speaker notes and slide breaks", () => {
  it("the lessons written with notes still have them", () => {
    expect(lessons).toEqual(expect.arrayContaining(["01-tensors", "02-autograd", "03-bigram", "04-tokenization", "05-embeddings", "06-attention", "07-gpt", "08-pretraining", "09-decoding"]));
  });

  for (const dir of lessons) {
    it(`${dir}: en.md and ja.md split into the same slides (sections, order and ::slide breaks)`, () => {
      const en = slidesOf(dir, "en"), ja = slidesOf(dir, "ja");
      expect(shape(ja)).toEqual(shape(en));
      // the same widgets and exercises on the same slide, in both languages
      const things = (s: Slide) => [...s.body.matchAll(/^(?:::[a-z][a-z-]*|::::(?:code-)?exercise\{id=[a-z0-9-]+)/gm)].map((m) => m[0]);
      expect(ja.map(things)).toEqual(en.map(things));
    });

    it(`${dir}: a note that sends the presenter to "slide N" names a slide that holds a widget`, () => {
      for (const lang of ["en", "ja"]) {
        const slides = slidesOf(dir, lang);
        const refs = slides.flatMap((s, i) =>
          [...s.notes.matchAll(lang === "en" ? /\bslides? (\d+)/g : /スライド (\d+)/g)].map((m) => ({ from: i + 1, to: Number(m[1]) })));
        const bad = refs.filter(({ to }) => !/^::[a-z][a-z-]*(\{|$)/m.test(slides[to - 1]?.body ?? "")).map(({ from, to }) => `slide ${from} → slide ${to}`);
        expect(bad, `lessons/${dir}/${lang}.md: notes point at slides without a widget (slides renumbered?)`).toEqual([]);
      }
    });

    it(`${dir}: every slide has speaker notes in both languages`, () => {
      for (const lang of ["en", "ja"]) {
        const empty = slidesOf(dir, lang).filter((s) => !s.notes.trim()).map((s) => `${s.title || "(opening)"} part ${s.part}, line ${s.line}`);
        expect(empty, `lessons/${dir}/${lang}.md: slides without :::notes`).toEqual([]);
      }
    });
  }
});
