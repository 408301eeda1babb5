import { test, expect, type Page } from "@playwright/test";
import { watchErrors, solveNumeric } from "./helpers";

const stepper = (page: Page) => page.locator('[data-testid="bpe-stepper"][data-id="bpe"]');
const compare = (page: Page) => page.getByTestId("tokenizer-compare");
// The rank tables and Moby-Dick load lazily; o200k's is the largest.
const LOAD = { timeout: 60_000 };

test("BPEStepper: three merges on aaabdaaabac give [258, 100, 258, 97, 99], with the tie at merge 2; undo and reset", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tokenization");
  const w = stepper(page);
  await expect(w.getByTestId("bpe-ids")).toHaveText("[97, 97, 97, 98, 100, 97, 97, 97, 98, 97, 99]");
  await w.getByTestId("bpe-next").click();
  await expect(w.getByTestId("bpe-ids")).toHaveText("[256, 97, 98, 100, 256, 97, 98, 97, 99]");
  await expect(w.getByTestId("bpe-explain")).toContainText("(97, 97) is counted 4×");
  // Before merge 2 the table shows the tie: (256, 97) and (97, 98), both ×2; (256, 97), seen first, is next.
  await expect(w.getByTestId("bpe-tie")).toContainText("2 pairs share the top count (2)");
  const tied = w.locator('[data-testid="bpe-pairs"] tr[data-tie="true"]');
  await expect(tied).toHaveCount(2);
  await expect(tied.nth(0)).toHaveAttribute("data-pair", "256,97");
  await expect(tied.nth(1)).toHaveAttribute("data-pair", "97,98");
  await expect(w.locator('[data-testid="bpe-pairs"] tr[data-winner="true"]')).toHaveAttribute("data-pair", "256,97");
  // the → key steps when focus is on the sequence
  await w.getByTestId("bpe-seq").focus();
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("bpe-tie-note")).toContainText("(97, 98) had the same count (2). (256, 97) won because it is seen first");
  await expect(w.getByTestId("bpe-ids")).toHaveText("[257, 98, 100, 257, 98, 97, 99]");
  await w.getByTestId("bpe-next").click();
  await expect(w.getByTestId("bpe-ids")).toHaveText("[258, 100, 258, 97, 99]");
  await expect(w.getByTestId("bpe-status")).toContainText("Merges: 3 · vocabulary: 259 ids · 11 bytes are now 5 tokens");
  await expect(w.locator('[data-testid="bpe-vocab"] tr[data-id="258"]')).toContainText("aaab");
  await expect(w.getByTestId("bpe-plot")).toHaveAttribute("data-ratio", String(11 / 5));

  // Undo (button and ← key) goes back one merge at a time
  await w.getByTestId("bpe-undo").click();
  await expect(w.getByTestId("bpe-ids")).toHaveText("[257, 98, 100, 257, 98, 97, 99]");
  await w.getByTestId("bpe-seq").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(w.getByTestId("bpe-ids")).toHaveText("[256, 97, 98, 100, 256, 97, 98, 97, 99]");

  // The state is in the URL; Run to N; Reset
  await w.getByTestId("bpe-target").fill("3");
  await w.getByTestId("bpe-run").click();
  await expect(w.getByTestId("bpe-ids")).toHaveText("[258, 100, 258, 97, 99]");
  await page.reload();
  await expect(stepper(page).getByTestId("bpe-ids")).toHaveText("[258, 100, 258, 97, 99]");
  await stepper(page).getByTestId("bpe-reset").click();
  await expect(stepper(page).getByTestId("bpe-ids")).toHaveText("[97, 97, 97, 98, 100, 97, 97, 97, 98, 97, 99]");
  expect(errors).toEqual([]);
});

test("BPEStepper: the smallest-pair tie rule takes (97, 98) at merge 2; the Hugging Face corpus merges (p, un) fourth", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tokenization");
  const w = stepper(page);
  await w.getByTestId("bpe-tie-rule").selectOption("lex");
  await w.getByTestId("bpe-target").fill("2");
  await w.getByTestId("bpe-run").click();
  await expect(w.getByTestId("bpe-ids")).toHaveText("[256, 257, 100, 256, 257, 97, 99]");
  await w.getByTestId("bpe-tie-rule").selectOption("first");
  await w.getByTestId("bpe-preset").selectOption("hf");
  await w.getByTestId("bpe-target").fill("4");
  await w.getByTestId("bpe-run").click();
  await expect(w.getByTestId("bpe-explain")).toContainText("Merge 4: the pair (112, 257) is counted 12×");
  await expect(w.locator('[data-testid="bpe-vocab"] tr[data-id="259"]')).toContainText("pun");
});

