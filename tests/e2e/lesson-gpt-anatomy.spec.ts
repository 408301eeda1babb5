import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { watchErrors } from "./helpers";

/**
 * The GPT anatomy view in Chromium on the pretrained model. Shapes are checked against the model card that
 * scripts/pretrain.ts wrote (public/models/moby-char.json); the next-character reading is the one
 * tests/widgets/gpt-anatomy.test.ts computes in Node (a space 0.2505, then "y").
 */
const card = JSON.parse(readFileSync("public/models/moby-char.json", "utf8")) as {
  parameters: number;
  model: { vocabSize: number; nLayer: number; nHead: number; nEmbd: number; blockSize: number };
};
const { vocabSize: V, nHead, nEmbd: C, nLayer } = card.model;
const PAGE = process.env.E2E_ANATOMY_PAGE ?? `#/preview?src=${encodeURIComponent("::gpt-anatomy{id=anat}")}`;

async function open(page: Page, query = "") {
  await page.goto(`./${query}${PAGE}`);
  await expect(page.getByTestId("ga-config")).toBeVisible({ timeout: 60_000 });
}

test("every stage shows the shape the config gives, and the logits' top choice matches Node's", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await expect(page.getByTestId("ga-config")).toContainText(`${nLayer} blocks × ${nHead} heads, C = ${C}, vocabulary ${V}`);
  await expect(page.getByTestId("ga-config")).toContainText(card.parameters.toLocaleString("en-US"));
  const T = "Call me Ishmael".length;
  const shape = (key: string) => page.getByTestId(`ga-stage-${key}`).getAttribute("data-shape");
  expect(await shape("idx")).toBe(`(1, ${T})`);
  expect(await shape("wpe")).toBe(`(${T}, ${C})`);
  expect(await shape("h.*.attn")).toBe(`(1, ${nHead}, ${T}, ${T})`);
  expect(await shape("h.*.mlp_hidden")).toBe(`(1, ${T}, ${4 * C})`);
  expect(await shape("logits")).toBe(`(1, ${T}, ${V})`);
  // the default stage is the logits: the next character after the last position
  const first = page.getByTestId("ga-next").locator("li").first();
  await expect(first).toHaveAttribute("data-token", "␣"); // a space, made visible
  expect(Number(await first.getAttribute("data-p"))).toBeCloseTo(0.2505, 4);
  expect(await page.getByTestId("ga-next").locator("li").nth(1).getAttribute("data-token")).toBe("y");

  // pick block 2's first LayerNorm; the detail shows that stage's real tensor
  await page.getByTestId("ga-layer").selectOption("2");
  await page.getByTestId("ga-stage-h.*.ln_1").click();
  await expect(page.getByTestId("ga-detail")).toHaveAttribute("data-stage", "h.2.ln_1");
  await expect(page.getByTestId("ga-detail")).toHaveAttribute("data-shape", `(1, ${T}, ${C})`);
  // keyboard: ↓ moves to the attention weights of the same block
  await page.getByTestId("ga-stage-h.*.ln_1").press("ArrowDown");
  await expect(page.getByTestId("ga-detail")).toHaveAttribute("data-stage", "h.2.attn");
  await expect(page.getByTestId("ga-stage-h.*.attn")).toBeFocused();
  // a shorter prompt changes every shape
  await page.getByTestId("ga-text").fill("whale");
  await expect(page.getByTestId("ga-detail")).toHaveAttribute("data-shape", `(1, ${nHead}, 5, 5)`);
  // a character the model never saw is a message, not a crash
  await page.getByTestId("ga-text").fill("whale 🐳");
  await expect(page.getByTestId("ga-error")).toBeVisible();
  await page.getByTestId("ga-reset").click();
  await expect(page.getByTestId("ga-detail")).toHaveAttribute("data-stage", "logits");
  expect(errors).toEqual([]);
});

for (const [name, viewport, query] of [
  ["desktop-light-en", { width: 1280, height: 900 }, ""],
  ["projector-dark-en", { width: 1920, height: 1080 }, "?theme=dark"],
  ["phone-light-ja", { width: 390, height: 844 }, "?lang=ja"],
  ["phone-dark-en", { width: 390, height: 844 }, "?theme=dark"],
] as const) {
  test(`anatomy fits and reads at ${name}`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize(viewport);
    await open(page, query);
    await page.getByTestId("ga-stage-h.*.attn").click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId("gpt-anatomy").screenshot({ path: `test-results/screenshots/gpt-anatomy-${name}.png` });
    expect(errors).toEqual([]);
  });
}

test("reachable from the lab: a trained run's link opens the anatomy of that model (its own vocabulary and shapes)", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("./?lang=en&backend=wasm#/lab?lab.corpus=first-names&lab.maxIters=10&lab.evalInterval=5&lab.sampleEvery=5&lab.autosaveEvery=5");
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("10 / 10", { timeout: 200_000 });
  await page.getByTestId("anatomy-link").click();
  await expect(page.getByTestId("ga-config")).toBeVisible({ timeout: 60_000 });
  // first names: a–z, "-" and newline = 28 characters (src/lab/modelSize.ts, recomputed from the corpus in Vitest)
  await expect(page.getByTestId("ga-config")).toContainText("vocabulary 28");
  // "Call me Ishmael" has a capital and spaces a names model never saw: it reads "callmeishmael" instead, and says so
  await expect(page.getByTestId("ga-adapted")).toContainText("callmeishmael");
  expect(await page.getByTestId("ga-stage-logits").getAttribute("data-shape")).toBe(`(1, ${"callmeishmael".length}, 28)`);
  expect(errors).toEqual([]);
});
