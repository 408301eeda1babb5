import { test, expect, type Page } from "@playwright/test";
import { watchErrors, solveNumeric } from "./helpers";

// By URL-state id: the widgets load lazily and may mount in any order.
const matrix = (page: Page, id: string) => page.locator(`[data-testid="attention-matrix"][data-id="${id}"]`);
const scaling = (page: Page) => page.locator('[data-testid="scaling-histogram"][data-id="scaling"]');
const kv = (page: Page) => page.locator('[data-testid="kv-heads"][data-id="kvh"]');
const LOAD = { timeout: 60_000 }; // the pretrained model and TF.js load on first use
// From tests/widgets/attention-matrix-model.test.ts on the shipped weights (public/models/moby-char.safetensors):
// for "Call me Ishmael.", layer 1, head 2, the query "I" (#8) gives its largest weight, 0.2105, to the "e" of "me" (#6).
const E2E_TOP_KEY = "6";
const E2E_TOP_W = "0.2105";

test("AttentionMatrix on rasbt's toy: journey's weights, the causal mask, √d_k, keyboard rows, URL state and Reset", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention");
  const w = matrix(page, "toy");
  await expect(w.getByTestId("am-shape")).toContainText("(B, h, L, L) = (1, 1, 6, 6) · dₖ = 3");
  // the query "journey" (row 1) by default: rasbt's weights [0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581]
  const bars = w.getByTestId("am-bars").locator("li");
  await expect(w.getByTestId("am-row-weights")).toHaveAttribute("data-query", "1");
  for (const [j, x] of ["0.1385", "0.2379", "0.2333", "0.1240", "0.1082", "0.1581"].entries()) await expect(bars.nth(j)).toHaveAttribute("data-w", x);
  await expect(w.getByTestId("am-context")).toContainText("[0.4419, 0.6515, 0.5683]");
  await w.getByTestId("am-stage-scores").check();
  await expect(w.getByTestId("am-cell-1-0")).toHaveAttribute("data-value", "0.954400");
  // causal: the upper triangle becomes −∞, journey keeps [0.368, 0.632]
  await w.getByTestId("am-causal").check();
  await w.getByTestId("am-stage-masked").check();
  await expect(w.getByTestId("am-cell-1-2")).toHaveAttribute("data-value", "-Infinity");
  await expect(w.getByTestId("am-cell-1-2")).toHaveText("−∞");
  await w.getByTestId("am-stage-weights").check();
  await expect(bars.nth(0)).toHaveAttribute("data-w", "0.3680");
  await expect(bars.nth(1)).toHaveAttribute("data-w", "0.6320");
  await expect(w.getByTestId("am-context")).toContainText("[0.5058, 0.6050, 0.7447]");
  // keyboard: ↓ moves the query to "starts"; the first row can only see itself
  await w.getByTestId("am-row-1").focus();
  await page.keyboard.press("ArrowDown");
  await expect(w.getByTestId("am-row-2")).toBeFocused();
  await expect(w.getByTestId("am-row-weights")).toHaveAttribute("data-query", "2");
  await page.keyboard.press("Home");
  await expect(bars.nth(0)).toHaveAttribute("data-w", "1.0000");
  // divide by √3: journey's largest weight 0.2379 → 0.2070 (causal off)
  await w.getByTestId("am-causal").uncheck();
  await w.getByTestId("am-scale").check();
  await w.getByTestId("am-row-1").click();
  await expect(bars.nth(1)).toHaveAttribute("data-w", "0.2070");
  // the state is in the URL; Reset
  await page.reload();
  await expect(matrix(page, "toy").getByTestId("am-bars").locator("li").nth(1)).toHaveAttribute("data-w", "0.2070");
  await matrix(page, "toy").getByTestId("am-reset").click();
  await expect(matrix(page, "toy").getByTestId("am-bars").locator("li").nth(1)).toHaveAttribute("data-w", "0.2379");
  expect(errors).toEqual([]);
});

