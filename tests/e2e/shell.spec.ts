import { test, expect } from "@playwright/test";
import { lessonSlugs, watchErrors } from "./helpers";

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

test("the course map lists the six lessons in order and links them", async ({ page }) => {
  await page.goto("./?lang=en#/");
  const titles = page.locator(".lesson-cards .card-title");
  await expect(titles).toHaveCount(6);
  await expect(titles.first()).toHaveText("Tensors, shapes and broadcasting");
  await expect(titles.last()).toHaveText("Decoding: how a model writes");
  await titles.nth(2).click();
  await expect(page).toHaveURL(/#\/lessons\/tokenization$/);
});

test("a lesson records the visit, and the map shows it after a reload", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/attention");
  await expect(page.locator("h1")).toHaveText(/Attention/);
  await page.goto("./?lang=en#/");
  await page.reload();
  const card = page.locator(".lesson-cards li", { hasText: "Attention" });
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
