import { test, expect } from "@playwright/test";

test("?lang=ja shows the Japanese interface", async ({ page }) => {
  await page.goto("./?lang=ja#/");
  await expect(page.locator("h1")).toHaveText("コース");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("link", { name: "ラボ", exact: true })).toBeVisible();
});

test("the language switch changes the interface and is remembered", async ({ page }) => {
  await page.goto("./#/");
  await page.getByTestId("language").selectOption("en");
  await expect(page.locator("h1")).toHaveText("The course");
  await page.getByTestId("language").selectOption("ja");
  await expect(page.locator("h1")).toHaveText("コース");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("コース");
});

test("a lesson without ja.md shows English text with a Japanese notice", async ({ page }) => {
  await page.goto("./?lang=ja#/lessons/tensors");
  await expect(page.locator(".notice")).toHaveText("このレッスンの日本語版は準備中です。英語版を表示しています。");
  await expect(page.locator("h1")).toHaveText("Tensors, shapes and broadcasting");
  await page.screenshot({ path: "test-results/screenshots/lesson-tensors-ja.png" });
});
