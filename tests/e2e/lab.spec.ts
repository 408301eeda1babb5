import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// A 30-second demo: first names, characters, the projector model, 40 steps on wasm.
const quick = "#/lab?lab.corpus=first-names&lab.maxIters=40&lab.evalInterval=20&lab.sampleEvery=20&lab.autosaveEvery=20";

async function finishTraining(page: Page) {
  await expect(page.getByTestId("stat-step")).toHaveText("40 / 40", { timeout: 150_000 });
}

test("trains in a worker: the loss falls, samples and a checkpoint appear", async ({ page }) => {
  test.setTimeout(200_000);
  const errors = watchErrors(page);
  await page.goto(`./?lang=en${quick}`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 60_000 });
  await finishTraining(page);
  // that the page never blocks while training: tests/e2e/lab-layout.spec.ts (thread CPU time, not frame gaps)
  const val = Number(await page.getByTestId("stat-val").textContent());
  expect(val).toBeLessThan(Math.log(27) - 0.5); // from ln(27) = 3.30 for a-z plus newline
  await expect(page.getByTestId("sample").first()).not.toBeEmpty();
  await expect(page.getByTestId("stat-saved")).toHaveText("40");
  await page.screenshot({ path: "test-results/screenshots/lab-light.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("after a reload the lab offers to resume exactly where it was, and continues from that step", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en${quick}`);
  await page.getByTestId("train").click();
  await finishTraining(page);
  await expect(page.getByTestId("stat-saved")).toHaveText("40");
  const loss = await page.getByTestId("stat-loss").textContent();
  await page.reload();
  await expect(page.getByTestId("resume-offer")).toContainText("step 40");
  await page.getByTestId("resume").click();
  await expect(page.getByTestId("stat-step")).toHaveText("40 / 40", { timeout: 60_000 });
  await expect(page.getByTestId("stat-loss")).toHaveText(loss!); // the charts came back too
  await expect(page.getByTestId("runs-table")).toContainText("first-names, char, 2×4×64, block 32");
});

test("generation streams text from the trained model", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en${quick.replace("maxIters=40", "maxIters=20")}`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("20 / 20", { timeout: 150_000 });
  await page.getByTestId("gen-prompt").fill("ma");
  await page.getByTestId("gen-start").click();
  await expect(page.getByTestId("gen-output")).toHaveText(/^ma[a-z\n]{20,}/, { timeout: 60_000 });
});

test("bad input gets a clear message: a binary file, and a text shorter than one window", async ({ page }) => {
  await page.goto("./?lang=en#/lab?lab.corpus=own");
  await page.getByTestId("own-file").setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await expect(page.getByTestId("lab-error")).toHaveText('"cat.png" looks like a binary file (it contains NUL bytes), not text. Save it as plain text (.txt, UTF-8) and try again.');
  await page.getByTestId("own-text").fill("to be or not to be");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("train-error")).toContainText("The text has 18 tokens, but training needs at least blockSize + 1 = 33.");
  await expect(page.getByTestId("own-text")).toHaveValue("to be or not to be"); // nothing the learner typed is lost
});

test("invalid settings are explained next to the field and block training", async ({ page }) => {
  await page.goto("./?lang=en#/lab?lab.nEmbd=100&lab.nHead=3");
  await expect(page.locator("#nEmbd-problem")).toHaveText("nEmbd 100 is not divisible by nHead 3: each head gets nEmbd / nHead channels. Try 99 or 102.");
  await expect(page.getByTestId("train")).toBeDisabled();
  await page.getByTestId("field-nEmbd").fill("99");
  await expect(page.getByTestId("train")).toBeEnabled();
  await expect(page).toHaveURL(/lab\.nEmbd=99/); // settings live in the URL, so a shared link replays them
});

test("dark theme screenshot of the lab", async ({ page }) => {
  await page.goto(`./?lang=en&theme=dark${quick}`);
  await expect(page.getByTestId("size-line")).toContainText("103,936 parameters"); // 2 layers, 64 wide, vocab 28 (a–z, "-" and newline): worked out in tests/lab/inputs.test.ts style
  await page.screenshot({ path: "test-results/screenshots/lab-dark.png", fullPage: true });
});

test("the lab embedded in a lesson: locked controls hidden, and it trains", async ({ page }) => {
  test.setTimeout(200_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/pretraining");
  const lab = page.getByTestId("gpt-lab");
  await expect(lab.getByTestId("size-line")).toContainText("vocabulary 28"); // first names, characters
  for (const locked of ["nLayer", "nHead", "nEmbd", "blockSize"]) await expect(lab.getByTestId(`field-${locked}`)).toHaveCount(0);
  await expect(lab.getByTestId("preset")).toHaveCount(0);
  await expect(lab.getByTestId("stat-step")).toHaveText("0 / 300");
  await lab.getByTestId("train").click();
  await expect(lab.getByTestId("stat-loss")).not.toHaveText("—", { timeout: 60_000 });
  await lab.getByTestId("train").click(); // pause
  await expect(lab.getByTestId("train")).toHaveText("Continue", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/lesson-pretraining-minitrain.png" });
  expect(errors).toEqual([]);
});

test("wasm: the projector preset on Moby-Dick, 60 steps, the loss falls", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("./?lang=en#/lab?lab.maxIters=60&lab.evalInterval=30&lab.sampleEvery=1000");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText(/^[1-5]\d \/ 60$/, { timeout: 180_000 }); // mid-training
  await page.screenshot({ path: "test-results/screenshots/lab-mid-training.png", fullPage: true });
  await expect(page.getByTestId("stat-step")).toHaveText("60 / 60", { timeout: 180_000 });
  const val = Number(await page.getByTestId("stat-val").textContent());
  expect(val).toBeLessThan(Math.log(80) - 0.8); // ~80 characters: from ln(80) = 4.38
  await expect(page.getByTestId("lab-status")).toContainText(/Done: step 60, loss \d\.\d{3}/);
});

for (const backend of ["webgl", "webgpu"] as const) {
  test(`${backend}: a few lab steps on a tiny model (software ${backend} here)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(`./?lang=en&backend=${backend}#/lab?lab.corpus=first-names&lab.preset=custom&lab.nLayer=1&lab.nEmbd=16&lab.nHead=2&lab.blockSize=8&lab.batchSize=4&lab.maxIters=3&lab.evalInterval=3&lab.evalIters=1`);
    await page.getByTestId("train").click();
    await expect(page.getByTestId("stat-backend")).toHaveText(backend, { timeout: 120_000 });
    await expect(page.getByTestId("stat-step")).toHaveText("3 / 3", { timeout: 200_000 });
    expect(Number(await page.getByTestId("stat-loss").textContent())).toBeLessThan(Math.log(28) + 0.2);
  });
}

