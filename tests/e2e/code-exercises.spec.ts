import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

const preview = (md: string, query = "lang=en") => `./?${query}#/preview?src=${encodeURIComponent(md)}`;
const fence = (lang: string, role: string, body: string) => ["```" + `${lang} ${role}`, body, "```"].join("\n");

// minbpe's merge, as in docs/code-exercises.md
const mergeMd = [
  "::::code-exercise{id=bpe-merge lang=python}",
  "Write `merge(ids, pair, idx)`: replace every `pair` in `ids` by `idx`.",
  "",
  ":::hint",
  "Walk with an index `i`.",
  ":::",
  "",
  fence("python", "starter", "def merge(ids, pair, idx):\n    new_ids = []\n    # your code here\n    return new_ids"),
  "",
  fence("python", "solution", "def merge(ids, pair, idx):\n    out, i = [], 0\n    while i < len(ids):\n        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:\n            out.append(idx)\n            i += 2\n        else:\n            out.append(ids[i])\n            i += 1\n    return out"),
  "",
  fence("python", "tests", 'check("replaces every (1, 2)", lambda: merge([1, 2, 3, 1, 2], (1, 2), 99), [99, 3, 99], input="merge([1, 2, 3, 1, 2], (1, 2), 99)")\ncheck("overlapping pairs: left first", lambda: merge([5, 5, 5], (5, 5), 7), [7, 5], input="merge([5, 5, 5], (5, 5), 7)")\ncheck("no pair: unchanged", lambda: merge([1, 3], (1, 2), 9), [1, 3])'),
  "::::",
].join("\n");

// merges the first pair only: the overlapping and the no-pair tests still pass, the first does not
const wrongMerge = "def merge(ids, pair, idx):\n    for i in range(len(ids) - 1):\n        if (ids[i], ids[i + 1]) == pair:\n            print('merged at', i)\n            return ids[:i] + [idx] + ids[i + 2:]\n    return ids\n";
const rightMerge =
  "def merge(ids, pair, idx):\n    out, i = [], 0\n    while i < len(ids):\n        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:\n            out.append(idx)\n            i += 2\n        else:\n            out.append(ids[i])\n            i += 1\n    return out\n";

const loopMd = [
  "::::code-exercise{id=scale timeout=2 lang=ts}",
  "Return `x` times two as a tensor.",
  "",
  ":::hint",
  "Use `tf.mul`.",
  ":::",
  "",
  fence("ts", "starter", "function double(x: tf.Tensor): tf.Tensor {\n  return x;\n}"),
  fence("ts", "solution", "function double(x: tf.Tensor): tf.Tensor {\n  return x.mul(2);\n}"),
  fence("js", "tests", "check('doubles [1, 2, 3]', () => double(tf.tensor1d([1, 2, 3])), tf.tensor1d([2, 4, 6]), { input: 'double(tf.tensor1d([1, 2, 3]))' });"),
  "::::",
].join("\n");

/** Replaces the editor's text the way a paste does (no auto-indent), after focusing it. */
async function setCode(page: Page, exercise: string, text: string) {
  const input = page.getByTestId(`exercise-${exercise}`).getByTestId("code-input");
  await input.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}
const editorText = (page: Page, exercise: string) => page.getByTestId(`exercise-${exercise}`).locator(".cm-content").evaluate((el) => (el as HTMLElement & { cmView?: unknown }).innerText);

/** Every request that leaves the site is aborted: Pyodide must come from the site itself. */
async function blockNetwork(page: Page, baseURL: string, blocked: string[]) {
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
}

