import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLessonSource } from "../../src/course/frontmatter";
import { lintLesson } from "../../src/course/lint";
import { translationHash, translationState } from "../../src/course/translation";
import { buildLessons, lessonFile } from "../../src/course/lessons";

/**
 * Japanese lessons stay in step with the English ones: every ja.md names the hash of the en.md it translates
 * (a stale one fails here, saying what to do), and its exercises have the same ids and answers, so progress is
 * shared between the languages.
 */
const root = join(__dirname, "../../lessons");
const dirs = readdirSync(root).filter((d) => existsSync(join(root, d, "en.md"))).sort();
const withJa = dirs.filter((d) => existsSync(join(root, d, "ja.md")));

describe("a lesson's Japanese file as the page sees it", () => {
  const en = "---\ntitle: A\nsummary: S\nminutes: 5\n---\nText\n";
  const ja = (of: string) => `---\ntitle: あ\nsummary: す\nminutes: 5\ntranslationOf: ${of}\n---\n本文\n`;
  it("current: shown in Japanese with no banner; stale: shown in Japanese, flagged; missing: English with the notice", () => {
    const [current] = buildLessons({ "/lessons/01-a/en.md": en, "/lessons/01-a/ja.md": ja(translationHash(en)) });
    expect(current.ja).toBe("current");
    expect(lessonFile(current, "ja")).toMatchObject({ fallback: false, stale: false });
    const [stale] = buildLessons({ "/lessons/01-a/en.md": en + "More.\n", "/lessons/01-a/ja.md": ja(translationHash(en)) });
    expect(stale.ja).toBe("stale");
    expect(lessonFile(stale, "ja")).toMatchObject({ fallback: false, stale: true });
    expect(lessonFile(stale, "en")).toMatchObject({ fallback: false, stale: false });
    const [missing] = buildLessons({ "/lessons/01-a/en.md": en });
    expect(lessonFile(missing, "ja")).toMatchObject({ fallback: true, stale: false });
  });
});

describe("translationHash", () => {
  it("is two 32-bit FNV-1a passes: the empty text gives the two offset bases, 'a' gives FNV-1a's e40c292c first", () => {
    expect(translationHash("")).toBe("811c9dc5050c5d1f");
    expect(translationHash("a").slice(0, 8)).toBe("e40c292c"); // the published FNV-1a 32-bit value of "a"
    expect(translationHash("foobar").slice(0, 8)).toBe("bf9cf968"); // and of "foobar"
  });
  it("ignores line endings and trailing blank space, nothing else", () => {
    expect(translationHash("a\r\nb\n\n")).toBe(translationHash("a\nb"));
    expect(translationHash("a\nb")).not.toBe(translationHash("a\nc"));
  });
  it("a missing, current and stale translation", () => {
    const h = translationHash("x");
    expect(translationState("x", undefined, false)).toBe("missing");
    expect(translationState("x", h, true)).toBe("current");
    expect(translationState("x!", h, true)).toBe("stale");
  });
});

if (withJa.length) describe.each(withJa)("lessons/%s/ja.md", (dir) => {
  const enPath = `lessons/${dir}/en.md`, jaPath = `lessons/${dir}/ja.md`;
  const en = readFileSync(join(root, dir, "en.md"), "utf8");
  const ja = readFileSync(join(root, dir, "ja.md"), "utf8");

  it("translates the current en.md", () => {
    const { translationOf } = parseLessonSource(jaPath, ja).meta;
    const now = translationHash(en);
    if (translationOf !== now)
      throw new Error(
        `${jaPath} translates an older ${enPath} (translationOf: ${translationOf ?? "missing"}, en.md is now ${now}). ` +
          `Bring the Japanese up to date with what changed in en.md (git log -p ${enPath}), then set translationOf: ${now} (npm run ja:hash prints it).`,
      );
  });

  it("has the same exercises, with the same ids and answers, in the same order", () => {
    const facts = (path: string, source: string) => {
      const { uses, problems } = lintLesson(path, source);
      expect(problems).toEqual([]);
      return uses
        .filter((u) => u.name === "exercise" || u.name === "code-exercise")
        .map((u) => {
          const { id, kind, answer, tol, lang } = u.props;
          const spec = (u as { spec?: { correct?: number[]; choices?: number } }).spec;
          return { name: u.name, id, kind, answer, tol, lang, correct: spec?.correct, choices: spec?.choices };
        });
    };
    expect(facts(jaPath, ja)).toEqual(facts(enPath, en));
  });
});