test("AttentionMatrix on the pretrained model: typed text, layer and head, a weight Node computed, the causal toggle, the crop message", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention");
  const w = matrix(page, "model");
  await w.getByTestId("am-text").fill("Call me Ishmael.");
  await expect(w.getByTestId("am-layer")).toBeVisible(LOAD);
  await w.getByTestId("am-layer").selectOption("1");
  await w.getByTestId("am-head").selectOption("2");
  await expect(w.getByTestId("am-shape")).toContainText("(B, h, L, L) = (1, 4, 16, 16) · dₖ = 16");
  // the weights are recomputed from ln_1_out and c_attn and agree with the model's own attn_probs
  await expect(w.getByTestId("am-check")).toContainText("match the model's own attn_probs");
  expect(Number(await w.getByTestId("am-check").getAttribute("data-diff"))).toBeLessThan(1e-5);
  // query "I" (position 8): its largest weight, as tests/widgets/attention-matrix-model.test.ts computes in Node
  await w.getByTestId("am-row-8").focus();
  await expect(w.getByTestId("am-row-weights")).toHaveAttribute("data-query", "8");
  const top = w.getByTestId("am-top").locator("li").first();
  await expect(top).toHaveAttribute("data-key", E2E_TOP_KEY);
  await expect(top).toHaveAttribute("data-w", E2E_TOP_W);
  // causal off: the upper triangle gets weight; on again: exactly 0
  await expect(w.getByTestId("am-cell-8-12")).toHaveAttribute("data-value", "0.000000");
  await w.getByTestId("am-causal").uncheck();
  await expect(w.getByTestId("am-cell-8-12")).not.toHaveAttribute("data-value", "0.000000");
  await expect(w.getByTestId("am-check")).toContainText("not what the model computes");
  await w.getByTestId("am-causal").check();
  await expect(w.getByTestId("am-cell-8-12")).toHaveAttribute("data-value", "0.000000");
  // more than blockSize characters: the last 64 are kept, with a message
  await w.getByTestId("am-text").fill("a".repeat(70));
  await expect(w.getByTestId("am-crop")).toContainText("Kept the last 64 of 70 tokens");
  await expect(w.getByTestId("am-shape")).toContainText("(1, 4, 64, 64)");
  await w.getByTestId("am-text").fill("the cat 猫");
  await expect(w.getByTestId("am-error")).toContainText('Character "猫" (U+732B) at position 8 is not in this character vocabulary');
  expect(errors).toEqual([]);
});

test("ScalingHistogram: the measured variance follows d_k (seed 1: 65.32 at 64, 509.47 at 512), scaled stays near 1", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention");
  const w = scaling(page);
  await expect(w.getByTestId("sh-dk")).toHaveText("64");
  await expect(w.getByTestId("sh-var-raw")).toHaveText("65.32");
  await expect(w.getByTestId("sh-var-scaled")).toHaveText("1.021");
  await w.getByTestId("sh-dk-slider").fill("9");
  await expect(w.getByTestId("sh-dk")).toHaveText("512");
  await expect(w.getByTestId("sh-var-raw")).toHaveText("509.47");
  await expect(w.getByTestId("sh-var-scaled")).toHaveText("0.995");
  await expect(w.getByTestId("sh-row-unscaled")).toHaveAttribute("data-max", "1.0000");
  await expect(w.getByTestId("sh-row-scaled")).toHaveAttribute("data-max", "0.3957");
  await w.getByTestId("sh-dk-slider").focus();
  await page.keyboard.press("Home");
  await expect(w.getByTestId("sh-dk")).toHaveText("1");
  await expect(w.getByTestId("sh-var-raw")).toHaveText("1.09");
  await w.getByTestId("sh-reset").click();
  await expect(w.getByTestId("sh-var-raw")).toHaveText("65.32");
  expect(errors).toEqual([]);
});

