import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

const lab = (page: Page, id = "shapelab") => page.locator(`[data-testid="shape-lab"][data-id="${id}"]`);
const animator = (page: Page, id = "bcast") => page.locator(`[data-testid="broadcast-animator"][data-id="${id}"]`);

test("ShapeLab: change a shape, see the table, the result and bytes; an incompatible pair shows TF.js's own error", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tensors");
  const w = lab(page);
  await w.scrollIntoViewIfNeeded();
  // The lesson's default: (2, 3, 4) + (3, 1) → (2, 3, 4); 24 float32 numbers = 96 bytes.
  await expect(w.getByTestId("sl-result")).toHaveText("Result: (2, 3, 4) · 96 bytes");
  await expect(w.getByTestId("sl-table").locator("tbody tr").last()).toHaveText("what happensstretch b → 2✓stretch b → 4");
  await expect(w.getByTestId("sl-tf")).toContainText("TensorFlow.js agrees: (2, 3, 4)", { timeout: 60_000 });

  await w.getByTestId("sl-b").fill("2,3");
  await expect(w.getByTestId("sl-result")).toHaveText("✗ size 4 of a does not match size 3 of b at axis -1 (counting from the right); sizes must be equal or 1.");
  await expect(w.getByTestId("sl-tf-error")).toHaveText("Operands could not be broadcast together with shapes 2,3,4 and 2,3.", { timeout: 60_000 });
  await expect(w.getByTestId("sl-table").locator("td.sl-clash")).toHaveCount(2);

  // sum with and without keepdim on the bigram table
  await w.getByTestId("sl-a").fill("27, 27");
  await w.getByTestId("sl-op").selectOption("sum");
  await w.getByTestId("sl-b").fill("1");
  await expect(w.getByTestId("sl-result")).toHaveText("Result: (27,) · 108 bytes");
  await w.getByTestId("sl-keepdim").check();
  await expect(w.getByTestId("sl-result")).toHaveText("Result: (27, 1) · 108 bytes");
  await expect(w.getByTestId("sl-tf")).toContainText("TensorFlow.js agrees: (27, 1)");

  // The state is in the URL: a reload keeps it, Reset restores the lesson's example.
  await page.reload();
  await expect(lab(page).getByTestId("sl-result")).toHaveText("Result: (27, 1) · 108 bytes");
  await lab(page).getByTestId("sl-reset").click();
  await expect(lab(page).getByTestId("sl-result")).toHaveText("Result: (2, 3, 4) · 96 bytes");
  expect(errors).toEqual([]);
});

test("ShapeLab: Linear(768 → 3072) under the PyTorch and TF.js conventions", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors");
  const w = lab(page, "linearlab");
  await w.scrollIntoViewIfNeeded();
  await expect(w.getByTestId("sl-result")).toHaveText("Result: (2, 3, 3072) · 73,728 bytes (72.00 KiB)");
  await expect(w.getByTestId("sl-weight")).toHaveText("PyTorch weight A: (3072, 768), used as x Aᵀ + b · 2,362,368 parameters · 9,449,472 bytes (9.01 MiB)");
  await w.getByTestId("sl-conv-tfjs").check();
  await expect(w.getByTestId("sl-weight")).toContainText("TF.js kernel W: (768, 3072), used as x W + b · 2,362,368 parameters");
  await w.getByTestId("sl-dtype").selectOption("bfloat16");
  await expect(w.getByTestId("sl-weight")).toContainText("4,724,736 bytes (4.51 MiB)");
  await w.getByTestId("sl-a").fill("2,3,512");
  await expect(w.getByTestId("sl-result")).toHaveText("✗ the last axis of x has 512 features but the layer expects 768.");
  await expect(w.getByTestId("sl-tf-error")).toContainText("Error in matMul: inner shapes (512) and (768)", { timeout: 60_000 });
});

