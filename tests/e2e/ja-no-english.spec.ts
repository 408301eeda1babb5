import { expect, test } from "@playwright/test";
import { englishSentences, scrollThrough } from "./japanese";

/**
 * Issue #15: a Japanese reader meets no English sentence. Every route opens in Japanese (course map, lab, device,
 * glossary, a page that does not exist; the nine lessons are read by lessons-ja.spec.ts), is scrolled through so lazy widgets mount, and its
 * visible text is read: a text node with three or more English words in a row ("the loss falls") fails the test,
 * listed with the route and the element it sits in. Skipped, because they are English on purpose: code (`code`,
 * `pre`), KaTeX, anything marked lang="en" (a model's output, English example text in a widget), the titles of
 * English papers and books (the lessons cite them in italics, `em`), text the Japanese quotes in 「」, 『』, “” or ""
 * (an example sentence, a program's output), and the English expansion of an acronym in the parentheses right
 * after it (GELU（Gaussian error linear unit、…）). One page load per route, nothing trained.
 */
const routes = [
  { name: "course map", hash: "#/" },
  // the nine lessons: lessons-ja.spec.ts reads them, in the same page load as its layout checks
  { name: "lab", hash: "#/lab" },
  { name: "device", hash: "#/device" },
  { name: "glossary", hash: "#/glossary" },
  { name: "not found", hash: "#/no-such-page" },
];

for (const route of routes) {
  test.describe(route.name, () => {
    // #/device reports the service worker's offline copy: let it register, as in a reader's browser (the specs
    // block service workers by default, and a blocked registration is reported with the browser's English error)
    if (route.hash === "#/device") test.use({ serviceWorkers: "allow" });
    test(`${route.name} in Japanese has no English sentence`, async ({ page }) => {
      test.setTimeout(150_000); // a lesson loads in 5–20 s; a busy 2-core machine has needed 85 s
      await page.goto(`./?lang=ja${route.hash}`);
      await expect(page.locator("html")).toHaveAttribute("lang", "ja");
      await expect(page.locator("main, #root > *").first()).toBeVisible();
      await scrollThrough(page);
      const english = await englishSentences(page);
      expect(english.map((e) => `${route.hash}: "${e.text}" in ${e.where}`)).toEqual([]);
    });
  });
}

test("a code exercise's results name its checks in Japanese and explain in Japanese", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("./?lang=ja#/lessons/tensors/split-heads");
  const ex = page.getByTestId("exercise-split-heads");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await ex.getByTestId("code-run").click(); // the starter: every check runs, and fails
  const rows = ex.getByTestId("code-test");
  await expect(rows).toHaveCount(4);
  // ja.md's names fence for split-heads, in the order of the tests
  await expect(rows.locator("strong")).toHaveText([/3 トークンを 2 つのヘッドに分ける$/, /幅 1 のヘッドを 4 つ$/, /mergeHeads で splitHeads を元に戻せる$/, /手で作ったヘッドを mergeHeads でまとめる$/]);
  const english = await englishSentences(page);
  expect(english.map((e) => `split-heads results: "${e.text}" in ${e.where}`)).toEqual([]);
});

test("the lab refuses a binary text file and a checkpoint it cannot build in Japanese, naming the file and the value", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("./?lang=ja#/lab?lab.corpus=own");
  await page.getByTestId("own-file").setInputFiles({ name: "cat.png", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
  await expect(page.getByTestId("lab-error")).toHaveText(
    "「cat.png」はテキストではなくバイナリファイルのようです（NUL バイトを含んでいます）。プレーンテキスト（.txt、UTF-8）で保存してから、もう一度試してください。",
  );
  // a safetensors header whose config claims 1,000,000 layers (src/workers/checkpointGuard.ts refuses it)
  const header = Buffer.from(JSON.stringify({ __metadata__: { config: JSON.stringify({ n_layer: 1_000_000, n_head: 1, n_embd: 4, block_size: 8, vocab_size: 5, bias: true, dropout: 0 }) } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  await page.getByTestId("upload-checkpoint").setInputFiles({ name: "huge.safetensors", mimeType: "application/octet-stream", buffer: Buffer.concat([length, header]) });
  await expect(page.getByTestId("lab-error")).toHaveText("huge.safetensors：チェックポイントの n_layer は 1,000,000 です。ラボが作れる n_layer は 1 から 24 までなので、このファイルはここでは読み込めません。");
  await page.getByTestId("lab-error").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/ja-lab-error.png" });
  // the language switch re-reads the same error in English
  await page.getByTestId("language").selectOption("en");
  await expect(page.getByTestId("lab-error")).toHaveText("huge.safetensors: The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24. This file cannot be loaded here.");
});
