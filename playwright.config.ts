import { defineConfig } from "@playwright/test";
import { chromiumArgs } from "./scripts/find-chromium.mjs";

// scripts/e2e.mjs sets CHROMIUM_PATH to a system browser when Playwright's own is not installed.
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/artifacts",
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1, // 2-core machines: one browser at a time keeps SwiftShader and wasm timings sane
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: "http://localhost:4173/",
    browserName: "chromium",
    launchOptions: { executablePath, args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
  },
  webServer: {
    command: "npx vite preview --port 4173 --strictPort",
    url: "http://localhost:4173/",
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
