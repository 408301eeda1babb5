import { expect, test } from "@playwright/test";
import { existsSync, readdirSync } from "node:fs";
import { watchErrors } from "./helpers";
import { englishSentences, scrollThrough } from "./japanese";

/**
 * Every Japanese lesson in Chromium, one page load each: it renders in Japanese (no "in preparation" notice,
 * lang=ja), its widgets load with no console errors, a Japanese reader meets no English sentence in it (issue #15;
 * japanese.ts says what counts), nothing pushes the page sideways at desktop, phone or projector width (the window
 * is resized, as a rotated tablet or a projector plugged in would, rather than the lesson loaded three times), and
 * switching the language keeps the reader's section. Screenshots of each lesson at each size are written for looking at.
 */
const lessons = readdirSync("lessons")
  .filter((d) => existsSync(`lessons/${d}/ja.md`))
  .map((d) => d.replace(/^\d+-/, ""));
const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
  { name: "projector", width: 1920, height: 1080 },
] as const;

for (const slug of lessons) {
  test(`${slug} in Japanese: no English sentence, and it fits desktop, phone and projector sizes`, async ({ page }) => {
    test.setTimeout(150_000); // a lesson loads in 5–20 s; a busy 2-core machine has needed 85 s
    const errors = watchErrors(page);
    await page.setViewportSize(sizes[0]);
    await page.goto(`./?lang=ja&theme=light#/lessons/${slug}`);
    await expect(page.locator("article.lesson")).toHaveAttribute("lang", "ja");
    await expect(page.getByText("このレッスンの日本語版は準備中です")).toHaveCount(0);
    await expect(page.locator(".directive-error")).toHaveCount(0);
    await scrollThrough(page); // every widget mounted
    const english = await englishSentences(page);
    expect(english.map((e) => `#/lessons/${slug}: "${e.text}" in ${e.where}`)).toEqual([]);
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      if (size.name === "projector") await page.getByTestId("theme-toggle").click(); // dark on the projector
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300); // layouts that follow the width (ResizeObserver) settle
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${slug} at ${size.name}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screenshots/ja-${slug}-${size.name}.png` });
    }
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(errors).toEqual([]);
  });
}

test("switching the language keeps the lesson and the section being read", async ({ page }) => {
  expect(lessons.length).toBe(readdirSync("lessons").length); // every lesson has its ja.md
  const slug = lessons.includes("attention") ? "attention" : lessons[0];
  await page.goto(`./?lang=en#/lessons/${slug}`);
  const h2 = page.locator("article.lesson h2");
  const n = await h2.count();
  const k = Math.min(3, n - 1);
  await h2.nth(k).evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.3 + 20 }));
  await page.getByTestId("language").selectOption("ja");
  await expect(page.locator("article.lesson")).toHaveAttribute("lang", "ja");
  // the same (k-th) section is the one at the reading line, now in Japanese
  const top = await page.locator("article.lesson h2").nth(k).evaluate((el) => el.getBoundingClientRect().top / window.innerHeight);
  expect(top).toBeGreaterThan(0);
  expect(top).toBeLessThan(0.3);
  await expect(page).toHaveURL(new RegExp(`#/lessons/${slug}/`));
});
