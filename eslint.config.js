import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist", "dist-*", "node_modules", "test-results", "playwright-report", "bench/results", ".scratch"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // src/core is framework-free: it runs in Node, in the training worker and on the main thread.
    // (tests/architecture.test.ts checks the same and names the file.)
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["react", "react-*", "../*/../*", "../../*"], message: "src/core must not import React or anything outside src/core." }] }],
      "no-restricted-globals": ["error", "window", "document", "self", "postMessage", "localStorage", "navigator"],
    },
  },
  {
    files: ["scripts/**/*.mjs"],
    // Node scripts; bench.mjs also passes small functions to the page (document, navigator there)
    languageOptions: { globals: { process: "readonly", console: "readonly", fetch: "readonly", URL: "readonly", TextEncoder: "readonly", setTimeout: "readonly", document: "readonly", navigator: "readonly", globalThis: "readonly" } },
  },
);
