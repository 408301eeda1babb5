import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import type { Root } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { visit } from "unist-util-visit";
import { parseLessonSource, type LessonFrontMatter } from "./frontmatter";
import type { Language } from "../i18n";
import { translationState, type TranslationState } from "./translation";

/** One lesson as the course knows it: lessons/NN-slug/{en,ja}.md. */
export interface Lesson {
  slug: string; // "tensors"
  number: number; // 1
  dir: string; // "01-tensors"
  /** Per language: the parsed file. English is required; Japanese may be missing (then English is shown). */
  files: Partial<Record<Language, { path: string; meta: LessonFrontMatter; body: string; bodyLineOffset: number }>>;
  /** Whether ja.md translates the current en.md (its translationOf is en.md's hash), is behind it, or is missing. */
  ja: TranslationState;
}

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

// Lesson Markdown is small, so it is bundled eagerly; the heavy parts (KaTeX, widgets, TF.js) load lazily.
const sources = import.meta.glob("/lessons/*/*.md", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

export function buildLessons(files: Record<string, string>): Lesson[] {
  const byDir = new Map<string, Lesson>();
  for (const [fullPath, source] of Object.entries(files)) {
    const m = /lessons\/((\d+)-([a-z0-9-]+))\/(\w+)\.md$/.exec(fullPath);
    if (!m) throw new Error(`${fullPath}: lesson files must be named lessons/NN-slug/<lang>.md.`);
    const [, dir, num, slug, lang] = m;
    if (lang !== "en" && lang !== "ja") throw new Error(`${fullPath}: unknown language "${lang}"; use en.md or ja.md.`);
    const lesson = byDir.get(dir) ?? { slug, number: Number(num), dir, files: {}, ja: "missing" as TranslationState };
    const path = `lessons/${dir}/${lang}.md`;
    lesson.files[lang] = { path, ...parseLessonSource(path, source) };
    byDir.set(dir, lesson);
  }
  const lessons = [...byDir.values()].sort((a, b) => a.number - b.number);
  for (const l of lessons) if (!l.files.en) throw new Error(`lessons/${l.dir}: en.md is missing (every lesson needs English).`);
  for (const l of lessons) {
    const en = Object.entries(files).find(([p]) => p.endsWith(`lessons/${l.dir}/en.md`))![1];
    l.ja = translationState(en, l.files.ja?.meta.translationOf, !!l.files.ja);
  }
  return lessons;
}

export const lessons: Lesson[] = buildLessons(sources);

export function findLesson(slug: string): Lesson | undefined {
  return lessons.find((l) => l.slug === slug);
}

/**
 * The file to show for a language: the Japanese one when it exists, otherwise English. `stale` says the Japanese
 * file translates an older en.md (the page says so and offers the English text).
 */
export function lessonFile(lesson: Lesson, lang: Language) {
  return { file: lesson.files[lang] ?? lesson.files.en!, fallback: !lesson.files[lang], stale: lang === "ja" && lesson.ja === "stale" };
}

/**
 * The h2/h3 headings with the ids rehype-slug gives them (both use github-slugger in document order).
 * Example: "## Shapes\n### Shapes" → [{id: "shapes", …}, {id: "shapes-1", …}]
 */
export function tableOfContents(body: string): TocEntry[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(body) as Root;
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  visit(tree, "heading", (node) => {
    const text = toString(node);
    const id = slugger.slug(text); // every heading takes a slug, so later ids match rehype-slug's numbering
    if (node.depth === 2 || node.depth === 3) toc.push({ id, text, depth: node.depth });
  });
  return toc;
}
