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
  await page.goto("./?lang=en#/lab?lab.corpus=first-names&lab.maxIters=60&lab.evalInterval=20&lab.sampleEvery=1000&lab.autosaveEvery=10");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 150_000 });
  const saved = await savedStep(page);
  await simulate(page, "crash");
  const note = page.getByTestId("fault-note");
  await expect(note).toContainText(/The training worker crashed at step \d+ \(.*Simulated crash of the training worker\)\. A new one took over from step \d+, the last checkpoint\./, { timeout: 30_000 });
  const [, crashedAt, from] = (await note.textContent())!.match(/at step (\d+) .* from step (\d+)/)!.map(Number);
  expect(from).toBeGreaterThanOrEqual(saved); // the newest checkpoint, which may be newer than the one read above
  expect(from).toBeLessThanOrEqual(crashedAt);
  await page.screenshot({ path: "test-results/screenshots/lab-fault-crash.png", fullPage: true });
  await expect(page.getByTestId("stat-step")).toHaveText("60 / 60", { timeout: 150_000 });
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm");
  await expect(page.getByTestId("lab-status")).toContainText(/Done: step 60, loss \d\.\d{3}/);
  expect(errors).toEqual([]);
});

const tiny = "lab.corpus=first-names&lab.preset=custom&lab.nLayer=1&lab.nEmbd=16&lab.nHead=2&lab.blockSize=8&lab.batchSize=4&lab.maxIters=150&lab.evalInterval=50&lab.evalIters=1&lab.sampleEvery=1000&lab.autosaveEvery=5";

for (const [backend, next, what] of [
  ["webgl", "wasm", "The WebGL context was lost"],
  ["webgpu", "webgl", "The WebGPU device was lost (destroyed"],
] as const) {
  test(`losing the ${backend} GPU moves the run to ${next}, from the last checkpoint`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`./?lang=en&backend=${backend}#/lab?${tiny}`);
    await page.getByTestId("train").click();
    await expect(page.getByTestId("stat-backend")).toHaveText(backend, { timeout: 120_000 });
    await expect(page.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 200_000 });
    const saved = await savedStep(page);
    await simulate(page, "backendLost");
    const note = page.getByTestId("fault-note");
    await expect(note).toContainText(what, { timeout: 60_000 });
    await expect(note).toContainText(new RegExp(`At step \\d+ training moved from ${backend} to ${next} and went on from step \\d+, the last checkpoint\\.`));
    const [, lostAt, from] = (await note.textContent())!.match(/At step (\d+) .* from step (\d+)/)!.map(Number);
    expect(from).toBeGreaterThanOrEqual(saved);
    expect(from).toBeLessThanOrEqual(lostAt);
    await expect(page.getByTestId("stat-backend")).toHaveText(next, { timeout: 120_000 });
    await expect(page.getByTestId("stat-step")).toHaveText("150 / 150", { timeout: 200_000 });
    expect(Number(await page.getByTestId("stat-loss").textContent())).toBeLessThan(Math.log(28) + 0.2);
  });
}