test("Python: a wrong merge shows the failing test's input, expected, returned and first difference; the fix passes; the code survives a reload", async ({ page, baseURL }) => {
  const errors = watchErrors(page);
  const blocked: string[] = [];
  await blockNetwork(page, baseURL!, blocked);
  await page.goto(preview(mergeMd));
  const ex = page.getByTestId("exercise-bpe-merge");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  expect(await editorText(page, "bpe-merge")).toContain("# your code here");

  await setCode(page, "bpe-merge", wrongMerge);
  await page.keyboard.press("Control+Enter");
  await expect(ex.getByTestId("code-status")).toHaveText("Starting Python… (about 14 MB, once)");
  await expect(ex.getByTestId("code-summary")).toHaveText("2 of 3 tests pass", { timeout: 90_000 });
  const first = ex.getByTestId("code-test").nth(0);
  await expect(first).toContainText("✗ replaces every (1, 2)");
  await expect(first).toContainText("Inputmerge([1, 2, 3, 1, 2], (1, 2), 99)");
  await expect(first).toContainText("Expected[99, 3, 99] length 3");
  await expect(first).toContainText("Your code returned[99, 3, 1, 2] length 4");
  await expect(first.getByTestId("code-why")).toHaveText("Wrong length: expected 3 items, got 4. The first difference is at [2]: expected 99, got 1.");
  await expect(ex.getByTestId("code-test").nth(1)).toHaveText("✓ overlapping pairs: left first");
  await expect(ex.getByTestId("code-output")).toHaveText("merged at 0\nmerged at 0\n");
  await page.screenshot({ path: "test-results/screenshots/code-exercise-python-fail.png", fullPage: true });

  await setCode(page, "bpe-merge", rightMerge);
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 3 tests pass. Solved!");
  await expect(ex.getByText("Solved", { exact: true })).toBeVisible();

  await page.reload();
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  expect(await editorText(page, "bpe-merge")).toContain("out, i = [], 0");
  // Reset brings the starter back (and that is saved too)
  await ex.getByTestId("code-reset").click();
  expect(await editorText(page, "bpe-merge")).toContain("# your code here");
  await page.reload();
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  expect(await editorText(page, "bpe-merge")).toContain("# your code here");
  expect(blocked).toEqual([]); // nothing even tried to leave the site
  expect(errors).toEqual([]);
});

