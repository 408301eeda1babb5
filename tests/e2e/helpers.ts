import { expect, type Page } from "@playwright/test";

/** Collects console errors and uncaught exceptions; a route test asserts the list is empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export const lessonSlugs = ["tensors", "autograd", "bigram", "tokenization", "embeddings", "attention", "gpt", "pretraining", "decoding"];

/**
 * Types a wrong answer into a numeric exercise (the page says "Not yet"), then the right one (✓ Correct!).
 * The right answers are the ones the Vitest exercise tests compute.
 */
export async function solveNumeric(page: Page, id: string, wrong: string, right: string): Promise<void> {
  const ex = page.getByTestId(`exercise-${id}`);
  await ex.getByTestId("ex-input").fill(wrong);
  await ex.getByTestId("ex-input").press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toContainText("Not yet");
  await ex.getByTestId("ex-input").fill(right);
  await ex.getByTestId("ex-input").press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
}
