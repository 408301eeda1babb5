/// <reference types="vitest/config" />
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
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

// Offline and installable (issue #16): a service worker precaches everything the course needs (src/pwa/sw.ts says
// what and how) and a web app manifest makes it an app. Every URL is relative, so it works under any sub-path.
// The largest file is Pyodide's pyodide.asm.wasm (9.2 MB); engine-check.html (a test page) stays out.
function offline(): Plugin[] {
  return VitePWA({
    strategies: "injectManifest",
    srcDir: "src/pwa",
    filename: "sw.ts",
    registerType: "prompt",
    injectRegister: false, // src/pwa/register.ts registers it (virtual:pwa-register)
    scope: "./",
    base: "./",
    includeManifestIcons: false, // the glob below has them (twice in the list would count them twice)
    injectManifest: {
      // woff2 only: every browser with service workers reads KaTeX's woff2 fonts, so .woff/.ttf are never fetched
      globPatterns: ["**/*.{js,mjs,css,html,wasm,woff2,svg,png,json,safetensors,txt,zip}"] /* + manifest.webmanifest, added by the plugin */,
      globIgnores: ["engine-check.html", "assets/engine-*.js", "assets/engine-*.css"],
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // keep each file's size beside its URL (workbox drops `size`): the device page reports "n of N files, X MB"
      manifestTransforms: [async (entries) => ({ manifest: entries.map((e) => Object.assign(e, { bytes: e.size })), warnings: [] })],
    },
    manifest: {
      name: "GPT Dojo",
      short_name: "GPT Dojo",
      description: "An interactive course in the browser: from zero to coding and training a GPT. Works offline once loaded.",
      lang: "en",
      start_url: "./",
      scope: "./",
      display: "standalone",
      theme_color: "#1f3a5f",
      background_color: "#fbfaf7",
      icons: [
        { src: "icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
  });
}

// COOP/COEP make the page cross-origin isolated, which multi-threaded WASM (SharedArrayBuffer) needs.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // Relative asset paths: the built site works from any static host, including a sub-path (GitHub Pages).
  base: "./",
  plugins: [react(), corporaPlugin(), pyodideAssets(), offline()],
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
