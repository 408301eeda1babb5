import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

const loader = (page: Page) => page.getByTestId("data-loader-view");
const schedule = (page: Page) => page.getByTestId("lr-schedule");
const chinchilla = (page: Page) => page.getByTestId("chinchilla");
const LOAD = { timeout: 60_000 }; // Moby-Dick is 1.2 MB, tokenized in the page

test("the lesson renders: math without KaTeX errors, all three widgets, no console errors", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  await expect(page.locator("h1")).toHaveText("Pretraining: learning to predict the next token");
  await expect(loader(page).getByTestId("dl-info")).toContainText("1,190,317 characters, a vocabulary of 83", LOAD);
  await expect(schedule(page).getByTestId("lr-readout")).toBeVisible();
  await expect(chinchilla(page).getByTestId("ch-D")).toBeVisible();
  await expect(page.locator(".katex-error")).toHaveCount(0);
  await expect(page.locator(".katex-display annotation", { hasText: "\\cos \\pi r" })).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("DataLoaderView: B=4, T=16, seed 42 puts row 0 at offset 256625 (' to the cabin, t'), as getBatch does in Vitest; y is x shifted by one", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  const w = loader(page);
  await expect(w.getByTestId("dl-window-0")).toBeVisible(LOAD);
  await w.getByTestId("dl-B").fill("4");
  await w.getByTestId("dl-T").fill("16");
  await w.getByTestId("dl-seed").fill("42");
  await expect(w.getByTestId("dl-offset-0")).toHaveText("256625");
  await expect(w.getByTestId("dl-window-0")).toHaveAttribute("data-text", " to the cabin, t");
  await expect(w.locator('[data-testid^="dl-row-"]')).toHaveCount(4);
  // the target row is the input row moved left by one: ids of y[0..14] are ids of x[1..15]
  const ids = async (row: string) => (await w.getByTestId(row).locator(".dl-id").allTextContents()).map(Number);
  const [x, y] = [await ids("dl-x-0"), await ids("dl-y-0")];
  expect(x).toHaveLength(16);
  expect(y.slice(0, 15)).toEqual(x.slice(1));
  await expect(w.getByTestId("dl-tokens")).toContainText("1 × 4 × 16 = 64");
  await w.getByTestId("dl-accum").fill("40");
  await expect(w.getByTestId("dl-tokens")).toContainText("40 × 4 × 16 = 2,560");
  // New batch (button and → key), back with ←, Reset
  await w.getByTestId("dl-next").click();
  await expect(w.getByTestId("dl-offset-0")).not.toHaveText("256625");
  await w.getByTestId("dl-rows").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(w.getByTestId("dl-offset-0")).toHaveText("256625");
  await w.getByTestId("dl-reset").click();
  await expect(w.getByTestId("dl-seed")).toHaveValue("1337");
  // first names: 28 characters
  await w.getByTestId("dl-corpus").selectOption("first-names");
  await expect(w.getByTestId("dl-info")).toContainText("a vocabulary of 28", LOAD);
  expect(errors).toEqual([]);
});

test("LRSchedule: nanoGPT's shakespeare-char values, cursor at 50 → 5.05e-4, at 2550 → 5.50e-4; keys move the cursor", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  const w = schedule(page);
  await w.getByTestId("lr-max").fill("1e-3");
  await w.getByTestId("lr-min").fill("1e-4");
  await w.getByTestId("lr-decay").fill("5000");
  await w.getByTestId("lr-total").fill("5000");
  await w.getByTestId("lr-warmup").fill("100");
  await w.getByTestId("lr-cursor").fill("50");
  await expect(w.getByTestId("lr-readout")).toHaveText("step 50: lr = 5.05e-4 (Cosine (getLr))");
  await w.getByTestId("lr-cursor").fill("2550");
  await expect(w.getByTestId("lr-readout")).toHaveText("step 2550: lr = 5.50e-4 (Cosine (getLr))");
  await expect(w.locator('[data-testid="lr-compare"] tr[data-shape="linear"] td')).toHaveText("5.00e-4");
  // the arrow keys on the focused chart move the cursor one step; End goes to the last step
  await w.getByTestId("lr-chart").focus();
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("lr-readout")).toContainText("step 2551:");
  await page.keyboard.press("End");
  await expect(w.getByTestId("lr-readout")).toHaveText("step 4999: lr = 1.00e-4 (Cosine (getLr))");
  // the preset menu loads the same numbers; a bad warmup is named
  await w.getByTestId("lr-reset").click();
  await w.getByTestId("lr-preset").selectOption("shakespeare-char");
  await w.getByTestId("lr-cursor").fill("50");
  await expect(w.getByTestId("lr-readout")).toContainText("lr = 5.05e-4");
  await w.getByTestId("lr-warmup").fill("6000");
  await expect(w.getByTestId("lr-error")).toHaveText("warmup 6000 must be below decay steps 5000, or the schedule never decays.");
  expect(errors).toEqual([]);
});

