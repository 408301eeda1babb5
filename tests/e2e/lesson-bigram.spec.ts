import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// The numbers come from tests/course/exercises-bigram.test.ts, which computes them in Node from the same corpora:
// names, training split: row q is 53 × "qu" of 54 pairs (0.9815 raw, 0.6667 at α = 1); at α = 0 seven validation
// pairs are unseen (loss ∞); at α = 1 train 2.4183, validation 2.4663. The race (seed 1, lr 50) starts at 3.75
// and is within 0.005 of the counting solution 2.4183 after 300 steps.
const heatmap = (page: Page) => page.locator('[data-testid="bigram-heatmap"][data-id="names"]');
const race = (page: Page) => page.locator('[data-testid="neural-bigram"][data-id="race"]');
const LOAD = { timeout: 60_000 };

/** Clicks the middle of row `row` of the heatmap (one label column and row, then V cells). */
async function clickRow(page: Page, row: number) {
  const grid = heatmap(page).getByTestId("bg-grid");
  const box = (await grid.boundingBox())!;
  const V = Number(await grid.getAttribute("data-v"));
  const cell = box.width / (V + 1);
  await grid.click({ position: { x: cell * 5.5, y: cell * (row + 1.5) } });
}

test("BigramHeatmap: click row q for its distribution, α = 0's infinite validation loss, α = 1, keyboard, sampling, URL state, Reset", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/bigram");
  const w = heatmap(page);
  await expect(w.getByTestId("bg-grid")).toHaveAttribute("data-v", "27", LOAD);
  // α = 0: the raw counts; the validation loss is infinite
  await expect(w.getByTestId("bg-val-nll")).toHaveText("∞");
  await expect(w.getByTestId("bg-infinite")).toContainText("7 validation pairs");
  await expect(w.getByTestId("bg-train-nll")).toHaveText("2.4138");
  await clickRow(page, 17); // ". a b … q": q is id 17
  await expect(w.getByTestId("bg-row")).toHaveAttribute("data-row", "q");
  const top = w.getByTestId("bg-top").locator("li");
  await expect(top.first()).toHaveAttribute("data-char", "u");
  await expect(top.first()).toHaveAttribute("data-p", "0.9815");
  await expect(top.nth(1)).toHaveAttribute("data-char", "r");
  await expect(top.nth(1)).toHaveAttribute("data-p", "0.0185");
  // α = 1 (the slider's fifth stop): q → u falls to 54/81
  const slider = w.getByTestId("bg-alpha-slider");
  await slider.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("bg-alpha")).toHaveText("1");
  await expect(top.first()).toHaveAttribute("data-p", "0.6667");
  await expect(w.getByTestId("bg-val-nll")).toHaveText("2.4663");
  await expect(w.getByTestId("bg-train-nll")).toHaveText("2.4183");
  await expect(w.getByTestId("bg-infinite")).toHaveCount(0);
  // keyboard: ↓ moves to row r; Enter samples from it, the path starts at r and ends at the boundary
  await w.getByTestId("bg-grid").focus();
  await page.keyboard.press("ArrowDown");
  await expect(w.getByTestId("bg-row")).toHaveAttribute("data-row", "r");
  await page.keyboard.press("Enter");
  await expect(w.getByTestId("bg-path-text")).toHaveText(/^r[a-z]*\. · Average −ln P along this path: \d\.\d{3}$/);
  const sampled = await w.getByTestId("bg-path-text").textContent();
  // the URL keeps α, the row and the seed: a reload replays the same sample
  await page.reload();
  await expect(heatmap(page).getByTestId("bg-path-text")).toHaveText(sampled!, LOAD);
  await expect(heatmap(page).getByTestId("bg-row")).toHaveAttribute("data-row", "r");
  await heatmap(page).getByTestId("bg-reset").click();
  await expect(heatmap(page).getByTestId("bg-row")).toHaveAttribute("data-row", ".");
  await expect(heatmap(page).getByTestId("bg-alpha")).toHaveText("0");
  await expect(heatmap(page).getByTestId("bg-path")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("BigramHeatmap on Moby-Dick: 83 characters; α = 0's infinite validation loss, and the course's baseline 2.4655 at α = 1", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/bigram");
  const w = heatmap(page);
  await expect(w.getByTestId("bg-grid")).toHaveAttribute("data-v", "27", LOAD);
  await w.getByTestId("bg-corpus").selectOption("moby-dick");
  await expect(w.getByTestId("bg-grid")).toHaveAttribute("data-v", "83", LOAD);
  await expect(w.getByTestId("bg-row")).toHaveAttribute("data-row", " ");
  await expect(w.getByTestId("bg-val-nll")).toHaveText("∞");
  await w.getByTestId("bg-alpha-slider").focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("bg-val-nll")).toHaveText("2.4655");
  await expect(w.getByTestId("bg-train-nll")).toHaveText("2.4668");
  await w.getByTestId("bg-sample").click();
  await expect(w.getByTestId("bg-path")).toBeVisible();
  await w.screenshot({ path: "test-results/screenshots/bigram-heatmap-moby.png" });
  expect(errors).toEqual([]);
});

