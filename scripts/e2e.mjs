// `npm run test:e2e`: find a browser, build the site, run Playwright against the built site.
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

if (!process.env.SKIP_BUILD && run("npx", ["vite", "build", "--logLevel", "warn"]) !== 0) process.exit(1);
process.exit(run("npx", ["playwright", "test", ...process.argv.slice(2)]));
