import { test, expect, type Page } from "@playwright/test";
import { watchErrors, solveNumeric } from "./helpers";

// By URL-state id: the widgets load lazily and may mount in any order.
const map = (page: Page, id: string) => page.locator(`[data-testid="embedding-map"][data-id="${id}"]`);
const lab = (page: Page, id: string) => page.locator(`[data-testid="position-lab"][data-id="${id}"]`);
const LOAD = { timeout: 60_000 }; // the pretrained model and TF.js load on first use

// From tests/widgets/embedding-map.test.ts and tests/course/exercises-embeddings.test.ts, computed in Node on the
// shipped weights (public/models/moby-char.safetensors): the nearest characters by cosine similarity.
const NEAR_A = [["o", "0.496"], ["e", "0.483"], ["i", "0.452"], ["u", "0.322"], ["A", "0.212"]];
const NEAR_1 = ["3", "0.954"];

test("the embedding map: a's neighbours as Node computed them, keyboard, wpe, URL state and Reset", async ({ page }) => {
  test.setTimeout(300_000); // the model, TF.js and four widgets on a 2-core machine shared with other runs
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/embeddings");
  const w = map(page, "emap");
  await expect(w.getByTestId("em-shape")).toContainText("wte: shape (83, 64) · PC1 explains 31.1%, PC2 10.7%", LOAD);
  const list = w.getByTestId("em-neighbours");
  await expect(list).toHaveAttribute("data-of", "a");
  for (const [k, [ch, s]] of NEAR_A.entries()) {
    await expect(list.locator("li").nth(k)).toHaveAttribute("data-label", ch);
    await expect(list.locator("li").nth(k)).toHaveAttribute("data-sim", s);
  }
  // keyboard: the selected point holds the focus; → moves to the next id (a = 52 → b = 53)
  await w.getByTestId("em-point-52").focus();
  await page.keyboard.press("ArrowRight");
  await expect(w.getByTestId("em-point-53")).toBeFocused();
  await expect(w.getByTestId("em-point-53")).toHaveAttribute("aria-pressed", "true");
  await expect(list).toHaveAttribute("data-of", "b");
  // click the digit 1 (id 12): its nearest is 3
  await w.locator('[data-label="1"]').first().click();
  await expect(list).toHaveAttribute("data-of", "1");
  await expect(list.locator("li").first()).toHaveAttribute("data-label", NEAR_1[0]);
  await expect(list.locator("li").first()).toHaveAttribute("data-sim", NEAR_1[1]);
  // the state is in the URL; Reset returns to a
  await page.reload();
  await expect(map(page, "emap").getByTestId("em-neighbours")).toHaveAttribute("data-of", "1", LOAD);
  await map(page, "emap").getByTestId("em-reset").click();
  await expect(map(page, "emap").getByTestId("em-neighbours")).toHaveAttribute("data-of", "a");
  // the position table: 64 positions, PC1 87.5%
  await expect(map(page, "wpemap").getByTestId("em-shape")).toContainText("wpe: shape (64, 64) · PC1 explains 87.5%");
  expect(errors).toEqual([]);
});