test("Python: an exception names the learner's own line; import js is refused; an endless loop is interrupted at the limit", async ({ page }) => {
  await page.goto(preview(mergeMd));
  const ex = page.getByTestId("exercise-bpe-merge");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await setCode(page, "bpe-merge", "def merge(ids, pair, idx):\n    first = ids[0]\n    return [idx] + ids[2:] / 2\n");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-raised").first()).toHaveText("Raised TypeError on line 3 of your code: unsupported operand type(s) for /: 'list' and 'int'", { timeout: 90_000 });
  await setCode(page, "bpe-merge", "import js\nprint(js.fetch)\n");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-error")).toHaveText("Your code stopped with ImportError on line 1: import js is not available in exercises: your code runs without the page and the network.");

  // an endless loop: stopped at the default 10 s limit by a KeyboardInterrupt (the page is cross-origin isolated),
  // so the next run reuses the loaded Python: the status never says "Starting Python…" again
  await ex.getByTestId("code-status").evaluate((el) => {
    const seen: string[] = ((window as unknown as { statuses: string[] }).statuses = []);
    new MutationObserver(() => seen.push(el.textContent ?? "")).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await setCode(page, "bpe-merge", "def merge(ids, pair, idx):\n    print('merging', ids)\n    while True:\n        pass\n");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-status")).toHaveText("Running your code…");
  await expect(ex.getByTestId("code-stop")).toBeVisible();
  await expect(ex.getByTestId("code-summary")).toHaveText(
    "Stopped: your code ran longer than the limit of 10 s (an endless loop?). The page is fine; fix the code and run it again.",
    { timeout: 20_000 },
  );
  await expect(ex.getByTestId("code-output")).toHaveText("merging [1, 2, 3, 1, 2]\n"); // what it printed before the limit
  await setCode(page, "bpe-merge", rightMerge);
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 3 tests pass. Solved!", { timeout: 90_000 });
  const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
  expect(statuses).toContain("Running your code…");
  expect(statuses.filter((s) => s.startsWith("Starting Python"))).toEqual([]);
});

test("JS/TS: an endless loop is stopped at the limit while the page stays usable; the next run starts fresh and compares tensors", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(preview(loopMd));
  const ex = page.getByTestId("exercise-scale");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await setCode(page, "scale", "function double(x: tf.Tensor): tf.Tensor {\n  while (true) {}\n}");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-status")).toHaveText("Running your code…", { timeout: 60_000 });
  // the page answers while the worker spins: a hint opens
  await ex.getByTestId("ex-hint").click();
  await expect(ex.getByTestId("ex-hint-0")).toContainText("Use tf.mul.");
  await expect(ex.getByTestId("code-summary")).toHaveText(
    "Stopped: your code ran longer than the limit of 2 s (an endless loop?). The page is fine; fix the code and run it again.",
  );

  await setCode(page, "scale", "function double(x: tf.Tensor): tf.Tensor {\n  return x.add(x).reshape([1, 3]);\n}");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText("0 of 1 tests pass", { timeout: 60_000 });
  await expect(ex.getByTestId("code-test")).toContainText("Expected[2, 4, 6] shape (3,)");
  await expect(ex.getByTestId("code-test")).toContainText("Your code returned[[2, 4, 6]] shape (1, 3)");
  await expect(ex.getByTestId("code-why")).toHaveText("Wrong shape: expected (3,), got (1, 3).");

  // the worker has no way out: no network, no storage, no new scripts (the page enforces this before code runs)
  // pretrained() still works (its bytes come through the runner's own fetch): 159,488 parameters, as the model card says
  await setCode(page, "scale", "console.log([typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts, typeof indexedDB, typeof caches, typeof document, typeof localStorage].join());\nconsole.log(dojo.numParams(await pretrained()));\nfunction double(x: tf.Tensor): tf.Tensor {\n  return x;\n}");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-output")).toHaveText("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined\n159488\n");

  await setCode(page, "scale", "function double(x: tf.Tensor): tf.Tensor {\n  console.log('x is', x);\n  return x.mul(2);\n}");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText("✓ All 1 tests pass. Solved!");
  await expect(ex.getByTestId("code-output")).toHaveText("x is Tensor (3,) [1, 2, 3]\n");
  expect(errors).toEqual([]);
});

test("keyboard: Tab indents inside the editor, Esc then Tab leaves it for the Run button", async ({ page }) => {
  await page.goto(preview(loopMd));
  const ex = page.getByTestId("exercise-scale");
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await setCode(page, "scale", "x");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  expect(await editorText(page, "scale")).toBe("    x");
  await expect(ex.getByTestId("code-input")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(ex.getByTestId("code-run")).toBeFocused();
  expect(await editorText(page, "scale")).toBe("    x");
});

test("a lesson page without a code exercise downloads neither CodeMirror nor Pyodide; one with a code exercise loads only the editor until Run", async ({ page }) => {
  const urls: string[] = [];
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => {
    urls.push(r.url());
    if (r.request().resourceType() === "script") bodies.push(r.text());
  });
  const plain = "::::exercise{id=n kind=numeric answer=4}\nWhat is 2 + 2?\n::::\n\n```python\nprint('code, but not an exercise')\n```\n";
  await page.goto(preview(plain));
  await expect(page.getByTestId("exercise-n")).toBeVisible();
  await page.waitForLoadState("networkidle");
  // ".cm-gutters" is a CodeMirror class name written in editor.ts's theme and CodeMirror's own code
  const cm = (await Promise.all(bodies)).filter((t) => t.includes(".cm-gutters"));
  expect(cm).toEqual([]);
  expect(urls.filter((u) => /pyodide|codePython|codeJs|python_stdlib/.test(u))).toEqual([]);

  await page.goto("about:blank"); // a new document: #/preview reads ?src= once
  urls.length = 0;
  bodies.length = 0;
  await page.goto(preview(mergeMd));
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await page.waitForLoadState("networkidle");
  expect((await Promise.all(bodies)).filter((t) => t.includes(".cm-gutters")).length).toBeGreaterThan(0);
  expect(urls.filter((u) => /pyodide|codePython|python_stdlib/.test(u))).toEqual([]); // Python starts on the first Run
});

test("the editor at 390 px and 1920×1080, light and dark, English and Japanese (screenshots)", async ({ page }) => {
  const shots: [string, { width: number; height: number }, string][] = [
    ["phone-light-en", { width: 390, height: 844 }, "lang=en"],
    ["phone-dark-ja", { width: 390, height: 844 }, "lang=ja&theme=dark"],
    ["projector-light-en", { width: 1920, height: 1080 }, "lang=en&theme=light"],
    ["projector-dark-en", { width: 1920, height: 1080 }, "lang=en&theme=dark"],
  ];
  for (const [tag, size, query] of shots) {
    await page.setViewportSize(size);
    await page.goto(preview(loopMd, query));
    const ex = page.getByTestId("exercise-scale");
    await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
    await setCode(page, "scale", "function double(x: tf.Tensor): tf.Tensor {\n  return x.add(x).reshape([1, 3]); // the wrong shape\n}");
    await ex.getByTestId("code-run").click();
    await expect(ex.getByTestId("code-why")).toBeVisible({ timeout: 60_000 });
    // nothing sticks out sideways on a phone
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, tag).toBeLessThanOrEqual(0);
    // the editor's type scales with the page (projector: the root font is larger than on a phone)
    const px = await ex.locator(".cm-content").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(px, tag).toBeGreaterThanOrEqual(size.width > 1000 ? 19 : 14);
    await ex.screenshot({ path: `test-results/screenshots/code-exercise-${tag}.png` });
  }
});

