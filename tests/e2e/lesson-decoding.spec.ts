import { test, expect, type Page } from "@playwright/test";
import { watchErrors, solveNumeric } from "./helpers";

// E2E_PORT=4203 E2E_DIST=dist-4203 node scripts/e2e.mjs tests/e2e/lesson-decoding.spec.ts
const panel = (page: Page) => page.locator('[data-testid="sampling-panel"][data-id="sp"]');
const modelPanel = (page: Page) => page.locator('[data-testid="sampling-panel"][data-id="spm"]');
const beam = (page: Page) => page.locator('[data-testid="beam-tree"][data-id="beam"]');
const race = (page: Page) => page.getByTestId("kv-cache-race");
const LOAD = { timeout: 60_000 };

test("SamplingPanel on rasbt's toy: T = 1, top-k 3, 1000 seeded draws; the stable softmax at T = 0.05", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding");
  const w = panel(page);
  await w.getByTestId("sp-temp").fill("1");
  await expect(w.getByTestId("sp-p-forward")).toHaveText("0.5721 (57.2%)");
  await expect(w.getByTestId("sp-p-toward")).toHaveText("0.3576 (35.8%)");
  await w.getByTestId("sp-topk").fill("3");
  await expect(w.getByTestId("sp-p-forward")).toHaveText("0.5775 (57.8%)");
  await expect(w.getByTestId("sp-row-pizza")).toHaveAttribute("data-kept", "false");
  await w.getByTestId("sp-topk").fill("0");
  await w.getByTestId("sp-seed").fill("123");
  await w.getByTestId("sp-sample").click();
  // computed once with the engine's seeded sampler (tests/widgets/sampling-panel.test.ts pins the same counts)
  await expect(w.getByTestId("sp-count-forward")).toHaveAttribute("data-count", "564");
  await expect(w.getByTestId("sp-count-toward")).toHaveAttribute("data-count", "362");
  // the same seed again: the same counts
  await w.getByTestId("sp-sample").click();
  await expect(w.getByTestId("sp-count-forward")).toHaveAttribute("data-count", "564");
  // T = 0.05: finite, nearly one-hot, and the overflow note
  await w.getByTestId("sp-temp").fill("0.05");
  await expect(w.getByTestId("sp-p-forward")).toHaveText("0.9999 (100.0%)");
  await expect(w.getByTestId("sp-overflow")).toContainText("Max logit / T = 135");
  await expect(w).not.toContainText("NaN");
  // top-p 0.9 keeps forward and toward
  await w.getByTestId("sp-temp").fill("1");
  await w.getByTestId("sp-topp").fill("0.9");
  await expect(w.locator('.sp-row[data-kept="true"]')).toHaveCount(2);
  // state in the URL; Reset
  await page.reload();
  await expect(panel(page).locator('.sp-row[data-kept="true"]')).toHaveCount(2);
  await panel(page).getByTestId("sp-reset").click();
  await expect(panel(page).locator('.sp-row[data-kept="true"]')).toHaveCount(9);
  expect(errors).toEqual([]);
});

test("SamplingPanel on the pretrained model: a typed prompt gives next-character bars", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding");
  const w = modelPanel(page);
  await w.getByTestId("sp-prompt").fill("Call me Ishmae");
  await expect(w.getByTestId("sp-row-l")).toBeVisible(LOAD);
  await expect(w.locator(".sp-row:not(.sp-head)")).toHaveCount(16);
  await expect(w).toContainText("…and 67 more tokens");
  await w.getByTestId("sp-prompt").fill("The whale ");
  await w.getByTestId("sp-topp").fill("0.9");
  await expect(w.getByTestId("sp-status")).toContainText("of 83 tokens survive");
  expect(errors).toEqual([]);
});

test("BeamTree: greedy keeps A x = 0.20; width 2 steps to B y = 0.36", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding");
  const w = beam(page);
  await w.getByTestId("bt-width").fill("1");
  await w.getByTestId("bt-run").click();
  await expect(w.getByTestId("bt-node-B")).toHaveAttribute("data-status", "pruned");
  await expect(w.getByTestId("bt-best")).toHaveAttribute("data-text", "A x");
  await w.getByTestId("bt-width").fill("2");
  await expect(w.getByTestId("bt-status")).toContainText("Step 0 of 2");
  await w.getByTestId("bt-step").click();
  await expect(w.getByTestId("bt-node-B")).toHaveAttribute("data-status", "kept");
  await expect(w.getByTestId("bt-node-C")).toHaveAttribute("data-status", "pruned");
  await w.getByTestId("bt-tree").focus();
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("bt-node-B y")).toHaveAttribute("data-p", "0.36");
  await expect(w.getByTestId("bt-node-A y")).toHaveAttribute("data-status", "pruned");
  await expect(w.getByTestId("bt-best")).toHaveAttribute("data-text", "B y");
  await expect(w.getByTestId("bt-best")).toHaveAttribute("data-p", "0.36");
  // the comparison: greedy's A x (0.20) loses to the beam's B y
  await expect(w.getByTestId("bt-greedy")).toHaveAttribute("data-text", "A x");
  await expect(w.getByTestId("bt-greedy")).toHaveAttribute("data-p", "0.20");
  await expect(w.getByTestId("bt-beam")).toHaveAttribute("data-p", "0.36");
  await expect(w.getByTestId("bt-node-B y")).toHaveClass(/best/);
  await expect(w.getByTestId("bt-node-A x")).not.toHaveClass(/best/);
  // the length-penalty toy: α = 0 picks ".", α = 1 picks "A ."
  const lp = page.locator('[data-testid="beam-tree"][data-id="beamlp"]');
  await lp.getByTestId("bt-alpha").fill("0");
  await lp.getByTestId("bt-run").click();
  await expect(lp.getByTestId("bt-best")).toHaveAttribute("data-text", ".");
  await lp.getByTestId("bt-alpha").fill("1");
  await lp.getByTestId("bt-run").click();
  await expect(lp.getByTestId("bt-best")).toHaveAttribute("data-text", "A .");
  await w.getByTestId("bt-reset").click();
  await expect(w.getByTestId("bt-status")).toContainText("Step 0 of 2");
  expect(errors).toEqual([]);
});

