import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// Issue #11: every order of Train, Pause, Step, Reset, Resume, Load, Generate and a fault leaves the lab in a state a
// button can leave, with no lost work. Each test is one reproduction from the issue.

const names = "lab.corpus=first-names&lab.evalInterval=20&lab.sampleEvery=1000";
const stepOf = async (page: Page) => Number((await page.getByTestId("stat-step").textContent())!.split(" / ")[0]);

test("item 1: Reset during training stops the run and returns every panel to fresh", async ({ page }) => {
  test.setTimeout(200_000);
  const errors = watchErrors(page);
  await page.goto(`./?lang=en#/lab?${names}&lab.maxIters=2000&lab.autosaveEvery=10`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 150_000 });
  await expect(page.getByTestId("stat-val")).not.toHaveText("—");
  await page.keyboard.press("r");
  await expect(page.getByTestId("lab-status")).toHaveText("Not started: step 0, loss —");
  await expect(page.getByTestId("stat-step")).toHaveText("0 / 2000");
  await expect(page.getByTestId("stat-val")).toHaveText("—");
  await expect(page.getByTestId("stat-backend")).toHaveText("—");
  await expect(page.getByTestId("stat-saved")).toHaveCount(0);
  await expect(page.getByTestId("step")).toBeDisabled();
  await expect(page.getByTestId("download")).toBeDisabled();
  await expect(page.getByTestId("train")).toHaveText("Train");
  await page.screenshot({ path: "test-results/screenshots/lab-after-reset.png", fullPage: true });
  // build a new model: the old run's worker must not write into it
  await page.getByTestId("build").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 60_000 });
  await expect(page.getByTestId("lab-status")).toHaveText("Ready: step 0, loss —");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("stat-step")).toHaveText("1 / 2000", { timeout: 60_000 });
  await expect(page.getByTestId("lab-status")).toContainText(/^Paused: step 1, loss \d\.\d{3}$/);
  await expect(page.getByTestId("train-error")).toHaveCount(0);
  expect(errors).toEqual([]);
});

const simulate = (page: Page, fault: "crash" | "backendLost") =>
  page.evaluate((f) => (window as unknown as { gptDojoLab: { simulateFault(f: string): void } }).gptDojoLab.simulateFault(f), fault);
const openTrainingSettings = (page: Page) => page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));

/** Trains first names until a checkpoint is saved, pauses, reloads and resumes; returns the resumed step. */
async function trainReloadResume(page: Page): Promise<number> {
  await page.goto(`./?lang=en#/lab?${names}&lab.maxIters=2000&lab.autosaveEvery=10`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 150_000 });
  await page.getByTestId("train").click(); // pause: the pause checkpoint is the newest
  await expect(page.getByTestId("train")).toHaveText("Continue", { timeout: 60_000 });
  const paused = await stepOf(page);
  await expect(page.getByTestId("stat-saved")).toHaveText(String(paused), { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId("resume-offer")).toContainText(`step ${paused}`);
  await page.getByTestId("resume").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 60_000 });
  await expect(page.getByTestId("stat-step")).toHaveText(`${paused} / 2000`);
  return paused;
}

test("item 2: a crash right after Resume goes back to the resumed checkpoint, not to step 0", async ({ page }) => {
  test.setTimeout(300_000);
  const resumed = await trainReloadResume(page);
  await page.getByTestId("train").click();
  await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBeGreaterThan(resumed + 2);
  await simulate(page, "crash");
  const note = page.getByTestId("fault-note");
  await expect(note).toContainText("A new one took over from step", { timeout: 60_000 });
  const from = Number((await note.textContent())!.match(/from step (\d+)/)![1]);
  expect(from).toBeGreaterThanOrEqual(resumed);
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(from);
  await expect(page.getByTestId("stat-saved")).not.toHaveText("0");
});