/** The first JS/TS code exercise in the lessons' English text, with its solution fence (the lint ran it in Node). */
function firstJsLessonExercise() {
  const root = join(process.cwd(), "lessons"); // Playwright runs from the repository root
  for (const dir of readdirSync(root).sort()) {
    const md = readFileSync(join(root, dir, "en.md"), "utf8");
    for (const m of md.matchAll(/^::::code-exercise\{([^}]*)\}\n([\s\S]*?)^::::$/gm)) {
      const id = /\bid=([a-z0-9-]+)/.exec(m[1])?.[1];
      const solution = /^```(?:ts|js|typescript|javascript) solution\n([\s\S]*?)\n```$/m.exec(m[2])?.[1];
      if (/\blang=(js|ts)\b/.test(m[1]) && id && solution) return { slug: dir.replace(/^\d+-/, ""), id, solution };
    }
  }
  throw new Error("No lesson has a JS/TS code exercise with a solution fence yet (lessons/*/en.md).");
}

test("a lesson's code exercise: its deep link scrolls to it, the starter fails, its own solution passes in the browser and marks it solved", async ({ page }) => {
  const errors = watchErrors(page);
  const { slug, id, solution } = firstJsLessonExercise();
  await page.goto(`./?lang=en#/lessons/${slug}/${id}`);
  const ex = page.getByTestId(`exercise-${id}`);
  await expect(ex).toBeInViewport();
  await expect(ex.getByTestId("code-editor")).toHaveAttribute("data-ready", "1");
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toContainText("tests pass", { timeout: 60_000 });
  await expect(ex.getByTestId("code-summary")).not.toContainText("Solved"); // the starter leaves work to do
  await setCode(page, id, solution);
  await ex.getByTestId("code-run").click();
  await expect(ex.getByTestId("code-summary")).toHaveText(/^✓ All \d+ tests pass\. Solved!$/, { timeout: 60_000 });
  await expect(ex.locator(".ex-header .badge.done")).toHaveText("Solved");
  await ex.getByTestId("ex-solution").click();
  await ex.screenshot({ path: "test-results/screenshots/code-exercise-lesson-solved.png" });
  expect(errors).toEqual([]);
});
