import { test, expect } from "@playwright/test";
import { watchErrors } from "./helpers";

// Lessons 4–6 on a projector (1920×1080: type scales with the viewport) and on a phone: every widget loads, nothing
// pushes the page sideways, and no console errors.
const sizes = [
  { name: "projector", width: 1920, height: 1080 },
  { name: "phone", width: 390, height: 844 },
] as const;

for (const slug of ["attention", "pretraining", "decoding"]) {
  for (const size of sizes) {
    test(`${slug} at ${size.name} size: widgets load, no sideways scroll`, async ({ page }) => {
      test.setTimeout(120_000);
      const errors = watchErrors(page);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`./?lang=en#/lessons/${slug}`);
      const widgets = page.locator("figure.widget");
      await expect(widgets.first()).toBeVisible({ timeout: 60_000 });
      await expect(page.getByText("Loading widget…")).toHaveCount(0, { timeout: 60_000 });
      await expect(page.locator(".directive-error")).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // projector type is larger than a laptop's: the body text scales with the viewport
      if (size.name === "projector") {
        const px = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main p")!).fontSize));
        expect(px).toBeGreaterThanOrEqual(18);
        await widgets.first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/screenshots/${slug}-projector.png` });
      }
      expect(errors).toEqual([]);
    });
  }
}