test("BroadcastAnimator: step through (3, 1) + (4,), with the keyboard too; the keepdim bug's rows do not sum to 1", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tensors");
  const w = animator(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.getByTestId("ba-caption")).toContainText("1/5 a is (3, 1) and b is (4,)");
  await w.getByTestId("ba-step").click();
  await expect(w.getByTestId("ba-caption")).toContainText("(4,) is read as (1, 4)");
  await w.getByTestId("ba-step").click();
  // a's one column is stretched to four: one real cell and three virtual copies per row.
  await expect(w.getByTestId("ba-a").locator('.ba-cell[data-state="virtual"]')).toHaveCount(9);
  await expect(w.getByTestId("ba-a").locator('.ba-cell[data-state="real"]')).toHaveText(["1", "2", "3"]);
  await w.getByTestId("ba-stage").focus();
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("ba-b").locator('.ba-cell[data-state="virtual"]')).toHaveCount(8);
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("ba-caption")).toContainText("5/5");
  await expect(w.getByTestId("ba-result").locator(".ba-cell")).toHaveText(["11", "21", "31", "41", "12", "22", "32", "42", "13", "23", "33", "43"]);
  await expect(w.getByTestId("ba-step")).toBeDisabled();
  await page.keyboard.press("ArrowLeft");
  await expect(w.getByTestId("ba-caption")).toContainText("4/5");
  await page.keyboard.press("r");
  await expect(w.getByTestId("ba-caption")).toContainText("1/5");

  await w.getByTestId("ba-preset").selectOption("nokeepdim");
  for (let i = 0; i < 3; i++) await w.getByTestId("ba-step").click();
  // P = [[1, 1, 2], [2, 6, 0], [1, 0, 3]], row sums (4, 8, 4) read as a row:
  // row 0 → 1/4 + 1/8 + 2/4 = 0.875, row 1 → 2/4 + 6/8 + 0/4 = 1.25, row 2 → 1/4 + 0/8 + 3/4 = 1
  await expect(w.getByTestId("ba-sums")).toHaveText("Row sums of the result: 0.875, 1.25, 1");
  await w.getByTestId("ba-preset").selectOption("keepdim");
  // (3, 3) / (3, 1): no axis to add, one stretch (the sums across each row), then the result
  await expect(w.getByTestId("ba-caption")).toContainText("1/3");
  for (let i = 0; i < 2; i++) await w.getByTestId("ba-step").click();
  await expect(w.getByTestId("ba-sums")).toHaveText("Row sums of the result: 1, 1, 1");
  expect(errors).toEqual([]);
});

test("screenshots of each widget in light and dark themes, on a desktop and a 375px phone", async ({ page }) => {
  for (const theme of ["light", "dark"] as const) {
    for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 375, height: 740 }]] as const) {
      await page.setViewportSize(viewport);
      const errors = watchErrors(page);
      await page.goto(`./?lang=en&theme=${theme}#/lessons/tensors`);
      const sl = lab(page);
      await sl.getByTestId("sl-b").fill("2,3");
      await expect(sl.getByTestId("sl-tf-error")).toBeVisible({ timeout: 60_000 });
      await sl.screenshot({ path: `test-results/screenshots/shape-lab-${theme}-${device}.png` });
      const li = lab(page, "linearlab");
      await li.scrollIntoViewIfNeeded(); // TF.js runs once the widget is on screen
      await expect(li.getByTestId("sl-tf")).toContainText("TensorFlow.js agrees", { timeout: 60_000 });
      await li.screenshot({ path: `test-results/screenshots/shape-lab-linear-${theme}-${device}.png` });
      const ba = animator(page);
      await ba.getByTestId("ba-step").click();
      await ba.getByTestId("ba-step").click();
      await page.waitForTimeout(600); // let the stretch transition finish
      await ba.screenshot({ path: `test-results/screenshots/broadcast-animator-${theme}-${device}.png` });
      const ex = page.getByTestId("exercise-keepdim-which");
      await ex.locator(".ex-choice input").first().check();
      await ex.getByTestId("ex-check").click();
      await ex.screenshot({ path: `test-results/screenshots/exercise-choice-${theme}-${device}.png` });
      // Nothing is wider than the phone's screen.
      if (device === "phone") expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(errors).toEqual([]);
      page.removeAllListeners("console");
      page.removeAllListeners("pageerror");
    }
  }
});
