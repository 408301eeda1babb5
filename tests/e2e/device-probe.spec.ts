import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// The measured backend choice: a tiny real training step on each backend, cached per device, overridable.
const tinyLab = "#/lab?lab.corpus=first-names&lab.preset=custom&lab.nLayer=1&lab.nEmbd=16&lab.nHead=2&lab.blockSize=8&lab.batchSize=4&lab.maxIters=3&lab.evalInterval=3&lab.evalIters=1";

const row = (page: Page, backend: string) => page.getByTestId("measure-table").locator(`tr[data-backend=${backend}]`);
const ms = async (page: Page, backend: string) => Number(await row(page, backend).getAttribute("data-ms"));

test("#/device measures each backend's training step, picks wasm on this CPU-only machine, and remembers it", async ({ page }) => {
  test.setTimeout(240_000); // the page's matmul probe runs first, then the measurement (software GPUs are slow here)
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/device");
  await expect(page.getByTestId("measure-progress")).toBeVisible({ timeout: 150_000 }); // measures by itself on first use
  const date = page.getByTestId("measure-date");
  await expect(date).toBeVisible({ timeout: 120_000 });

  for (const b of ["wasm", "cpu"]) {
    await expect(row(page, b), `${b} should finish its steps`).toHaveAttribute("data-status", "ok");
    expect(await ms(page, b), `${b} ms per step`).toBeGreaterThan(0);
  }
  // No GPU here: WebGPU and WebGL run on SwiftShader, and both must lose to wasm (finished slower, or stopped at the cap).
  const wasm = await ms(page, "wasm");
  for (const b of ["webgl", "webgpu"]) {
    const status = await row(page, b).getAttribute("data-status");
    expect(["ok", "slow"], `${b} status`).toContain(status);
    if (status === "ok") expect(await ms(page, b), `software ${b} ms per step vs wasm ${wasm}`).toBeGreaterThan(wasm);
    await expect(row(page, b)).toContainText("software");
  }
  await expect(row(page, "wasm")).toHaveAttribute("data-chosen", "true");
  await expect(row(page, "wasm")).toContainText("chosen");
  await expect(page.getByTestId("override-state")).toHaveText("Using the measured choice: wasm.");
  await expect(page.getByTestId("backend-in-use")).toContainText("In use: wasm");
  await page.screenshot({ path: "test-results/screenshots/device-probe-light.png", fullPage: true });

  // cached: a reload shows the same measurement without measuring again, and the page runtime says why wasm
  const measuredAt = await date.textContent();
  await page.reload();
  await expect(page.getByTestId("measure-date")).toHaveText(measuredAt!);
  await expect(page.getByTestId("backend-in-use")).toContainText("the fastest in this device's measurement", { timeout: 150_000 });
  await expect(row(page, "wasm")).toHaveAttribute("data-chosen", "true");
  await page.waitForTimeout(500);
  await expect(page.getByTestId("measure-progress")).toHaveCount(0);
  await page.goto("./?lang=en&theme=dark#/device");
  await expect(page.getByTestId("device-table")).toBeVisible({ timeout: 150_000 });
  await page.screenshot({ path: "test-results/screenshots/device-probe-dark.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("the lab measures on first use, says so, and trains on the pick", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`./?lang=en${tinyLab}`);
  await expect(page.getByTestId("measure-status")).toContainText("Measuring this device's backends");
  await page.getByTestId("train").click(); // waits for the measurement, then trains
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 120_000 });
  await expect(page.getByTestId("measure-status")).toContainText("wasm is fastest");
});

test("an override on #/device sticks, and the lab trains on it; ?backend= still wins", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("./?lang=en#/device");
  const select = page.getByTestId("backend-override");
  await select.selectOption("cpu");
  await expect(page.getByTestId("override-state")).toContainText("You chose cpu");
  await page.reload();
  await expect(page.getByTestId("backend-override")).toHaveValue("cpu");
  await expect(page.getByTestId("override-state")).toContainText("You chose cpu");
  await expect(page.getByTestId("backend-in-use")).toContainText("In use: cpu — your choice below", { timeout: 150_000 });

  await page.goto(`./?lang=en${tinyLab}`);
  await expect(page.getByTestId("measure-status")).toHaveCount(0); // an override needs no measurement
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("cpu", { timeout: 120_000 });

  await page.goto(`./?lang=en&backend=wasm${tinyLab}`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 120_000 });

  await page.goto("./?lang=en#/device");
  await page.getByTestId("override-reset").click();
  await expect(page.getByTestId("backend-override")).toHaveValue("");
  expect(await page.evaluate(() => localStorage.getItem("gpt-dojo:backend-override"))).toBe("null");
});
