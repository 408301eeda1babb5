import { test, expect } from "@playwright/test";

test("#/device reports webgpu, webgl, wasm and cpu as available, with speeds", async ({ page }) => {
  test.setTimeout(180_000); // software WebGPU compiles shaders slowly here
  await page.goto("./?lang=en#/device");
  const table = page.getByTestId("device-table");
  await expect(table).toBeVisible({ timeout: 150_000 });
  for (const backend of ["webgpu", "webgl", "wasm", "cpu"]) {
    const row = table.locator(`tr[data-backend=${backend}]`);
    await expect(row, `${backend} should start in Chromium with --enable-unsafe-webgpu`).toHaveAttribute("data-available", "true");
    const gflops = Number(await row.locator("td").nth(3).textContent());
    expect(gflops, `${backend} matmul speed`).toBeGreaterThan(0);
  }
  // No GPU on these machines: both GPU adapters are SwiftShader, and the page must say they are software.
  await expect(table.locator("tr[data-backend=webgl] td").nth(1)).toContainText(/SwiftShader|ANGLE/i);
  await expect(page.getByTestId("backend-in-use")).toContainText("In use: wasm");
  await page.screenshot({ path: "test-results/screenshots/device.png", fullPage: true });

  // On a 390 px phone neither table pushes the page, or itself, sideways: a GPU adapter's name is ~90 characters.
  await expect(page.getByTestId("measure-table").locator("tr[data-chosen=true]")).toHaveCount(1, { timeout: 150_000 });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll(".table-scroll")].map((e) => `${e.className || e.tagName}: ${e.scrollWidth - e.clientWidth}`),
  );
  expect(overflow).toEqual(["HTML: 0", "table-scroll: 0", "table-scroll: 0"]);
  await page.screenshot({ path: "test-results/screenshots/device-phone.png", fullPage: true });
});

test("?backend=webgl forces WebGL and the page says so", async ({ page }) => {
  await page.goto(`./?lang=en&backend=webgl#/preview?src=${encodeURIComponent("::matmul-demo{m=2 k=3 n=2}")}`);
  await expect(page.getByTestId("matmul-c")).toHaveAttribute("aria-label", "C = [[4, 5], [10, 11]]");
  await expect(page.getByTestId("backend-badge")).toHaveText("Backend: webgl");
});

test("a forced backend that cannot start is an error, not a silent fallback", async ({ browser }) => {
  // A browser without --enable-unsafe-webgpu has navigator.gpu but no adapter: setBackend resolves false.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "gpu", { value: { requestAdapter: async () => null }, configurable: true });
  });
  await page.goto(`./?lang=en&backend=webgpu#/preview?src=${encodeURIComponent("::matmul-demo{m=2 k=3 n=2}")}`);
  await expect(page.locator(".lesson [role=alert]")).toContainText('The backend "webgpu" requested with ?backend= could not start');
  await context.close();
});
