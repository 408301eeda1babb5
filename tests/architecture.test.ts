import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

// src/core runs in Node, in the training worker and on the main thread: ARCHITECTURE.md, "Direction of imports".
const allowedPackages = [/^@tensorflow\//, /^js-tiktoken(\/|$)/];
const forbiddenGlobals = /\b(window|document|self|postMessage|localStorage|navigator|import\.meta\.env)\b/;

describe("src/core stays framework-free", () => {
  const files = walk(join(root, "src/core"));
  it("has files to check", () => expect(files.map((f) => relative(root, f))).toContain("src/core/backend.ts"));
  it.each(files.map((f) => relative(root, f)))("%s imports only @tensorflow/*, js-tiktoken and core, and no DOM or worker globals", (file) => {
    const src = readFileSync(join(root, file), "utf8");
    const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
    const imports = [...src.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
    const bad = imports.filter((spec) => !spec.startsWith(".") && !allowedPackages.some((re) => re.test(spec)));
    expect(bad, `${file} imports ${bad.join(", ")}`).toEqual([]);
    const outside = imports.filter((spec) => spec.startsWith(".") && !join(file, "..", spec).startsWith("src/core"));
    expect(outside, `${file} reaches outside src/core`).toEqual([]);
    expect(code.match(forbiddenGlobals)?.[0] ?? null, `${file} uses a DOM/worker global`).toBeNull();
  });
});

describe("no layer imports the tests", () => {
  it.each(walk(join(root, "src")).map((f) => relative(root, f)))("%s", (file) => {
    expect(readFileSync(join(root, file), "utf8")).not.toMatch(/from\s+["'][./]*tests\//);
  });
});

// ---- import cycles
// A cycle makes load order decide what a module sees (an import that is still undefined), and ties layers that
// ARCHITECTURE.md keeps one-way. Every import counts: static, type-only, re-exports and dynamic import().

const sourceExt = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
/** "./x" from src/a/b.ts → "src/a/x.ts" (whichever file exists), or null for packages and assets (?url, .css). */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = join(from, "..", spec.replace(/\?.*$/, ""));
  for (const ext of sourceExt) {
    const p = base + ext;
    try {
      if (/\.(ts|tsx)$/.test(p) && statSync(join(root, p)).isFile()) return p;
    } catch {
      /* not this extension */
    }
  }
  return null;
}

/** Every module a file imports, resolved to repository-relative paths. */
function importsOf(file: string, src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specs = [
    ...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"'`;]*?from\s*["']([^"']+)["']/g),
    ...code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return [...new Set(specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== null))];
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return cycles;
}

describe("import cycles", () => {
  it("finds the cycle in a hand-made graph, and none in a chain", () => {
    const g = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(findCycles(g)).toEqual([["a", "b", "c"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });

  it("resolves type-only, re-export and dynamic imports", () => {
    const src = 'import type { A } from "./widgetSpecs";\nexport { b } from "../i18n";\nconst m = () => import("../widgets/chinchilla/Chinchilla");\nimport "./x.css";';
    expect(importsOf("src/course/widgetLoaders.ts", src).sort()).toEqual(["src/course/widgetSpecs.ts", "src/i18n/index.ts", "src/widgets/chinchilla/Chinchilla.tsx"]);
  });

  it("src/ has none", () => {
    const files = walk(join(root, "src")).map((f) => relative(root, f));
    const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(join(root, f), "utf8"))]));
    const cycles = findCycles(graph).map((c) => c.join(" ↔ "));
    expect(cycles, `Import cycles (move the shared piece into a module both can import):\n${cycles.join("\n")}`).toEqual([]);
  });
});

// The benchmark's browser code (npm run bench, engine-check.html) forces backends on its own bare page; the
// course page's backend choice (src/device) must never pick it up, and it must not depend on that choice.
describe("src/bench stays apart from the page", () => {
  const files = walk(join(root, "src")).map((f) => relative(root, f));
  const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(join(root, f), "utf8"))]));
  it("has the bench to check", () => expect(files).toContain("src/bench/bench.ts"));
  it("nothing outside src/bench imports it", () => {
    const bad = files.filter((f) => !f.startsWith("src/bench/")).flatMap((f) => graph.get(f)!.filter((d) => d.startsWith("src/bench/")).map((d) => `${f} → ${d}`));
    expect(bad).toEqual([]);
  });
  it("src/bench imports only core and the wasm file paths", () => {
    const bad = files.filter((f) => f.startsWith("src/bench/")).flatMap((f) => graph.get(f)!.filter((d) => !d.startsWith("src/core/") && !d.startsWith("src/bench/") && d !== "src/device/wasmPaths.ts").map((d) => `${f} → ${d}`));
    expect(bad).toEqual([]);
  });
});

// A date in the browser's locale shows US dates on a Japanese page in an English browser: pass the page's language
// (src/i18n/format.ts's formatDateTime does).
describe("dates follow the page's language", () => {
  it.each(walk(join(root, "src")).map((f) => relative(root, f)))("%s", (file) => {
    const src = readFileSync(join(root, file), "utf8");
    expect(src.match(/new Date\([^)]*\)\.toLocale(?:Date|Time)?String\(\s*\)/g) ?? []).toEqual([]);
  });
});
