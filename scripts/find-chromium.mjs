// Finds a Chromium for Playwright: $CHROMIUM_PATH, then Playwright's own managed browser, then a system one.
// Prints how to get one when there is none. Used by the e2e tests and the benchmark.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const systemCandidates = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

/** @returns {{ path: string | undefined, source: string }} path undefined means "Playwright's managed browser". */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: "CHROMIUM_PATH" };
    throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but no file is there. Unset it or point it at a Chromium binary.`);
  }
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return { path: undefined, source: `Playwright's managed Chromium (${managed})` };
  } catch {
    /* no managed browser registered */
  }
  for (const candidate of systemCandidates) if (existsSync(candidate)) return { path: candidate, source: `system Chromium (${candidate})` };
  throw new Error(
    [
      "No Chromium found for the browser tests. Get one of these, then run the tests again:",
      "  - Playwright's browser:   npx playwright install chromium",
      "  - Debian/Ubuntu package:  sudo apt-get install chromium   (binary /usr/bin/chromium)",
      "  - or point to any Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test",
    ].join("\n"),
  );
}

/** Flags for headless Chromium here: see ../shared/design/BROWSER.md. */
export const chromiumArgs = [
  "--no-sandbox", // needed when running as root (CI); harmless otherwise
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--enable-unsafe-webgpu", // WebGPU without a GPU runs on SwiftShader only with this flag
  "--enable-dawn-features=disable_workgroup_init", // ~1.4x faster on SwiftShader; never disable_robustness (NaN)
];
