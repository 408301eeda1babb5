import type { Page } from "@playwright/test";

/** Collects console errors and uncaught exceptions; a route test asserts the list is empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export const lessonSlugs = ["tensors", "autograd", "tokenization", "attention", "pretraining", "decoding"];
