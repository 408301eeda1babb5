import { defineConfig } from "@playwright/test";
import { chromiumArgs } from "./scripts/find-chromium.mjs";

// scripts/e2e.mjs sets CHROMIUM_PATH to a system browser when Playwright's own is not installed.
const executablePath = process.env.CHROMIUM_PATH || undefined;
// E2E_PORT and E2E_DIST let two runs on one machine (two developers' helpers) keep out of each other's way.
const port = Number(process.env.E2E_PORT || 4173);
const dist = process.env.E2E_DIST || "dist";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: port === 4173 ? "test-results/artifacts" : `test-results/artifacts-${port}`,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1, // 2-core machines: one browser at a time keeps SwiftShader and wasm timings sane
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}/`,
    browserName: "chromium",
    launchOptions: { executablePath, args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    // the built site installs a service worker (offline use); specs run without it unless they opt in
    // (tests/e2e/offline.spec.ts: test.use({ serviceWorkers: "allow" }))
    serviceWorkers: "block",
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
