import { expect, test } from "@playwright/test";
import { glossary } from "../../src/i18n/glossary";
import { watchErrors } from "./helpers";

/** The glossary page lists every term of src/i18n/glossary.ts, and a lesson's first use of a term links there. */
test("#/glossary lists every term in both languages; a term route highlights it; the filter narrows", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./#/glossary/layer-norm");
  const rows = page.getByTestId("glossary-table").locator("tbody tr");
  await expect(rows).toHaveCount(glossary.length);
  const ln = page.locator("#term-layer-norm");
  await expect(ln).toHaveClass(/glossary-current/);
  await expect(ln.locator("td").first()).toHaveText("層正規化");
  await expect(page).toHaveTitle(/^Glossary · GPT Dojo$/);
  await page.getByTestId("glossary-filter").fill("残差");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-term", "residual");
  await page.goto("./?lang=ja#/glossary");
  await expect(page.locator("h1")).toHaveText("用語集");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/glossary-phone-ja.png" });
  expect(errors).toEqual([]);
});

test("a lesson links the first use of a term to the glossary, with its definition as the tooltip", async ({ page }) => {
  await page.goto("./#/lessons/attention");
  const link = page.locator("article.lesson a.glossary-link[href='#/glossary/attention']");
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute("title", glossary.find((g) => g.id === "attention")!.def.en);
  await link.click();
  await expect(page.locator("#term-attention")).toHaveClass(/glossary-current/);
});
