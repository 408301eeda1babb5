/// <reference types="vitest/config" />
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { corporaPlugin } from "./scripts/corpora.ts";

// Pyodide, for Python code exercises, ships with the site (never a CDN): the worker bundles pyodide.mjs, and
// these files are served at pyodide/ (copied into the build, served from node_modules in development).
const pyodideFiles: Record<string, string> = {
  "pyodide.asm.wasm": "application/wasm",
  "pyodide.asm.mjs": "text/javascript",
  "python_stdlib.zip": "application/zip",
  "pyodide-lock.json": "application/json",
};
function pyodideAssets(): Plugin {
  const dir = fileURLToPath(new URL("./node_modules/pyodide/", import.meta.url));
  return {
    name: "gpt-dojo-pyodide",
    configureServer(server) {
      server.middlewares.use("/pyodide/", (req, res, next) => {
        const name = (req.url ?? "").replace(/^\//, "").split("?")[0];
        if (!(name in pyodideFiles)) return next();
        res.setHeader("Content-Type", pyodideFiles[name]);
        createReadStream(dir + name).pipe(res);
      });
    },
    generateBundle() {
      for (const name of Object.keys(pyodideFiles)) this.emitFile({ type: "asset", fileName: `pyodide/${name}`, source: readFileSync(dir + name) });
    },
  };
}

// COOP/COEP make the page cross-origin isolated, which multi-threaded WASM (SharedArrayBuffer) needs.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // Relative asset paths: the built site works from any static host, including a sub-path (GitHub Pages).
  base: "./",
  plugins: [react(), corporaPlugin(), pyodideAssets()],
  optimizeDeps: { exclude: ["pyodide"] },
  server: { port: 5173, headers: isolationHeaders },
  preview: { port: 4173, headers: isolationHeaders },
  // pyodide.mjs imports node:* modules only on its Node code path; leaving them external spares every build 7 warnings
  worker: { format: "es", rollupOptions: { external: [/^node:/] } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4000,
    // engine-check.html: the engine on a bare page, driven by the browser tests
    rollupOptions: { input: { main: "index.html", engine: "engine-check.html" } },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
