import { test, expect } from "@playwright/test";
import { watchErrors } from "./helpers";
import { widgetNames } from "../../src/course/widgetSpecs";

test("KaTeX renders inline and display math from Markdown", async ({ page }) => {
  // the author's preview renders Markdown exactly as a lesson does; this test owns its text
  const src = "Inline $(B, T, C)$ here.\n\n$$\nY = X A^\\top + b\n$$\n";
  await page.goto(`./?lang=en#/preview?src=${encodeURIComponent(src)}`);
  // Each rendered formula keeps its TeX source in a MathML annotation: compare it with what was written.
  await expect(page.locator(".lesson .katex-display annotation").first()).toHaveText("Y = X A^\\top + b");
  await expect(page.locator(".lesson p .katex annotation").first()).toHaveText("(B, T, C)");
  await expect(page.locator(".lesson .katex-error")).toHaveCount(0);
  // and a real lesson has rendered math and no KaTeX errors
  await page.goto("./?lang=en#/lessons/tensors");
  await expect(page.locator(".katex").first()).toBeVisible();
  await expect(page.locator(".katex-error")).toHaveCount(0);
});

const matmulPreview = `#/preview?src=${encodeURIComponent("Text first.\n\n::matmul-demo{m=2 k=3 n=2}\n")}`;

test("a directive mounts its widget, which computes on TF.js: A·B for 2×3 by 3×2", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`./?lang=en${matmulPreview}`);
  const c = page.getByTestId("matmul-c");
  // Hand-worked: A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]] → C = [[1+3, 2+3], [4+6, 5+6]].
  await expect(c).toHaveAttribute("aria-label", "C = [[4, 5], [10, 11]]");
  await expect(page.getByTestId("backend-badge")).toContainText("Backend:");
  expect(errors).toEqual([]);
});

test("a lesson page whose widgets do not compute does not download TF.js", async ({ page }) => {
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") bodies.push(r.text());
  });
  // prose, math and two pure-arithmetic widgets (KV-cache bytes, Chinchilla's rules of thumb)
  const md = "# Plain arithmetic\n\nThe cache grows as $2 L T n_{kv} d$.\n\n::kv-heads{id=kvh}\n\n::chinchilla{id=chin}\n";
  await page.goto(`./?lang=en#/preview?src=${encodeURIComponent(md)}`);
  await expect(page.getByTestId("kv-bytes")).toHaveText("17.18 GB");
  await expect(page.locator("figure.widget")).toHaveCount(2);
  await page.waitForLoadState("networkidle");
  const scripts = await Promise.all(bodies);
  expect(scripts.length).toBeGreaterThan(0);
  // a string from tfjs-core's engine: present in whichever chunk holds TF.js, absent from the page's own code
  expect(scripts.filter((text) => text.includes("The highest priority backend")).length).toBe(0);
});

test("a page with a computing widget does download TF.js", async ({ page }) => {
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") bodies.push(r.text());
  });
  await page.goto(`./?lang=en${matmulPreview}`);
  await expect(page.getByTestId("matmul-c")).toBeVisible();
  const scripts = await Promise.all(bodies);
  expect(scripts.filter((text) => text.includes("The highest priority backend")).length).toBe(1);
});

test("a bad directive shows an error box naming the file, line and fix", async ({ page }) => {
  const src = "Intro line\n\n::no-such-widget{x=1}\n\n::matmul-demo{m=9}\n";
  await page.goto(`./?lang=en#/preview?src=${encodeURIComponent(src)}`);
  const alerts = page.locator(".lesson [role=alert]");
  await expect(alerts).toHaveCount(2);
  await expect(alerts.nth(0)).toContainText(`preview:3: unknown widget "no-such-widget". Known widgets: ${widgetNames.join(", ")}.`);
  await expect(alerts.nth(1)).toContainText('preview:5: prop "m" must be between 1 and 6, got 9.');
});

test("a section deep link scrolls to and focuses its heading, and the contents link there", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors/linear-layers-two-conventions");
  const heading = page.locator("h2#linear-layers-two-conventions");
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await page.locator(".toc").getByRole("link", { name: "Broadcasting, in one rule" }).click();
  await expect(page).toHaveURL(/#\/lessons\/tensors\/broadcasting-in-one-rule$/);
  await expect(page.locator("h2#broadcasting-in-one-rule")).toBeFocused();
});

for (const theme of ["light", "dark"] as const) {
  test(`screenshot of a lesson in the ${theme} theme`, async ({ page }, info) => {
    await page.goto(`./?lang=en&theme=${theme}#/lessons/tensors`);
    await expect(page.locator(".lesson h1")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(theme === "light" ? "rgb(251, 250, 247)" : "rgb(17, 21, 27)");
    await page.screenshot({ path: `test-results/screenshots/lesson-tensors-${theme}.png`, fullPage: true });
    await info.attach(`lesson-${theme}`, { path: `test-results/screenshots/lesson-tensors-${theme}.png`, contentType: "image/png" });
  });
}

test("the contents mark the section being read as the page scrolls", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors");
  const current = page.locator('.toc a[aria-current="location"]');
  await expect(current).toHaveCount(1);
  for (const id of ["broadcasting-in-one-rule", "linear-layers-two-conventions"]) {
    await page.locator(`h2#${id}`).evaluate((h) => h.scrollIntoView({ block: "start" }));
    await expect(current).toHaveAttribute("href", `#/lessons/tensors/${id}`);
    await expect(current).toHaveCount(1);
  }
});

test("the lesson title comes before the contents on a phone, and beside them on a laptop", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./?lang=en#/lessons/tensors");
  const h1 = page.locator("h1");
  await expect(h1).toBeInViewport();
  let [title, toc] = [await h1.boundingBox(), await page.locator(".toc").boundingBox()];
  expect(title!.y + title!.height).toBeLessThanOrEqual(toc!.y);
  // folded on the phone, so the lesson starts on the first screen; one tap opens it
  const link = page.locator(".toc").getByRole("link", { name: "Broadcasting, in one rule" });
  await expect(link).toBeHidden();
  await expect(page.locator("article.lesson p").first()).toBeInViewport();
  await page.locator(".toc summary").click();
  await expect(link).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  [title, toc] = [await h1.boundingBox(), await page.locator(".toc").boundingBox()];
  expect(toc!.x + toc!.width).toBeLessThanOrEqual(title!.x);
  expect(toc!.y).toBeLessThanOrEqual(title!.y);
});

test("a link carrying a widget's state opens at that widget, with that state", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/decoding?beam.width=3");
  const w = page.locator('[data-testid="beam-tree"][data-id="beam"]');
  await expect(w.getByTestId("bt-width")).toHaveValue("3");
  await expect(w).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
});