test("an empty file is refused with a message, and the trained run is untouched", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en${quick.replace("maxIters=40", "maxIters=10")}`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("10 / 10", { timeout: 150_000 });
  // the last step is drawn before its evaluation ends the run: a Load before "Done" is refused (issue #11 item 5)
  await expect(page.getByTestId("lab-status")).toContainText("Done: step 10", { timeout: 60_000 });
  const loss = await page.getByTestId("stat-loss").textContent();
  await page.getByTestId("upload-checkpoint").setInputFiles({ name: "empty.safetensors", mimeType: "application/octet-stream", buffer: Buffer.alloc(0) });
  await expect(page.getByTestId("lab-error")).toContainText("empty.safetensors: The file has 0 bytes");
  await expect(page.getByTestId("stat-loss")).toHaveText(loss!);
  await expect(page.getByTestId("stat-step")).toHaveText("10 / 10");
});

test("a huge learning rate: the NaN is caught, explained, and the model goes back to its last checkpoint", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en${quick.replace("maxIters=40", "maxIters=12").replace("autosaveEvery=20", "autosaveEvery=5")}&lab.learningRate=1e30&lab.warmupIters=5&lab.lrDecayIters=12&lab.minLr=0`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("train-error")).toContainText(/The loss became (NaN|Infinity) at step \d+ with learning rate [\d.e+-]+: the updates grew too large \(the learning rate is probably too high\)\. Training paused and the model went back to step \d+\./, { timeout: 150_000 });
  await expect(page.getByTestId("train")).toHaveText("Continue");
});

test("phone width: the lab fits without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`./?lang=en${quick}`);
  await expect(page.getByTestId("train")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screenshots/lab-phone.png", fullPage: true });
});