test("KVCacheRace: a short race writes identical text both ways and shows a speed-up", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding");
  const w = race(page);
  await w.getByTestId("kv-n").fill("16");
  await expect(w.getByTestId("kv-run")).toBeEnabled(LOAD);
  await w.getByTestId("kv-run").click();
  await expect(w.getByTestId("kv-same")).toHaveAttribute("data-same", "true", LOAD);
  await expect(w.getByTestId("kv-speedup")).toContainText(/×\d+\.\d/);
  const a = await w.getByTestId("kv-text-without").textContent();
  expect(a?.length).toBeGreaterThan(16);
  await expect(w.getByTestId("kv-text-with")).toHaveText(a!);
  // prompt "Call me Ishmael." (16) and 16 tokens: 16·16 + 16·15/2 = 376 rows without, 31 with, as counted
  await expect(w.getByTestId("kv-work-without")).toHaveAttribute("data-rows", "376");
  await expect(w.getByTestId("kv-work-with")).toHaveAttribute("data-rows", "31");
  expect(errors).toEqual([]);
});

test("the lesson's exercises accept the answers the tests compute; math renders", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding/toy-t1-forward");
  await expect(page.locator(".katex-error")).toHaveCount(0);
  const numeric = (id: string, wrong: string, right: string) => solveNumeric(page, id, wrong, right);
  await numeric("toy-t1-forward", "0.3576", "0.5721");
  await numeric("kv-gpt2", "75.5", "37.7");
  const ex = page.getByTestId("exercise-toy-top-p");
  await ex.getByLabel("{forward, toward}", { exact: true }).check();
  await ex.getByTestId("ex-check").click();
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  expect(errors).toEqual([]);
});

for (const theme of ["light", "dark"] as const) {
  for (const [device, width] of [["desktop", 1280], ["phone", 390]] as const) {
    test(`screenshots, ${theme}, ${device}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`./?lang=en&theme=${theme}#/lessons/decoding`);
      await page.addStyleTag({ content: ".app-header { position: static; }" });
      const w = panel(page);
      await w.getByTestId("sp-topk").fill("3");
      await w.getByTestId("sp-sample").click();
      await expect(w.getByTestId("sp-count-forward")).toBeVisible();
      await w.screenshot({ path: `test-results/screenshots/decoding-sampling-${theme}-${device}.png` });
      const m = modelPanel(page);
      await m.getByTestId("sp-prompt").fill("The whale ");
      await expect(m.getByTestId("sp-status")).toBeVisible(LOAD);
      await m.screenshot({ path: `test-results/screenshots/decoding-sampling-model-${theme}-${device}.png` });
      const b = beam(page);
      await b.getByTestId("bt-run").click();
      await expect(b.getByTestId("bt-best")).toBeVisible();
      await b.screenshot({ path: `test-results/screenshots/decoding-beam-${theme}-${device}.png` });
      const r = race(page);
      await r.getByTestId("kv-n").fill("16");
      await expect(r.getByTestId("kv-run")).toBeEnabled(LOAD);
      await r.getByTestId("kv-run").click();
      await expect(r.getByTestId("kv-speedup")).toBeVisible(LOAD);
      await r.screenshot({ path: `test-results/screenshots/decoding-kv-${theme}-${device}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

test("BeamTree's GPT example: greedy, beam and a sample write three different words", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding?beam.source=model");
  const w = beam(page);
  await expect(w.getByTestId("bt-prompt")).toHaveValue("said the ");
  await expect(w.getByTestId("bt-run")).toBeEnabled({ timeout: 60_000 });
  await w.getByTestId("bt-run").click();
  // the pretrained model's words, as tests/widgets/beam-tree-model.test.ts computes them in Node
  await expect(w.getByTestId("bt-greedy")).toHaveAttribute("data-text", /^seat.$/);
  await expect(w.getByTestId("bt-beam")).toHaveAttribute("data-text", /^whale.$/);
  await expect(w.getByTestId("bt-sampled")).toHaveAttribute("data-text", /^be.$/);
  expect(errors).toEqual([]);
});
