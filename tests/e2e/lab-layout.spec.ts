import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// The lab as a learner and a class see it: its layout on a laptop and a projector, the chart's legend and
// type, instructor-hidden controls, and whether the page itself ever blocks while the worker trains.

const quick = "#/lab?lab.corpus=first-names&lab.maxIters=40&lab.evalInterval=20&lab.sampleEvery=20&lab.autosaveEvery=20";
/** lesson-sizes.spec.ts's projector minimum for body text */
const PROJECTOR_MIN_PX = 18;

/** The element's box, asserted to lie inside the viewport (nothing to scroll to). */
async function inViewport(page: Page, testId: string, what: string) {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize()!;
  expect(box, `${what} is on the page`).not.toBeNull();
  expect(box!.y, `${what} starts inside the first screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} ends above the fold (${vp.height} px)`).toBeLessThanOrEqual(vp.height);
  expect(box!.x + box!.width, `${what} fits the width`).toBeLessThanOrEqual(vp.width);
  return box!;
}

/** Visible text in the lab under `min` px: every text node's element and every form control. */
async function smallLabText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const lab = document.querySelector(".lab")!;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none" && !el.closest(".visually-hidden, details:not([open]) > :not(summary)");
    };
    const walker = document.createTreeWalker(lab, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim() || el.closest("option, script, style")) continue;
      seen.add(el);
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (visible(el) && px < min - 0.05) out.push(`"${n.textContent.trim().slice(0, 30)}" ${px.toFixed(1)}px`);
    }
    for (const el of lab.querySelectorAll("input:not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea, button")) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (visible(el) && px < min - 0.05) out.push(`<${el.tagName.toLowerCase()}> ${px.toFixed(1)}px`);
    }
    return out;
  }, min);
}

async function trainSteps(page: Page, steps: number) {
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-step")).toHaveText(`${steps} / ${steps}`, { timeout: 200_000 });
}

// ---- layout

test("1920×1080: Train, the metrics and a large chart on one screen; axis and lab text at the projector minimum; the legend shows numbers", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`./?lang=en&backend=wasm${quick.replace("maxIters=40", "maxIters=6").replace("evalInterval=20", "evalInterval=5")}`);
  await inViewport(page, "train", "Train");
  await inViewport(page, "stats", "the metrics");
  const chart = await inViewport(page, "loss-chart", "the loss chart");
  expect(chart.height, "a large chart: at least 40% of the screen's height").toBeGreaterThanOrEqual(0.4 * 1080);
  expect(chart.width).toBeGreaterThanOrEqual(900);
  const axisPx = Number(await page.locator("[data-testid=loss-chart] .line-plot").getAttribute("data-font-px"));
  expect(axisPx, "the chart's axis text").toBeGreaterThanOrEqual(PROJECTOR_MIN_PX);
  expect(await smallLabText(page, PROJECTOR_MIN_PX)).toEqual([]);
  await trainSteps(page, 6);
  // the legend: the latest step and losses as numbers, no placeholder dashes
  const legend = page.getByTestId("loss-chart-legend");
  await expect(legend).toContainText(/step 5/);
  await expect(legend).toContainText(/train \(each step\) \d\.\d{3}/);
  await expect(legend).toContainText(/validation \d\.\d{3}/);
  await expect(legend).not.toContainText("--");
  const last = Number(await page.getByTestId("stat-loss").textContent());
  await expect(legend).toContainText(last.toFixed(3)); // the same number the metrics show
  await page.getByTestId("loss-chart-log").check();
  await expect(page.locator("[data-testid=loss-chart] .line-plot")).toHaveAttribute("data-log", "true");
  expect(errors).toEqual([]);
});