test("Chinchilla: 124M → 2.48B tokens, 1.85 × 10^18 FLOPs, about 4.11 hours on an A100; 70B → 1.4T tokens", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  const w = chinchilla(page);
  await w.getByTestId("ch-N").fill("124M");
  await expect(w.getByTestId("ch-D")).toHaveText("2.48B tokens");
  await expect(w.getByTestId("ch-C")).toHaveText("1.85 × 1018 FLOPs");
  await expect(w.getByTestId("ch-time")).toHaveText("4.11 hours");
  await w.getByTestId("ch-preset-chinchilla").click();
  await expect(w.getByTestId("ch-D")).toHaveText("1.4T tokens");
  await expect(w.getByTestId("ch-C")).toHaveText("5.88 × 1023 FLOPs");
  await w.getByTestId("ch-devices").fill("1024");
  await expect(w.getByTestId("ch-time")).toHaveText("53.3 days");
  // the course model, read from public/models/moby-char.json: 159,488 parameters → 20N ≈ 3.19M tokens
  await w.getByTestId("ch-preset-course").click();
  await expect(w.getByTestId("ch-N")).toHaveValue("159488");
  await expect(w.getByTestId("ch-D")).toHaveText("3.19M tokens");
  await w.getByTestId("ch-N").fill("lots");
  await expect(w.getByTestId("ch-N-help")).toContainText('"lots" is not a model size');
  expect(errors).toEqual([]);
});

test("an exercise: the lr at step 50 is accepted as 5.05e-4", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining/lr-warmup-50");
  const ex = page.getByTestId("exercise-lr-warmup-50");
  await ex.getByTestId("ex-input").fill("1e-3");
  await ex.getByTestId("ex-input").press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toContainText("Not yet");
  await ex.getByTestId("ex-input").fill("5.05e-4");
  await ex.getByTestId("ex-input").press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  const clip = page.getByTestId("exercise-clip-scale");
  await clip.getByTestId("ex-input").fill("1/5");
  await clip.getByTestId("ex-input").press("Enter");
  await expect(clip.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  expect(errors).toEqual([]);
});

test("MiniTrain: Train runs at least the first step from about ln 28", async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  const lab = page.getByTestId("gpt-lab");
  await expect(lab.getByTestId("stat-step")).toHaveText("0 / 300");
  await lab.getByTestId("train").click();
  await expect(lab.getByTestId("stat-loss")).not.toHaveText("—", { timeout: 90_000 });
  const first = Number(await lab.getByTestId("stat-loss").textContent());
  expect(first).toBeGreaterThan(2.5); // the first steps sit near ln 28 ≈ 3.33, far from a trained model
  expect(first).toBeLessThan(4);
  await lab.getByTestId("train").click(); // pause
  await expect(lab.getByTestId("train")).toHaveText("Continue", { timeout: 30_000 });
  expect(errors).toEqual([]);
});

for (const [theme, width] of [["light", 1280], ["dark", 1280], ["light", 390]] as const) {
  test(`screenshots of the three widgets, ${theme}, ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`./?lang=en&theme=${theme}#/lessons/pretraining?lr.cursor=2550&lr.maxLr=0.001&lr.minLr=0.0001&lr.warmup=100&lr.decay=5000&lr.total=5000`);
    await page.addStyleTag({ content: ".app-header { position: static; }" });
    await expect(loader(page).getByTestId("dl-window-0")).toBeVisible(LOAD);
    await loader(page).screenshot({ path: `test-results/screenshots/pretraining-data-loader-${theme}-${width}.png` });
    await schedule(page).screenshot({ path: `test-results/screenshots/pretraining-lr-schedule-${theme}-${width}.png` });
    await chinchilla(page).screenshot({ path: `test-results/screenshots/pretraining-chinchilla-${theme}-${width}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    if (theme === "light" && width === 1280) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, k = 0; y < height; y += 1600, k++)
        await page.screenshot({ path: `test-results/screenshots/lesson-pretraining-light-part${k}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(1600, height - y) } });
    }
  });
}

test("Japanese: the three widgets speak Japanese and fit a 390 px phone", async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto("./?lang=ja#/lessons/pretraining");
  await page.addStyleTag({ content: ".app-header { position: static; }" });
  await expect(loader(page).getByTestId("dl-info")).toContainText("1,190,317 文字、語彙 83", LOAD);
  await expect(schedule(page).locator("figcaption")).toHaveText("LRSchedule：ステップごとの学習率");
  await chinchilla(page).getByTestId("ch-N").fill("124M");
  await expect(chinchilla(page).getByTestId("ch-D")).toHaveText("24.8億 トークン"); // Intl's compact Japanese: 2.48 × 10⁹ = 24.8 × 10⁸ (億)
  await chinchilla(page).screenshot({ path: "test-results/screenshots/pretraining-chinchilla-ja-light-390.png" });
  await loader(page).screenshot({ path: "test-results/screenshots/pretraining-data-loader-ja-light-390.png" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});