test("NeuralBigram: Play drives the loss from 3.75 to the counting solution 2.4183; Pause, Step, Reset", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/bigram");
  const w = race(page);
  const status = w.getByTestId("nb-status");
  await expect(status).toHaveAttribute("data-step", "0", LOAD);
  await expect(status).toHaveAttribute("data-target", "2.4183");
  expect(Number(await status.getAttribute("data-loss"))).toBeCloseTo(3.75, 2);
  await w.getByTestId("nb-step").click();
  await expect(status).toHaveAttribute("data-step", "1");
  expect(Number(await status.getAttribute("data-loss"))).toBeLessThan(3.75);
  await w.getByTestId("nb-play").click();
  await expect.poll(async () => Number(await status.getAttribute("data-step")), { timeout: 90_000 }).toBeGreaterThanOrEqual(300);
  await w.getByTestId("nb-play").click(); // pause
  const loss = Number(await status.getAttribute("data-loss"));
  expect(loss - 2.4183).toBeGreaterThan(-0.001);
  expect(loss - 2.4183).toBeLessThan(0.005);
  // the watched row has moved onto the counts
  expect(Number((await w.getByTestId("nb-maxdiff").textContent())!.match(/([\d.]+)$/)![1])).toBeLessThan(0.05);
  await w.getByTestId("nb-reset").click();
  await expect(status).toHaveAttribute("data-step", "0");
  expect(Number(await status.getAttribute("data-loss"))).toBeCloseTo(3.75, 2);
  expect(errors).toEqual([]);
});

// two looks per size: together every theme and language at phone and projector size, and a laptop
const sizes = [
  { name: "phone", width: 390, height: 844, looks: [["en", "light"], ["ja", "dark"]] },
  { name: "projector", width: 1920, height: 1080, looks: [["en", "dark"], ["ja", "light"]] },
  { name: "desktop", width: 1280, height: 800, looks: [["en", "light"]] },
] as const;

for (const size of sizes) {
  test(`the bigram lesson at ${size.name} size: widgets load, no sideways scroll, readable type; screenshots in both themes and languages`, async ({ page }) => {
    test.setTimeout(300_000); // a cold page load takes ~20 s on a busy 2-core machine
    const errors = watchErrors(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const [lang, theme] of size.looks) {
      await page.goto(`./?lang=${lang}&theme=${theme}#/lessons/bigram`);
      await expect(heatmap(page).getByTestId("bg-grid")).toBeVisible(LOAD);
      await expect(race(page).getByTestId("nb-status")).toHaveAttribute("data-step", "0", LOAD);
      await expect(page.locator(".directive-error")).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (size.name === "projector") {
        // every text in the two widgets at least 18 px, as tests/e2e/widget-type.spec.ts measures (SVG text as drawn)
        const small = await page.evaluate(() => {
          const out: string[] = [];
          for (const w of document.querySelectorAll(".bigram-widget")) {
            const walker = document.createTreeWalker(w, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el: Element = n.parentElement!;
              const r = el.getBoundingClientRect();
              if (!n.textContent?.trim() || r.width === 0 || el.closest("option")) continue;
              const css = parseFloat(getComputedStyle(el).fontSize);
              const m = el instanceof SVGElement && !(el instanceof SVGSVGElement) ? (el as SVGGraphicsElement).getScreenCTM() : null;
              const px = m ? css * Math.hypot(m.a, m.b) : css;
              if (px < 17.95) out.push(`${n.textContent.trim().slice(0, 30)}: ${px.toFixed(1)}px`);
            }
          }
          return out;
        });
        expect(small).toEqual([]);
      }
      await heatmap(page).getByTestId("bg-sample").click();
      await heatmap(page).screenshot({ path: `test-results/screenshots/bigram-heatmap-${size.name}-${lang}-${theme}.png` });
      await race(page).getByTestId("nb-step10").click();
      await race(page).screenshot({ path: `test-results/screenshots/bigram-race-${size.name}-${lang}-${theme}.png` });
    }
    expect(errors).toEqual([]);
  });
}