test("1280×800: Train is above the fold and the chart's ln(vocab) line is labelled in full", async ({ page }) => {
  await page.goto(`./?lang=en${quick}`);
  await inViewport(page, "train", "Train");
  await expect(page.getByTestId("size-line")).toContainText("vocabulary 28");
  await expect(page.getByTestId("loss-explainer")).toContainText("ln 28 = 3.33");
  // the start line's label, as drawn on the canvas: whole, inside the canvas (it was clipped to "vocab) = 4.42")
  const plot = page.locator("[data-testid=loss-chart] .line-plot");
  await expect(plot).toHaveAttribute("data-ref-labels", /ln\(vocab\) = 3\.33/);
  const [label] = JSON.parse((await plot.getAttribute("data-ref-labels"))!) as { left: number; right: number; top: number; bottom: number }[];
  const canvas = (await plot.locator("canvas").boundingBox())!;
  expect(label.left).toBeGreaterThanOrEqual(0);
  expect(label.top).toBeGreaterThanOrEqual(0);
  expect(label.right).toBeLessThanOrEqual(canvas.width);
  expect(label.bottom).toBeLessThanOrEqual(canvas.height);
  expect(label.right - label.left, "the whole text's width, not a clipped part").toBeGreaterThan(80);
});

test("the size readout is what gets built: a pasted text of 72 distinct characters gives 106,752 parameters, before and after Build", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("./?lang=en#/lab?lab.corpus=own");
  await expect(page.getByTestId("size-line")).toContainText("Paste or upload a text");
  const text = Array.from({ length: 72 }, (_, i) => String.fromCharCode(33 + i)).join("").repeat(10); // "!" … "h", 720 characters
  await page.getByTestId("own-text").fill(text);
  await expect(page.getByTestId("size-line")).toContainText("106,752 parameters"); // 102,144 + 64·72 (tests/lab/modelSize.test.ts)
  await expect(page.getByTestId("size-line")).toContainText("vocabulary 72");
  await page.getByTestId("build").click();
  await expect(page.locator("[data-testid=stats] div", { hasText: "Parameters" }).locator("dd")).toHaveText("106,752", { timeout: 90_000 });
});

test("lab.hide= hides controls without leaving empty cards or expanders, and says which text the model reads", async ({ page }) => {
  const all = "preset,corpus,tokenizer,nLayer,nHead,nEmbd,blockSize,dropout,bias,batchSize,learningRate,minLr,warmupIters,lrDecayIters,maxIters,weightDecay,beta1,beta2,gradClip,gradAccumSteps,evalInterval,evalIters,seed,sampleEvery,autosaveEvery";
  await page.goto(`./?lang=en#/lab?lab.corpus=first-names&lab.hide=${all}`);
  await expect(page.getByTestId("train")).toBeVisible();
  await expect(page.getByTestId("data-panel")).toHaveCount(0);
  await expect(page.locator(".lab details summary", { hasText: "Training settings" })).toHaveCount(0);
  await expect(page.getByTestId("help-toggle")).toHaveCount(0);
  await expect(page.getByTestId("corpus-line")).toHaveText("Trains on: First names (8,400 names: small, learns fast)");
  // every card left has content beyond its heading
  const bare = await page.locator(".lab .lab-panel").evaluateAll((panels) => panels.filter((p) => [...p.children].every((c) => /^H[23]$/.test(c.tagName) || c.classList.contains("panel-head"))).length);
  expect(bare).toBe(0);
  await expect(page.getByTestId("size-line")).toContainText("103,936 parameters"); // 102,144 + 64·28
});

test("a newcomer's help: each setting explained, why Step once waits, the loss in words", async ({ page }) => {
  await page.goto(`./?lang=en${quick}`);
  await expect(page.getByTestId("step")).toBeDisabled();
  await expect(page.getByTestId("step-why")).toHaveText("Step once needs a built model: press Build only or Train.");
  await page.getByTestId("help-toggle").click();
  await expect(page.locator("#nEmbd-help")).toContainText("Width: the length of the vector");
  await expect(page.locator("#beta2-help")).toContainText("0.99 averages about 100 steps");
  await expect(page.getByTestId("field-beta2")).toHaveAttribute("aria-describedby", "beta2-help");
  await page.getByTestId("loss-explainer").locator("summary").click();
  await expect(page.getByTestId("loss-explainer")).toContainText("starts at ln 28 = 3.33");
  await expect(page.getByTestId("loss-now")).toHaveText("Train a few steps and the current loss is explained here.");
  await page.goto(`./?lang=ja${quick}`);
  await expect(page.getByTestId("step-why")).toHaveText("「1 ステップ」は構築後に使えます（「構築のみ」か「学習」）。");
});

// ---- screenshots (looked at: desktop, phone, projector; light and dark; English and Japanese)

