import { expect, test } from "@playwright/test";
import { charVocabSize, embeddingCost } from "../../src/lab/modelSize";
import { watchErrors } from "./helpers";

/**
 * The lab on Japanese: the course's own Japanese lessons as a corpus (its source stated), the vocabulary counted
 * from the real text (thousands of characters, not a guess), a warning that says what the embedding costs, and a
 * short character-level run that trains and samples Japanese.
 */
const tiny = "lab.corpus=course-ja&lab.nLayer=1&lab.nHead=2&lab.nEmbd=32&lab.blockSize=32&lab.batchSize=4&lab.maxIters=6&lab.evalInterval=3&lab.sampleEvery=3&lab.autosaveEvery=3";

test("course-ja: source stated, vocabulary counted, the embedding's cost shown, and it trains on Japanese", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto(`./?lang=ja&backend=wasm#/lab?${tiny}`);
  await expect(page.getByTestId("course-ja-source")).toContainText("GPT Dojo の日本語レッスン");
  // the vocabulary of the text this build serves (it grows with the Japanese lessons), counted as CharTokenizer does
  const text = await page.evaluate(() => fetch("corpora/course-ja.txt").then((r) => r.text()));
  const V = charVocabSize(text);
  const vocab = V.toLocaleString("en-US");
  await expect(page.getByTestId("size-line")).toContainText(`語彙 ${vocab}`);
  const cost = embeddingCost({ vocabSize: V, blockSize: 32, nLayer: 1, nHead: 2, nEmbd: 32, bias: true });
  expect(V).toBeGreaterThanOrEqual(500); // kana, kanji and the Latin letters of the lessons
  await expect(page.getByTestId("large-vocab")).toContainText(`${vocab} × 32 = ${cost.params.toLocaleString("en-US")}`);
  await expect(page.getByTestId("large-vocab")).toContainText(`${Math.round(cost.share * 100)}%`);
  await page.screenshot({ path: "test-results/screenshots/lab-course-ja.png" });
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText("6 / 6", { timeout: 200_000 });
  // the loss starts near ln V (every character equally likely) and the samples are Japanese characters
  const sample = (await page.getByTestId("sample").first().textContent()) ?? "";
  expect([...sample].some((c) => /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(c))).toBe(true);
  expect(errors).toEqual([]);
});

test("a setting out of range is explained in Japanese on a Japanese page, and in English on an English one", async ({ page }) => {
  await page.goto("./?lang=ja&backend=wasm#/lab?lab.nEmbd=100&lab.nHead=3");
  await expect(page.getByText("nEmbd 100 は nHead 3 で割り切れません。")).toBeVisible();
  await expect(page.getByTestId("train")).toBeDisabled();
  await page.getByTestId("language").selectOption("en");
  await expect(page.getByText("nEmbd 100 is not divisible by nHead 3: each head gets nEmbd / nHead channels. Try 99 or 102.")).toBeVisible();
});