test("TokenizerCompare: GPT-2 gives 31373, 995 for hello world; Japanese never shows �", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tokenization");
  const w = compare(page);
  // Japanese by default: every tokenizer's chips spell the sentence, with no replacement character
  for (const kind of ["gpt2", "cl100k", "o200k", "ours"]) {
    await expect(w.getByTestId(`tc-chips-${kind}`)).toBeVisible(LOAD);
    await expect(w.getByTestId(`tc-chips-${kind}`)).toHaveText("吾輩は猫である。名前はまだ無い。");
  }
  for (const kind of ["gpt2", "cl100k", "o200k", "ours"]) await expect(w.getByTestId(`tc-row-${kind}`)).not.toContainText("\uFFFD");
  // token counts per language (js-tiktoken: 24 / 21 / 14 in Japanese, 12 each in English); our Moby-Dick BPE: 3 per character
  for (const [kind, ja, en] of [["gpt2", 24, 12], ["cl100k", 21, 12], ["o200k", 14, 12], ["ours", 48, null]] as const) {
    await expect(w.getByTestId(`tc-count-${kind}-ja`)).toHaveAttribute("data-tokens", String(ja));
    if (en !== null) await expect(w.getByTestId(`tc-count-${kind}-en`)).toHaveAttribute("data-tokens", String(en));
  }
  // js-tiktoken: GPT-2 spells 吾 as [28938, 122] and 輩 as [164, 120, 102]; each group is one chip
  const multi = w.getByTestId("tc-chips-gpt2").locator(".tc-chip.multi");
  await expect(multi.nth(0)).toHaveText("吾");
  await expect(multi.nth(0)).toHaveAttribute("data-ids", "28938,122");
  await expect(multi.nth(1)).toHaveText("輩");
  await expect(multi.nth(1)).toHaveAttribute("data-ids", "164,120,102");

  await w.getByTestId("tc-lang-own").check();
  await w.getByTestId("tc-text").fill("hello world");
  await w.getByTestId("tc-ids").check();
  await expect(w.getByTestId("tc-row-gpt2")).toHaveAttribute("data-ids", "31373,995");
  await expect(w.getByTestId("tc-chips-gpt2").locator(".tc-chip-id")).toHaveText(["31373", "995"]);
  await expect(w.getByTestId("tc-row-cl100k")).toHaveAttribute("data-ids", "15339,1917");
  await expect(w.getByTestId("tc-row-o200k")).toHaveAttribute("data-ids", "24912,2375");
  // state in the URL, then Reset
  await page.reload();
  await expect(compare(page).getByTestId("tc-row-gpt2")).toHaveAttribute("data-ids", "31373,995", LOAD);
  await compare(page).getByTestId("tc-reset").click();
  await expect(compare(page).getByTestId("tc-chips-gpt2")).toHaveText("吾輩は猫である。名前はまだ無い。");
  expect(errors).toEqual([]);
});

test("the rank tables load only on the lesson that uses them", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto("./?lang=en#/lessons/autograd");
  await expect(page.locator("h1")).toHaveText("Autograd: the chain rule on a graph");
  await page.waitForLoadState("networkidle");
  expect(requested.filter((u) => u.includes("moby-dick"))).toEqual([]);
  const before = requested.length;
  await page.goto("./?lang=en#/lessons/tokenization");
  await expect(compare(page).getByTestId("tc-chips-ours")).toBeVisible(LOAD);
  expect(requested.slice(before).filter((u) => u.includes("moby-dick"))).toHaveLength(1);
});

test("the lesson's exercises accept the answers the tests compute", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tokenization/utf8-first-byte");
  const numeric = (id: string, wrong: string, right: string) => solveNumeric(page, id, wrong, right);
  await numeric("utf8-first-byte", "0xe3", "227");
  await numeric("utf8-sentence-bytes", "8", "24");
  await numeric("gpt2-largest-id", "50257", "50,256");
  await numeric("ja-context-chars", "2900", "780");
  const choice = async (id: string, label: string) => {
    const ex = page.getByTestId(`exercise-${id}`);
    await ex.getByLabel(label).check();
    await ex.getByTestId("ex-check").click();
    await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  };
  await choice("bpe-three-merges", "[258, 100, 258, 97, 99]");
  await choice("bpe-tie", '(256, 97), "aa" + "a"');
  await choice("hf-next-merge", "p + un, 12 times");
  const predict = page.getByTestId("exercise-o200k-predict");
  await predict.getByTestId("ex-input").fill("18");
  await predict.getByTestId("ex-check").click();
  await expect(predict).toContainText("14 tokens, against 21 for cl100k");
  expect(errors).toEqual([]);
});

for (const theme of ["light", "dark"] as const) {
  for (const [device, width] of [["desktop", 1280], ["phone", 375]] as const) {
    test(`screenshots of both widgets, ${theme}, ${device}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`./?lang=en&theme=${theme}#/lessons/tokenization`);
      await page.addStyleTag({ content: ".app-header { position: static; }" });
      const w = stepper(page);
      await w.getByTestId("bpe-next").click();
      await expect(w.getByTestId("bpe-tie")).toBeVisible();
      await w.screenshot({ path: `test-results/screenshots/bpe-stepper-${theme}-${device}.png` });
      await w.getByTestId("bpe-preset").selectOption("ja");
      await w.getByTestId("bpe-target").fill("6");
      await w.getByTestId("bpe-run").click();
      await expect(w.getByTestId("bpe-status")).toContainText("Merges: 6");
      await w.screenshot({ path: `test-results/screenshots/bpe-stepper-ja-${theme}-${device}.png` });
      const c = compare(page);
      for (const kind of ["gpt2", "cl100k", "o200k", "ours"]) await expect(c.getByTestId(`tc-chips-${kind}`)).toBeVisible(LOAD);
      await c.screenshot({ path: `test-results/screenshots/tokenizer-compare-${theme}-${device}.png` });
      await c.getByTestId("tc-preset").selectOption("code");
      await c.getByTestId("tc-lang-en").check();
      await c.getByTestId("tc-ids").check();
      await c.screenshot({ path: `test-results/screenshots/tokenizer-compare-code-ids-${theme}-${device}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

test("the lesson's math renders without KaTeX errors, and the page logs no errors", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tokenization");
  await expect(page.locator("h1")).toHaveText("Tokenization: characters, bytes and BPE");
  await expect(compare(page).getByTestId("tc-chips-o200k")).toBeVisible(LOAD);
  await expect(page.locator(".katex-error")).toHaveCount(0);
  await expect(page.locator(".katex-display annotation", { hasText: "\\arg\\max" })).toHaveCount(1);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, k = 0; y < height; y += 1600, k++)
    await page.screenshot({ path: `test-results/screenshots/lesson-tokenization-light-part${k}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1600, height - y) } });
  expect(errors).toEqual([]);
});