for (const [name, w, h] of [["1920x1080", 1920, 1080], ["1280x800", 1280, 800], ["390", 390, 844]] as const)
  for (const theme of ["light", "dark"] as const)
    for (const lang of ["en", "ja"] as const) {
      if (name === "1280x800" && (theme === "dark" || lang === "ja")) continue; // one laptop shot is enough
      test(`screenshot ${name} ${theme} ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        test.setTimeout(240_000);
        // ?backend=wasm: no backend measurement first (it is slow on a busy machine and not what these pictures show)
        await page.goto(`./?lang=${lang}&theme=${theme}&backend=wasm${quick.replace("maxIters=40", "maxIters=4").replace("evalInterval=20", "evalInterval=2")}`);
        await trainSteps(page, 4);
        await page.screenshot({ path: `test-results/screenshots/lab-${name}-${theme}-${lang}.png`, fullPage: w < 500 });
      });
    }

// ---- the page never blocks while training

/** A task of the page's main thread in a Chromium trace: its wall time, and the CPU time the thread spent in it. */
interface MainTask {
  wallMs: number;
  cpuMs: number;
}

/**
 * The renderer main thread's top-level tasks from a trace ("toplevel" category): each RunTask's `dur` (wall
 * clock) and `tdur` (thread CPU time). On a loaded machine a task's wall time includes the time the OS gave the
 * thread's core to other processes (a 0.5 ms task measured 388 ms there); its CPU time is what the page did.
 */
function mainThreadTasks(trace: Buffer): MainTask[] {
  const json = JSON.parse(trace.toString("utf8")) as { traceEvents: { ph: string; name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] };
  const main = new Set(json.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  if (main.size !== 1) throw new Error(`Expected one renderer main thread in the trace, found ${main.size}.`);
  const runs = json.traceEvents.filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && main.has(`${e.pid}:${e.tid}`));
  if (!runs.some((e) => e.tdur !== undefined)) throw new Error(`None of ${runs.length} main-thread tasks has a thread CPU time (tdur): this Chromium cannot tell page work from a busy machine.`);
  // a few tasks carry no thread time (here: empty ones of 0 ms, e.g. DidSwap); their wall time bounds their CPU time
  return runs.map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 }));
}

test("while the worker trains, the page's main thread never works 50 ms at a stretch (thread CPU time, so a busy machine cannot fail it)", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto(`./?lang=en${quick}`);
  await page.getByTestId("train").click();
  await expect(page.getByTestId("stat-backend")).toHaveText("wasm", { timeout: 90_000 });
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ["toplevel"] });
  await expect(page.getByTestId("stat-step")).toHaveText("40 / 40", { timeout: 180_000 });
  const tasks = mainThreadTasks(await browser.stopTracing());
  const longest = tasks.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), { wallMs: 0, cpuMs: 0 });
  const wallLongest = Math.max(...tasks.map((t) => t.wallMs));
  const cpu = tasks.reduce((s, t) => s + t.cpuMs, 0);
  console.log(`main thread while training: ${tasks.length} tasks, ${cpu.toFixed(0)} ms CPU in all; longest ${longest.cpuMs.toFixed(1)} ms CPU (${longest.wallMs.toFixed(0)} ms wall); longest wall ${wallLongest.toFixed(0)} ms`);
  expect(tasks.length, "the trace caught the page's tasks (charts redraw at every step)").toBeGreaterThan(40);
  expect(longest.cpuMs, "no main-thread task does 50 ms of work (the long-task threshold) while training").toBeLessThan(50);
  expect(errors).toEqual([]);
});

test("the measure above sees real blocking: a loop of 3·10⁷ modular steps (about 130 ms of CPU) shows as one task over 50 ms", async ({ page }) => {
  await page.goto(`./?lang=en${quick}`);
  await expect(page.getByTestId("train")).toBeEnabled({ timeout: 60_000 });
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ["toplevel"] });
  // a fixed amount of work, not a fixed wall time: on a busy machine an 80 ms busy-wait gets only its share of a core
  await page.evaluate(() => new Promise<number>((resolve) => setTimeout(() => {
    let x = 0;
    for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1000003;
    resolve(x);
  }, 50)));
  const tasks = mainThreadTasks(await browser.stopTracing());
  expect(Math.max(...tasks.map((t) => t.cpuMs))).toBeGreaterThan(50);
});