test("the shuffle test on the real model: only permuted without positions or mask, changed with either", async ({ page }) => {
  test.setTimeout(300_000); // the model, TF.js and four widgets on a 2-core machine shared with other runs
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/embeddings");
  const w = lab(page, "shuffle");
  const verdict = w.getByTestId("pl-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "permuted", LOAD);
  expect(Number(await verdict.getAttribute("data-diff"))).toBeLessThan(1e-4);
  await expect(w.getByTestId("pl-preds").locator("td[data-same]")).toHaveCount(16); // every prediction moved with its token
  await w.getByTestId("pl-positions").check();
  await expect(verdict).toHaveAttribute("data-verdict", "changed");
  expect(Number(await verdict.getAttribute("data-diff"))).toBeGreaterThan(1);
  await w.getByTestId("pl-positions").uncheck();
  await w.getByTestId("pl-causal").check();
  await expect(verdict).toHaveAttribute("data-verdict", "changed");
  await w.getByTestId("pl-causal").uncheck();
  const before = await w.getByTestId("pl-shuffled").textContent();
  await w.getByTestId("pl-reshuffle").click();
  await expect(w.getByTestId("pl-shuffled")).not.toHaveText(before ?? "");
  await expect(verdict).toHaveAttribute("data-verdict", "permuted");
  await w.getByTestId("pl-text").fill("a");
  await expect(w.getByTestId("pl-shuffle-error")).toContainText("at least two characters");
  await w.getByTestId("pl-reset").click();
  await expect(w.getByTestId("pl-text")).toHaveValue("Call me Ishmael.");
  expect(errors).toEqual([]);
});

test("the position lab: sinusoidal similarity at d = 4 is (cos 1 + cos 0.01)/2 at offset 1; RoPE agrees; learned reads wpe", async ({ page }) => {
  test.setTimeout(300_000); // the model, TF.js and four widgets on a 2-core machine shared with other runs
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/embeddings");
  const w = lab(page, "plab");
  await w.getByTestId("pl-d").selectOption("4");
  await w.getByTestId("pl-pos").fill("8");
  const at = async (t: number) => Number((await w.getByTestId("pl-sim").getAttribute("data-values"))!.split(",")[t]);
  // hand-worked: pairs turn 1 and 0.01 rad per position; (cos 1 + cos 0.01) / 2 = (0.5403 + 0.99995) / 2 = 0.770
  await expect.poll(() => at(9)).toBeCloseTo(0.770, 3);
  expect(await at(8)).toBe(1);
  await w.getByTestId("pl-scheme").selectOption("rope");
  await expect.poll(() => at(9)).toBeCloseTo(0.770, 3);
  await expect(w.getByTestId("pl-dials").locator("li")).toHaveCount(2);
  await w.screenshot({ path: "test-results/screenshots/embeddings-lab-rope-d4.png" });
  await w.getByTestId("pl-scheme").selectOption("learned");
  await expect(w.getByTestId("pl-heatmap")).toHaveAttribute("data-cols", "64", LOAD);
  await expect(w.getByTestId("pl-d")).toBeDisabled();
  await w.screenshot({ path: "test-results/screenshots/embeddings-lab-learned.png" });
  await solveNumeric(page, "pe-sin1", "0.5403", "0.8415");
  expect(errors).toEqual([]);
});

const sizes = [["light", 1280, 900, "en"], ["dark", 1280, 900, "en"], ["light", 390, 844, "en"], ["dark", 390, 844, "ja"], ["light", 1920, 1080, "en"], ["dark", 1920, 1080, "ja"]] as const;
for (const [theme, width, height, lang] of sizes) {
  test(`the lesson renders with no console errors at ${width}×${height}, ${theme}, ${lang}; screenshots`, async ({ page }) => {
    test.setTimeout(300_000); // see above
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height });
    await page.goto(`./?lang=${lang}&theme=${theme}#/lessons/embeddings`);
    await expect(page.locator(".katex").first()).toBeVisible();
    await expect(map(page, "emap").getByTestId("em-neighbours")).toHaveAttribute("data-of", "a", LOAD);
    await expect(lab(page, "shuffle").getByTestId("pl-verdict")).toHaveAttribute("data-verdict", "permuted", LOAD);
    const tag = `${theme}-${width}-${lang}`;
    for (const [name, w] of [["map", map(page, "emap")], ["wpe", map(page, "wpemap")], ["shuffle", lab(page, "shuffle")], ["lab", lab(page, "plab")]] as const)
      await w.screenshot({ path: `test-results/screenshots/embeddings-${name}-${tag}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), tag).toBeLessThanOrEqual(width);
    expect(errors).toEqual([]);
  });
}