test("item 3: a NaN right after Resume goes back to the resumed checkpoint", async ({ page }) => {
  test.setTimeout(300_000);
  const resumed = await trainReloadResume(page);
  await openTrainingSettings(page);
  await page.getByTestId("field-learningRate").fill("1e9");
  await page.getByTestId("train").click();
  const error = page.getByTestId("train-error");
  await expect(error).toContainText(`Training paused and the model went back to step ${resumed}.`, { timeout: 120_000 });
  await expect(page.getByTestId("stat-step")).toHaveText(`${resumed} / 2000`);
  await expect(page.getByTestId("stat-saved")).toHaveText(String(resumed));
  // a sane learning rate again: the error goes away and training continues from there
  await page.getByTestId("field-learningRate").fill("0.003");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("stat-step")).toHaveText(`${resumed + 1} / 2000`, { timeout: 60_000 });
  await expect(error).toHaveCount(0);
});

test("item 4: own text without a newline trains past its first sample, and the run is listed from its first step", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lab?lab.corpus=own&lab.maxIters=2000&lab.sampleEvery=5&lab.autosaveEvery=1000&lab.blockSize=16&lab.evalInterval=100");
  await page.getByTestId("own-text").fill("call me ishmael. some years ago, never mind how long precisely. ".repeat(30));
  await page.getByTestId("train").click();
  await expect(page.getByTestId("runs-table")).toContainText("own, char, 2×4×64, block 16", { timeout: 120_000 });
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(11); // past the samples at 5 and 10
  await expect(page.getByTestId("sample").first()).not.toBeEmpty();
  await expect(page.getByTestId("lab-status")).toContainText("Training:");
  await expect(page.getByTestId("train-error")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("item 5: Load during training is refused with the reason, and the run trains on", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en#/lab?${names}&lab.maxIters=2000&lab.autosaveEvery=1000`);
  await page.getByTestId("train").click();
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(2);
  await page.getByTestId("upload-checkpoint").setInputFiles({ name: "other.safetensors", mimeType: "application/octet-stream", buffer: Buffer.alloc(64) });
  await expect(page.getByTestId("lab-error")).toHaveText("other.safetensors was not loaded: this run is training. Pause it first (its checkpoint is saved when it pauses), then load the file.");
  const before = await stepOf(page);
  await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId("lab-status")).toContainText("Training:");
  await expect(page.getByTestId("train")).toHaveText("Pause");
  await page.screenshot({ path: "test-results/screenshots/lab-load-refused.png", fullPage: true });
});

