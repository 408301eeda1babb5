import { test, expect, type Page } from "@playwright/test";
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
