import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// The lab's recovery paths (issue #4, item 8), driven through the lab's test hook gptDojoLab.simulateFault, which
// throws an uncaught error in the training worker, or really loses the GPU (WEBGL_lose_context, device.destroy()).

const simulate = (page: Page, fault: "crash" | "backendLost") =>
  page.evaluate((f) => (window as unknown as { gptDojoLab: { simulateFault(f: string): void } }).gptDojoLab.simulateFault(f), fault);

/** The step of the last autosave, as the lab shows it. */
const savedStep = async (page: Page) => Number(await page.getByTestId("stat-saved").textContent());

test("a crashed worker is replaced and the run goes on from its last checkpoint", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lab?lab.corpus=first-names&lab.maxIters=30&lab.evalInterval=10&lab.sampleEvery=1000&lab.autosaveEvery=10");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-saved")).toHaveText(/^(10|20)$/, { timeout: 150_000 });
  const saved = await savedStep(page);
  await simulate(page, "crash");
  await expect(page.getByTestId("fault-note")).toContainText(
    new RegExp(`The training worker crashed at step \\d+ \\(.*Simulated crash of the training worker\\.\\)\\. A new one took over from step (${saved}|${saved + 10}), the last checkpoint\\.`),
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("stat-step")).toHaveText("30 / 30", { timeout: 150_000 });
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm");
  await expect(page.getByTestId("lab-status")).toContainText(/Done: step 30, loss \d\.\d{3}/);
  expect(errors).toEqual([]);
});

const tiny = "lab.corpus=first-names&lab.preset=custom&lab.nLayer=1&lab.nEmbd=16&lab.nHead=2&lab.blockSize=8&lab.batchSize=4&lab.maxIters=12&lab.evalInterval=6&lab.evalIters=1&lab.sampleEvery=1000&lab.autosaveEvery=3";

for (const [backend, next, what] of [
  ["webgl", "wasm", "The WebGL context was lost"],
  ["webgpu", "webgl", "The WebGPU device was lost (destroyed"],
] as const) {
  test(`losing the ${backend} GPU moves the run to ${next}, from the last checkpoint`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`./?lang=en&backend=${backend}#/lab?${tiny}`);
    await page.getByTestId("train").click();
    await expect(page.getByTestId("stat-backend")).toHaveText(backend, { timeout: 120_000 });
    await expect(page.getByTestId("stat-saved")).toHaveText(/^(3|6|9)$/, { timeout: 200_000 });
    await simulate(page, "backendLost");
    await expect(page.getByTestId("fault-note")).toContainText(what, { timeout: 60_000 });
    await expect(page.getByTestId("fault-note")).toContainText(new RegExp(`training moved from ${backend} to ${next} and went on from step (3|6|9|12), the last checkpoint`));
    await expect(page.getByTestId("stat-backend")).toHaveText(next, { timeout: 120_000 });
    await expect(page.getByTestId("stat-step")).toHaveText("12 / 12", { timeout: 200_000 });
    expect(Number(await page.getByTestId("stat-loss").textContent())).toBeLessThan(Math.log(28) + 0.2);
  });
}