test("item 6: a prompt with a character outside the vocabulary is a message beside the prompt; the run is untouched", async ({ page }) => {
  test.setTimeout(200_000);
  await page.goto(`./?lang=en#/lab?${names}&lab.maxIters=10&lab.autosaveEvery=1000`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("10 / 10", { timeout: 150_000 });
  await page.getByTestId("gen-prompt").fill("ahab🐳"); // first names: a–z, "-" and newline
  await page.getByTestId("gen-start").click();
  await expect(page.getByTestId("gen-error")).toHaveText('The prompt has characters this model never saw in training: "🐳". It knows only the 28 characters of its training text; remove the others.');
  await expect(page.getByTestId("lab-status")).toContainText("Done: step 10");
  await expect(page.getByTestId("train-error")).toHaveCount(0);
  await page.getByTestId("gen-prompt").fill("ahab");
  await page.getByTestId("gen-start").click();
  await expect(page.getByTestId("gen-output")).toHaveText(/^ahab[a-z\n-]+/, { timeout: 60_000 });
  await expect(page.getByTestId("gen-error")).toHaveCount(0);
});

/** A .safetensors file: the header JSON, then `dataBytes` zero bytes. */
function safetensors(metadata: Record<string, string>, dataBytes: number, size?: number): Buffer {
  let json = JSON.stringify({ __metadata__: metadata });
  if (size) json = json.padEnd(size - 8 - dataBytes, " ");
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([head, Buffer.from(json), Buffer.alloc(dataBytes)]);
}

test("item 7: sizes this device cannot hold, and hostile checkpoints, are refused before anything is built", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  // 24 layers × 2048 wide, 2048 tokens, batch 1024 (Moby-Dick, ~80 characters): modelSize's estimate is tens of TB
  await page.goto("./?lang=en#/lab?lab.preset=custom&lab.nLayer=24&lab.nHead=32&lab.nEmbd=2048&lab.blockSize=2048&lab.batchSize=1024");
  const { trainingBytesFor, vocabFor } = await import("../../src/lab/modelSize");
  const vocabSize = vocabFor({ tokenizer: "char", corpus: "moby-dick", bpeVocab: 512 })!.size;
  const gb = Math.round(trainingBytesFor({ vocabSize, blockSize: 2048, nLayer: 24, nHead: 32, nEmbd: 2048, bias: true }, 1024).total / 2 ** 30).toLocaleString("en-US");
  await expect(page.getByTestId("size-too-large")).toHaveText(new RegExp(`^About ${gb} GB to train: too large for this device`));
  await expect(page.getByTestId("train")).toBeDisabled();
  await expect(page.getByTestId("build")).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/lab-too-large.png", fullPage: true });
  // a value typed past the form's range is named, and blocks training
  await page.getByTestId("field-nLayer").fill("1000000000");
  await expect(page.locator("#nLayer-problem")).toHaveText("nLayer 1000000000 is above 24, the largest the lab builds.");
  await expect(page.getByTestId("size-line")).toHaveText("The sizes appear once the model fields above are valid.");
  await expect(page.getByTestId("train")).toBeDisabled();
  // a 256-byte checkpoint that claims a million layers is refused from its header, at once
  const config = (c: object) => JSON.stringify({ n_layer: 1, n_head: 1, n_embd: 4, block_size: 2, bias: true, vocab_size: 2, dropout: 0, ...c });
  await page.getByTestId("upload-checkpoint").setInputFiles({ name: "huge.safetensors", mimeType: "application/octet-stream", buffer: safetensors({ config: config({ n_layer: 1_000_000 }) }, 0, 256) });
  await expect(page.getByTestId("lab-error")).toHaveText("huge.safetensors: The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24. This file cannot be loaded here.");
  // a tokenizer pattern from a file is never compiled
  const tokenizer = JSON.stringify({ kind: "bpe-regex", pattern: "(a+)+$", merges: [] });
  await page.getByTestId("upload-checkpoint").setInputFiles({ name: "regex.safetensors", mimeType: "application/octet-stream", buffer: safetensors({ config: config({}), tokenizer }, 1000) });
  await expect(page.getByTestId("lab-error")).toContainText('regex.safetensors: The checkpoint\'s tokenizer uses its own split pattern "(a+)+$". The lab only runs GPT-4\'s and GPT-2\'s patterns');
  expect(errors).toEqual([]);
});

test("item 8: each tab keeps its own current run, and a run open in another tab is marked", async ({ context }) => {
  test.setTimeout(240_000);
  const a = await context.newPage();
  await a.goto(`./?lang=en#/lab?${names}&lab.maxIters=2000&lab.autosaveEvery=10`);
  await a.getByTestId("train").click();
  await expect(a.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 150_000 });
  const b = await context.newPage();
  await b.goto(`./?lang=en#/lab?${names}`);
  await expect(b.getByTestId("runs-table")).toContainText("Open in another tab");
  await expect(b.getByTestId("resume-offer")).toHaveCount(0); // tab B never had a run: nothing of A's to resume
  await b.reload();
  await expect(b.getByTestId("runs-table")).toContainText("Open in another tab");
  await expect(b.getByTestId("resume-offer")).toHaveCount(0);
  await expect(b.getByRole("button", { name: "Open", exact: true })).toBeDisabled();
  await expect(a.getByTestId("lab-status")).toContainText("Training:"); // A trains on
});

