import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// Issue #16 item 4: the course works offline once loaded. The other specs block service workers
// (playwright.config.ts); this one lets the site install its own.
test.use({ serviceWorkers: "allow" });

const dist = process.env.E2E_DIST || "dist";
const SHOTS = "test-results/screenshots";

/** The build's precache list, read from the built sw.js (workbox injected it): URLs and total bytes. */
function builtManifest(): { urls: string[]; bytes: number } {
  const sw = readFileSync(`${dist}/sw.js`, "utf8");
  const urls = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]))];
  const bytes = [...sw.matchAll(/"bytes":(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  return { urls, bytes };
}

/** Waits until a service worker controls the page (it claims the page on its first install). */
async function waitForControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
}

// Pyodide (python_stdlib.zip, pyodide.asm.wasm) must be in the precache, or Python cannot start offline
const pythonMd = [
  "::::code-exercise{id=bpe-merge lang=python}",
  "Write `merge(ids, pair, idx)`.",
  "",
  "```python starter\ndef merge(ids, pair, idx):\n    return ids\n```",
  "",
  "```python solution\ndef merge(ids, pair, idx):\n    out, i = [], 0\n    while i < len(ids):\n        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:\n            out.append(idx)\n            i += 2\n        else:\n            out.append(ids[i])\n            i += 1\n    return out\n```",
  "",
  '```python tests\ncheck("replaces every (1, 2)", lambda: merge([1, 2, 3, 1, 2], (1, 2), 99), [99, 3, 99])\ncheck("no pair: unchanged", lambda: merge([1, 3], (1, 2), 9), [1, 3])\n```',
  "::::",
].join("\n");

test("offline after one visit: lessons render, a TF.js widget computes, the lab trains, Python runs, #/device says ready", async ({ page, context }) => {
  test.setTimeout(480_000); // a 2-core machine: backend measurement, the lab, Python's start
  const errors = watchErrors(page);
  const manifest = builtManifest();
  expect(manifest.urls).toEqual(expect.arrayContaining(["index.html", "models/moby-char.safetensors", "corpora/moby-dick.txt", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "ladder/moby-char.json"]));
  expect(manifest.urls.filter((u) => u.endsWith(".wasm")).length, "TF.js's three wasm files and Pyodide's").toBe(4);
  expect(manifest.urls.some((u) => /o200k_base.*\.js$/.test(u)), "the tiktoken ranks").toBe(true);
  expect(manifest.urls.filter((u) => u === "engine-check.html" || /\.(woff|ttf)$/.test(u))).toEqual([]);
  const n = manifest.urls.length;

  // ---- online, once: the service worker installs and the device page says so
  await page.goto("./?lang=en#/device");
  await waitForControl(page);
  await expect(page.getByTestId("pwa-offline-ready")).toContainText("Ready to work offline", { timeout: 120_000 });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/pwa-offline-ready.png` });
  const offline = page.getByTestId("ready-offline");
  await expect(offline).toHaveAttribute("data-status", "ok", { timeout: 120_000 });
  await expect(page.getByTestId("ready-offline-text")).toContainText(`Works offline: ${n} of ${n} files are saved in this browser`);
  const isolatedOnline = await page.evaluate(() => crossOriginIsolated);
  // the backend measurement (the lab uses its result) finishes before going offline
  await expect(page.getByTestId("measure-table").locator("tr[data-chosen=true]")).toHaveCount(1, { timeout: 150_000 });
  await expect(page.getByTestId("ready-backend")).toContainText("The lab trains on wasm here (measured fastest on this device).");

  // ---- offline from here on
  await context.setOffline(true);
  expect(await page.evaluate(() => fetch("https://example.com/").then(() => "reached", () => "blocked"))).toBe("blocked");
  await page.reload();
  await waitForControl(page);
  await expect(page.getByTestId("ready-offline")).toHaveAttribute("data-status", "ok", { timeout: 60_000 });
  // the cached page keeps its COOP/COEP headers: isolated offline exactly when it was online
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolatedOnline);
  await expect(page.getByTestId("ready-isolation")).toHaveAttribute("data-status", isolatedOnline ? "ok" : "info");

  // a lab step, timed in the training worker, offline (Moby-Dick from the cache); "Slow for a class" when the
  // machine is busy (over 314 ms a step), else the plain figure: both name the median and the backend
  await page.getByTestId("ready-time-steps").click();
  await expect(page.getByTestId("ready-step-text")).toContainText("(median of 5 steps on wasm)", { timeout: 120_000 });
  const ms = Number(await page.getByTestId("ready-step-text").getAttribute("data-ms"));
  expect(ms, "ms per projector step").toBeGreaterThan(1);
  expect(ms).toBeLessThan(5000);

  // ---- a lesson: title, KaTeX, and the embedding map computing on the pretrained model
  // (values from tests/widgets/embedding-map.test.ts, computed in Node on the shipped weights)
  await page.goto("./?lang=en#/lessons/embeddings");
  await expect(page.locator("h1")).toHaveText("Embeddings and positions: from token ids to vectors");
  await expect(page.locator(".katex").first()).toBeVisible();
  const map = page.locator('[data-testid="embedding-map"][data-id="emap"]');
  await expect(map.getByTestId("em-shape")).toContainText("wte: shape (83, 64) · PC1 explains 31.1%, PC2 10.7%", { timeout: 90_000 });
  await expect(map.getByTestId("em-neighbours").locator("li").first()).toHaveAttribute("data-sim", "0.496");

  // ---- the lab trains
  await page.goto("./?lang=en#/lab?lab.corpus=first-names&lab.maxIters=20&lab.evalInterval=10&lab.sampleEvery=1000&lab.autosaveEvery=10");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("20 / 20", { timeout: 150_000 });
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm");
  const loss = Number(await page.getByTestId("stat-loss").textContent());
  // a character model starts near ln(vocabulary) ≈ 3.3 on first names and falls
  expect(loss).toBeGreaterThan(1);
  expect(loss).toBeLessThan(3.4);

  // ---- Python (Pyodide from the cache)
  await page.goto(`./?lang=en#/preview?src=${encodeURIComponent(pythonMd)}`);
  const ex = page.getByTestId("exercise-bpe-merge");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText("1 of 2 tests pass", { timeout: 120_000 });

  expect(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);

  // ---- screenshots of the panel, offline: desktop, phone, projector × light, dark × English, Japanese
  await page.goto("./?lang=en&theme=light#/device");
  const panel = page.getByTestId("ready-check");
  await expect(page.getByTestId("ready-offline")).toHaveAttribute("data-status", "ok", { timeout: 60_000 });
  const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 }, projector: { width: 1920, height: 1080 } };
  for (const lang of ["en", "ja"] as const) {
    await page.getByTestId("language").selectOption(lang);
    for (const theme of ["light", "dark"] as const) {
      if ((await page.locator("html").getAttribute("data-theme")) !== theme) await page.getByTestId("theme-toggle").click();
      for (const [name, size] of Object.entries(sizes)) {
        await page.setViewportSize(size);
        await expect(page.getByTestId("ready-offline-text")).toContainText(lang === "en" ? `${n} of ${n} files` : `${n} 個中 ${n} 個`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${lang} ${theme} ${name}: the page scrolls sideways`).toBe(0);
        // the page from the top (the header is sticky: an element screenshot would scroll the panel under it)
        await page.evaluate(() => window.scrollTo(0, 0));
        const box = (await panel.boundingBox())!;
        await page.screenshot({ path: `${SHOTS}/ready-${lang}-${theme}-${name}.png`, fullPage: true, clip: { x: 0, y: 0, width: size.width, height: box.y + box.height + 16 } });
      }
    }
  }
});

test("a new version: the prompt offers Reload or Later, and Reload switches to it", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/glossary");
  await waitForControl(page);
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === "activated", undefined, { timeout: 120_000 });
  await expect(page.getByTestId("pwa-update")).toHaveCount(0);

  // a deploy: the same site with a changed sw.js (the server reads files on every request)
  const path = `${dist}/sw.js`;
  const original = readFileSync(path, "utf8");
  try {
    writeFileSync(path, `${original}\n// a new deploy ${Date.now()}\n`);
    await page.evaluate(async () => void (await navigator.serviceWorker.getRegistration())?.update());
    const bar = page.getByTestId("pwa-update");
    await expect(bar).toContainText("A new version of GPT Dojo is ready.", { timeout: 120_000 });
    // keyboard: Later is a real button in the tab order
    await page.getByTestId("pwa-later").focus();
    await page.keyboard.press("Enter");
    await expect(bar).toHaveCount(0);

    // the waiting worker is still there; a check finds it again, and Reload activates it
    const before = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.scriptURL ?? null);
    expect(before).toMatch(/sw\.js$/);
    await page.reload();
    await expect(page.getByTestId("pwa-update")).toBeVisible({ timeout: 60_000 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/pwa-update-phone.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/pwa-update-desktop.png` });
    const reloaded = page.waitForEvent("framenavigated", { timeout: 60_000 });
    await page.getByTestId("pwa-reload").click();
    await reloaded;
    await waitForControl(page);
    await expect(page.getByTestId("pwa-update")).toHaveCount(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  } finally {
    writeFileSync(path, original);
  }
  expect(errors).toEqual([]);
});
