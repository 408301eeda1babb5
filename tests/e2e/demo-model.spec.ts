import { test, expect } from "@playwright/test";
import { watchErrors } from "./helpers";

// Issue #6: lesson widgets show the pretrained model, and switch to the learner's own lab model when one exists.
test("a model trained in the lab appears in a lesson widget's model picker and drives it", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  // a first-names model: its characters are a–z, "-" and the newline, so "T" is not in its vocabulary
  await page.goto("./?lang=en#/lab?lab.corpus=first-names&lab.maxIters=20&lab.evalInterval=10&lab.sampleEvery=1000&lab.autosaveEvery=10");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("20 / 20", { timeout: 150_000 });
  await expect(page.getByTestId("stat-saved")).toHaveText("20");

  await page.goto("./?lang=en#/lessons/decoding?spm.prompt=The%20whale");
  const panel = page.locator('[data-testid=sampling-panel][data-id=spm]');
  await panel.scrollIntoViewIfNeeded();
  const picker = panel.getByTestId("sp-model");
  await expect(picker.locator("option").first()).toHaveText(/^Pretrained: Moby-Dick, characters \(val loss 1\.88\)$/);
  await expect(panel.getByTestId("sp-bars")).toBeVisible({ timeout: 60_000 }); // the pretrained model knows "T"
  await expect(picker.locator("option")).toHaveCount(2);
  const labOption = picker.locator("option").nth(1);
  await expect(labOption).toHaveText("Your lab model (first-names, step 20)");
  await picker.selectOption({ index: 1 });
  await expect(panel.getByTestId("sp-error")).toContainText('"T"', { timeout: 60_000 }); // the names model has no capital T
  await panel.getByTestId("sp-prompt").fill("ann");
  await expect(panel.getByTestId("sp-bars")).toBeVisible({ timeout: 60_000 });
  // the 16 most probable next characters, all from the names model's vocabulary (lowercase letters, "-", "⏎", …)
  const rows = panel.locator('[data-testid^="sp-row-"]');
  await expect(rows).toHaveCount(16);
  const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice("sp-row-".length)));
  expect(labels.filter((l) => /[A-Z.,;!?]/.test(l))).toEqual([]); // capitals and punctuation exist only in Moby-Dick
  expect(await countNamesVocab(page)).toBeLessThan(40);
  expect(errors).toEqual([]);
});

/** The first-names corpus's distinct characters, as the lab's character tokenizer sees them. */
async function countNamesVocab(page: import("@playwright/test").Page): Promise<number> {
  return page.evaluate(async () => new Set(await (await fetch("corpora/first-names.txt")).text()).size);
}
