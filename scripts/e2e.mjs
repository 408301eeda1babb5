// `npm run test:e2e`: find a browser, build the site, run Playwright against the built site.
// E2E_PORT / E2E_DIST (default 4173 / dist) give a second run on the same machine its own server and build.
import { spawnSync } from "node:child_process";
import { findChromium } from "./find-chromium.mjs";

let browser;
try {
  browser = findChromium();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
console.log(`Browser tests use ${browser.source}.`);
const env = { ...process.env, ...(browser.path ? { CHROMIUM_PATH: browser.path } : {}) };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env, shell: process.platform === "win32" }).status ?? 1;

if (!process.env.SKIP_BUILD && run("npx", ["vite", "build", "--logLevel", "warn", "--outDir", process.env.E2E_DIST || "dist"]) !== 0) process.exit(1);
process.exit(run("npx", ["playwright", "test", ...process.argv.slice(2)]));
