import { readFileSync, readdirSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { lessonSlugs, watchErrors } from "./helpers";

/** A lesson's English title from its front matter, read here rather than from the app. */
function frontMatterTitle(slug: string): string {
  const dir = readdirSync("lessons").find((d) => d.replace(/^\d+-/, "") === slug)!;
  return readFileSync(`lessons/${dir}/en.md`, "utf8").match(/^title:\s*"?(.*?)"?\s*$/m)![1];
}

const routes = [
  { hash: "#/", heading: "The course" },
  ...lessonSlugs.map((slug) => ({ hash: `#/lessons/${slug}`, heading: null })),
  { hash: "#/lab", heading: "The lab" },
  { hash: "#/device", heading: "Your device" },
  { hash: "#/preview", heading: "Lesson preview" },
];

for (const { hash, heading } of routes) {
  test(`${hash} renders with no console errors`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./?lang=en${hash}`);
    const h1 = page.locator("h1").first();
    await expect(h1).toBeVisible();
    if (heading) await expect(h1).toHaveText(heading);
    else await expect(h1).not.toBeEmpty();
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
  });
}

test("the course map lists every lesson folder in order and links them", async ({ page }) => {
  await page.goto("./?lang=en#/");
  const slugs = readdirSync("lessons").sort().map((d) => d.replace(/^\d+-/, ""));
  const titles = page.locator(".lesson-cards .card-title");
  await expect(titles).toHaveText(slugs.map(frontMatterTitle));
  await expect(titles.first()).toHaveText("Tensors, shapes and broadcasting");
  await expect(titles.last()).toHaveText("Decoding: how a model writes");
  await titles.nth(slugs.indexOf("tokenization")).click();
  await expect(page).toHaveURL(/#\/lessons\/tokenization$/);
});

test("a lesson records the visit, and the map shows it after a reload", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/attention");
  await expect(page.locator("h1")).toHaveText(/Attention/);
  await page.goto("./?lang=en#/");
  await page.reload();
  const card = page.locator(".lesson-cards li", { hasText: frontMatterTitle("attention") });
  await expect(card).toHaveClass(/visited/);
  await expect(card.locator(".badge.done")).toHaveText("Visited");
});

test("an unknown route says so and links home", async ({ page }) => {
  await page.goto("./?lang=en#/nowhere");
  await expect(page.getByRole("alert")).toHaveText("There is nothing at “/nowhere”.");
  await page.getByRole("link", { name: "Go to the course map" }).click();
  await expect(page.locator("h1")).toHaveText("The course");
});

test("previous and next walk the lessons; the last one leads to the lab", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors");
  await page.getByRole("link", { name: /Next: Autograd/ }).click();
  await expect(page).toHaveURL(/#\/lessons\/autograd$/);
  await page.getByRole("link", { name: /Previous: Tensors/ }).click();
  await expect(page).toHaveURL(/#\/lessons\/tensors$/);
  await page.goto("./?lang=en#/lessons/decoding");
  await page.getByRole("link", { name: "The lab →" }).click();
  await expect(page.locator("h1")).toHaveText("The lab");
});

test("keyboard: skip link, then tab reaches the navigation and the theme toggle works with Enter", async ({ page }) => {
  await page.goto("./?lang=en&theme=light#/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  const toggle = page.getByTestId("theme-toggle");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test("phone width: no horizontal scrolling on a lesson", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("./?lang=en#/lessons/tensors");
  await expect(page.locator("h1")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the tab's title names the page, in the page's language", async ({ page }) => {
  await page.goto("./?lang=en#/");
  await expect(page).toHaveTitle("GPT Dojo");
  await page.goto("./?lang=en#/lessons/attention");
  await expect(page).toHaveTitle(`${frontMatterTitle("attention")} · GPT Dojo`);
  await page.goto("./?lang=en#/lab");
  await expect(page).toHaveTitle("The lab · GPT Dojo");
  await page.goto("./?lang=en#/device");
  await expect(page).toHaveTitle("Your device · GPT Dojo");
  await page.goto("./?lang=ja#/lab");
  await expect(page).toHaveTitle("ラボ · GPT Dojo");
  await page.getByTestId("language").selectOption("en");
  await expect(page).toHaveTitle("The lab · GPT Dojo");
});

test("the map gives each lesson's exercise count, and how many of them are solved", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors");
  await expect(page.locator("h1")).toBeVisible();
  const total = await page.locator('[data-testid^="exercise-"], [data-testid^="code-exercise-"]').count();
  expect(total).toBeGreaterThan(5);
  await page.goto("./?lang=en#/");
  const card = page.locator(".lesson-cards li", { hasText: "Tensors, shapes and broadcasting" });
  await expect(card.getByTestId("map-solved")).toHaveText(`${total} exercises`);
  // one solved exercise, and one id no longer in the lesson (a renamed exercise must not count)
  await page.evaluate(() => localStorage.setItem("gpt-dojo:progress", JSON.stringify({ visited: {}, solved: { "tensors/linear-params": true, "tensors/no-such-exercise": true } })));
  await page.reload();
  await expect(card.getByTestId("map-solved")).toHaveText(`1 of ${total} exercises solved`);
});
