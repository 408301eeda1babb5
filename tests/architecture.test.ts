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