test("item 9: clear messages for a one-character text, a negative learning rate and bad link values", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("./?lang=en#/lab?lab.nLayer=0&lab.seed=abc&lab.corpus=own");
  await expect(page.getByTestId("url-notice")).toHaveText("This link had values the lab cannot use, so the defaults stand in: lab.nLayer=0 (nLayer is 1 to 24), lab.seed=abc (seed is 0 to 2147483647). The link is cleaned.");
  await expect(page).not.toHaveURL(/lab\.nLayer|lab\.seed/);
  await openTrainingSettings(page);
  await page.getByTestId("field-learningRate").fill("-1");
  await expect(page.locator("#learningRate-problem")).toHaveText("learningRate -1 is below 0.000001, the smallest the lab takes.");
  await expect(page.locator("#minLr-problem")).toHaveCount(0);
  await page.getByTestId("field-learningRate").fill("0.003");
  await page.getByTestId("own-text").fill("a".repeat(200));
  await page.getByTestId("train").click();
  await expect(page.getByTestId("train-error")).toHaveText('The text has only one distinct character ("a"): a model needs at least two to learn anything. Use a text with more variety.');
  await page.getByTestId("own-text").fill("   \n  ");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("lab-error")).toHaveText("The text is only whitespace. Paste some text, upload a .txt file, or pick a built-in corpus.");
  await expect(page.getByTestId("train-error")).toHaveCount(0); // one message, not two
});

test("screenshots: a too-large model and a refused checkpoint, on a phone in Japanese and on a projector in the dark", async ({ page }) => {
  const hostile = safetensors({ config: JSON.stringify({ n_layer: 1_000_000, n_head: 1, n_embd: 4, block_size: 2, bias: true, vocab_size: 2, dropout: 0 }) }, 0, 256);
  for (const [name, width, height, query] of [
    ["phone-ja", 390, 844, "lang=ja"],
    ["projector-dark", 1920, 1080, "lang=en&theme=dark"],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`./?${query}#/lab?lab.preset=custom&lab.nLayer=24&lab.nHead=32&lab.nEmbd=2048&lab.blockSize=2048&lab.batchSize=1024&lab.seed=abc`);
    await expect(page.getByTestId("size-too-large")).toBeVisible();
    await expect(page.getByTestId("url-notice")).toBeVisible();
    await page.getByTestId("upload-checkpoint").setInputFiles({ name: "huge.safetensors", mimeType: "application/octet-stream", buffer: hostile });
    await expect(page.getByTestId("lab-error")).toContainText("n_layer");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screenshots/lab-refusals-${name}.png`, fullPage: true });
  }
});

test("item 10: four crashes within 100 steps stop the restarts, and Continue goes on from the last checkpoint", async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto(`./?lang=en#/lab?${names}&lab.maxIters=2000&lab.autosaveEvery=5`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-saved")).toHaveText(/^\d+$/, { timeout: 150_000 });
  const note = page.getByTestId("fault-note");
  for (let i = 1; i <= 3; i++) {
    await simulate(page, "crash");
    await expect(note).toContainText("A new one took over", { timeout: 60_000 });
    await expect(page.getByTestId("lab-status")).toContainText("Training:", { timeout: 120_000 }); // the new worker trains
    await page.getByRole("button", { name: "Dismiss" }).click();
  }
  await simulate(page, "crash");
  await expect(note).toContainText(/^The training worker crashed 4 times within 100 steps \(.*\), so the lab stopped restarting it\. Your run is kept at step \d+, the last checkpoint: press Continue to try again/, { timeout: 60_000 });
  const kept = Number((await note.textContent())!.match(/kept at step (\d+)/)![1]);
  await expect(page.getByTestId("train")).toHaveText("Continue");
  await expect(page.getByTestId("step")).toBeDisabled();
  await page.getByTestId("train").click();
  await expect.poll(() => stepOf(page), { timeout: 120_000 }).toBeGreaterThan(kept);
  await expect(page.getByTestId("lab-status")).toContainText("Training:");
});