test("KVHeads: 17.18 GB with 32 KV heads, 4.29 GB with 8 (GQA), MQA; the GPT-2 preset is 37.75 MB; bad input is named", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention");
  const w = kv(page);
  await expect(w.getByTestId("kv-bytes")).toHaveText("17.18 GB");
  await expect(w.getByTestId("kv-kind")).toHaveText("MHA");
  await w.getByTestId("kv-slider").fill("2"); // divisors of 32: 32, 16, 8, …
  await expect(w.getByTestId("kv-nkv")).toHaveText("8");
  await expect(w.getByTestId("kv-bytes")).toHaveText("4.29 GB");
  await expect(w.getByTestId("kv-kind")).toHaveText("GQA");
  await expect(w.locator('.kv-q[data-kv="1"]')).toHaveCount(4); // heads 4–7 share K/V head 1
  await w.getByTestId("kv-slider").focus();
  await page.keyboard.press("End");
  await expect(w.getByTestId("kv-kind")).toHaveText("MQA");
  await expect(w.getByTestId("kv-bytes")).toHaveText("536.87 MB");
  await w.getByTestId("kv-preset").selectOption("gpt2");
  await expect(w.getByTestId("kv-bytes")).toHaveText("37.75 MB");
  await w.getByTestId("kv-dModel").fill("770");
  await expect(w.getByTestId("kv-error")).toHaveText("d_model 770 must be divisible by the number of heads 12 (d_head = d_model / n_h).");
  await w.getByTestId("kv-reset").click();
  await expect(w.getByTestId("kv-bytes")).toHaveText("17.18 GB");
  expect(errors).toEqual([]);
});

test("the lesson's exercises accept the answers the tests compute", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/attention/kv-gqa");
  const numeric = (id: string, wrong: string, right: string) => solveNumeric(page, id, wrong, right);
  await numeric("kv-gqa", "17.18", "4.29");
  await numeric("causal-your", "0.632", "0.368");
  await numeric("toy-weight-self", "0.1385", "0.2379");
  const ex = page.getByTestId("exercise-gqa-what-shrinks");
  await ex.getByLabel("The KV cache, and the parameters of the K and V projections").check();
  await ex.getByTestId("ex-check").click();
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  expect(errors).toEqual([]);
});

test("the lesson renders its math and widgets with no console errors; screenshots light, dark and at 390 px", async ({ page }) => {
  const errors = watchErrors(page);
  for (const [theme, width] of [["light", 1280], ["dark", 1280], ["light", 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`./?lang=en&theme=${theme}#/lessons/attention`);
    await page.addStyleTag({ content: ".app-header { position: static; }" });
    await expect(page.locator("h1")).toHaveText("Attention: how tokens look at each other");
    await expect(matrix(page, "model").getByTestId("am-check")).toBeVisible(LOAD);
    await expect(page.locator(".katex-error")).toHaveCount(0);
    const tag = `${theme}-${width}`;
    await matrix(page, "toy").screenshot({ path: `test-results/screenshots/attention-toy-${tag}.png` });
    await matrix(page, "model").getByTestId("am-row-10").click();
    await matrix(page, "model").screenshot({ path: `test-results/screenshots/attention-model-${tag}.png` });
    await scaling(page).screenshot({ path: `test-results/screenshots/attention-scaling-${tag}.png` });
    await kv(page).getByTestId("kv-slider").fill("2");
    await kv(page).screenshot({ path: `test-results/screenshots/attention-kv-${tag}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("./?lang=en#/lessons/attention");
  await expect(matrix(page, "model").getByTestId("am-check")).toBeVisible(LOAD);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, k = 0; y < height; y += 1600, k++)
    await page.screenshot({ path: `test-results/screenshots/lesson-attention-light-part${k}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1600, height - y) } });
  await page.goto("./?lang=ja#/lessons/attention");
  await expect(kv(page).getByTestId("kv-bytes")).toHaveText("17.18 GB");
  await kv(page).screenshot({ path: "test-results/screenshots/attention-kv-ja.png" });
  expect(errors).toEqual([]);
});
