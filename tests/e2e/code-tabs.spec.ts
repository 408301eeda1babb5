import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { watchErrors } from "./helpers";

// E2E_PORT=4315 E2E_DIST=dist-4315 npm run test:e2e -- tests/e2e/code-tabs.spec.ts
/** The code-tabs block that holds the given code (each lesson's blocks are told apart by what they show). */
const tabsWith = (page: Page, text: string) => page.locator(".code-tabs").filter({ hasText: text });

test("choosing PyTorch in one lesson shows PyTorch in another, after a reload; arrow keys move between tabs", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention");
  const attn = tabsWith(page, "splitHeads(q0, nh)");
  await expect(attn.getByRole("tab", { name: "TypeScript" })).toHaveAttribute("aria-selected", "true");
  await expect(attn.getByRole("tabpanel")).toContainText("tf.softmax(scores, -1)");
  await expect(attn.getByText("masked_fill(self.bias")).toBeHidden();

  await attn.getByRole("tab", { name: "PyTorch (nanoGPT)" }).click();
  await expect(attn.getByRole("tab", { name: "PyTorch (nanoGPT)" })).toHaveAttribute("aria-selected", "true");
  await expect(attn.getByRole("tabpanel")).toContainText("att.masked_fill(self.bias[:, :, :T, :T] == 0, float('-inf'))");
  await expect(attn.getByText("tf.softmax(scores, -1)")).toBeHidden();

  await page.goto("./?lang=en#/lessons/decoding");
  await page.reload();
  const gen = tabsWith(page, "const context = [...prompt];");
  await expect(gen.getByRole("tab", { name: "PyTorch (nanoGPT)" })).toHaveAttribute("aria-selected", "true");
  await expect(gen.getByRole("tabpanel")).toContainText("idx_next = torch.multinomial(probs, num_samples=1)");

  // keyboard (the ARIA tabs pattern): focus the selected tab, ← selects TypeScript and moves focus with it
  await gen.getByRole("tab", { name: "PyTorch (nanoGPT)" }).focus();
  await page.keyboard.press("ArrowLeft");
  const ts = gen.getByRole("tab", { name: "TypeScript" });
  await expect(ts).toHaveAttribute("aria-selected", "true");
  await expect(ts).toBeFocused();
  await expect(gen.getByRole("tabpanel")).toContainText("pickToken(logits, { temperature, topK, topP }, rng)");
  await page.keyboard.press("End");
  await expect(gen.getByRole("tab", { name: "PyTorch (nanoGPT)" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(ts).toBeFocused();
  // only the selected tab is in the Tab order
  await expect(ts).toHaveAttribute("tabindex", "0");
  await expect(gen.getByRole("tab", { name: "PyTorch (nanoGPT)" })).toHaveAttribute("tabindex", "-1");

  // every block on a page follows the one choice: TypeScript now in lesson 2 as well
  await page.goto("./?lang=en#/lessons/autograd");
  const grads = tabsWith(page, "tf.grads(f)");
  await expect(grads.getByRole("tab", { name: "TypeScript" })).toHaveAttribute("aria-selected", "true");
  await grads.getByRole("tab", { name: "PyTorch" }).click();
  for (const text of ["Mul.apply(x, x).backward()", "ctx.save_for_backward(t)", "L.backward()"])
    await expect(page.locator('.code-tabs [role="tabpanel"]:visible').filter({ hasText: text })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("code tabs at desktop, phone and projector sizes, light and dark, English and Japanese (screenshots)", async ({ page }) => {
  test.setTimeout(300_000); // four loads of a lesson with widgets, on a shared 2-core machine
  const errors = watchErrors(page);
  const shots: [string, { width: number; height: number }, string][] = [
    ["desktop-light", { width: 1280, height: 800 }, "?lang=en"],
    ["phone-dark", { width: 390, height: 844 }, "?lang=en&theme=dark"],
    ["projector-light", { width: 1920, height: 1080 }, "?lang=en"],
    ["phone-ja", { width: 390, height: 844 }, "?lang=ja"],
  ];
  for (const [tag, size, query] of shots) {
    await page.setViewportSize(size);
    await page.goto(`./${query}#/lessons/attention`);
    const attn = tabsWith(page, "splitHeads(q0, nh)");
    await attn.getByRole("tab", { name: "PyTorch (nanoGPT)" }).click();
    await attn.scrollIntoViewIfNeeded();
    // the block never widens the page: long lines scroll inside the code box
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await attn.screenshot({ path: `test-results/screenshots/code-tabs-${tag}.png` });
  }
  const label = await tabsWith(page, "splitHeads(q0, nh)").getByRole("tablist").getAttribute("aria-label");
  expect(label).toBe("コードの言語");
  expect(errors).toEqual([]);
});

// ---- the lessons' own code exercises, run in the page's workers (the Vitest lint runs them in Node) ----------

/** One fence (starter, solution) of a code exercise, read from the lesson's Markdown. */
function fenceOf(lesson: string, id: string, role: "starter" | "solution"): string {
  const src = readFileSync(join(process.cwd(), "lessons", lesson, "en.md"), "utf8") // Playwright runs from the repository root;
  const block = new RegExp(`^::::code-exercise\\{id=${id} [^}]*\\}\\n([\\s\\S]*?)^::::$`, "m").exec(src)?.[1];
  const code = block && new RegExp("^```\\w+ " + role + "\\n([\\s\\S]*?)\\n```$", "m").exec(block)?.[1];
  if (!code) throw new Error(`lessons/${lesson}/en.md has no ${role} fence in code exercise "${id}".`);
  return code;
}

async function runWith(page: Page, id: string, code?: string) {
  const ex = page.getByTestId(`exercise-${id}`);
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1", { timeout: 60_000 });
  if (code !== undefined) {
    await ex.getByTestId("code-input").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(code);
  }
  await ex.getByTestId("code-run").click();
  return ex;
}

test("lesson 1: splitHeads' starter has the right shape and the wrong numbers, and the page says where; the solution passes", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tensors/split-heads");
  let ex = await runWith(page, "split-heads");
  // the starter's reshape without a transpose: only the round trip (which undoes its own mistake) passes
  await expect(ex.getByTestId("code-summary")).toHaveText("1 of 4 tests pass", { timeout: 60_000 });
  const first = ex.getByTestId("code-test").nth(0);
  await expect(first).toContainText("✗ 2 heads of 3 tokens");
  // heads[0, 0, 1] should be token 1's first two channels (4, 5); the starter reads (2, 3)
  await expect(first.getByTestId("code-why")).toContainText("[0, 0, 1, 0]");
  await first.screenshot({ path: "test-results/screenshots/code-exercise-split-heads-starter.png" });
  ex = await runWith(page, "split-heads", fenceOf("01-tensors", "split-heads", "solution"));
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 4 tests pass. Solved!", { timeout: 60_000 });
  expect(errors).toEqual([]);
});

test("lesson 2 in Python and lesson 6 on the pretrained model: the lessons' solutions pass in the page", async ({ page }) => {
  test.setTimeout(300_000); // Pyodide's first start, then the TF.js worker and the model
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/autograd/micrograd-backward");
  let ex = await runWith(page, "micrograd-backward");
  await expect(ex.getByTestId("code-summary")).toHaveText("0 of 3 tests pass", { timeout: 120_000 });
  ex = await runWith(page, "micrograd-backward", fenceOf("02-autograd", "micrograd-backward", "solution"));
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 3 tests pass. Solved!", { timeout: 60_000 });

  await page.goto("./?lang=en#/lessons/attention/attention-head-model");
  ex = await runWith(page, "attention-head-model", fenceOf("06-attention", "attention-head-model", "solution"));
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 3 tests pass. Solved!", { timeout: 60_000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await ex.screenshot({ path: "test-results/screenshots/code-exercise-attention-head-phone.png" });
  expect(errors).toEqual([]);
});
