import { readFileSync } from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";
import { parseLessonSource } from "../../src/course/frontmatter";
import { splitSlides, type Slide } from "../../src/presenter/slides";
import { presets as broadcastPresets, presetNames as broadcastPresetNames } from "../../src/widgets/broadcast-animator/frames";
import { formatShape } from "../../src/course/exercises/answers";

// Presenter mode (src/presenter/PresenterMode.tsx). Expected slides come from the lessons' own Markdown through
// splitSlides, so adding a ::slide break or a section moves the expectations with it.
const slidesOf = (dir: string, lang: "en" | "ja"): Slide[] => {
  const path = `lessons/${dir}/${lang}.md`;
  return splitSlides(parseLessonSource(path, readFileSync(path, "utf8")).body);
};
const indexOf = (slides: Slide[], test: (s: Slide) => boolean, what: string): number => {
  const i = slides.findIndex(test);
  if (i < 0) throw new Error(`no slide ${what} among ${slides.length}: ${slides.map((s) => s.title).join(" | ")}`);
  return i;
};
const attention = { en: slidesOf("06-attention", "en"), ja: slidesOf("06-attention", "ja") };
const tensors = slidesOf("01-tensors", "en");

const slideUrl = (slug: string, n: number) => new RegExp(`#/present/${slug}/${n + 1}(\\?|$)`);
const stage = (page: Page) => page.getByTestId("presenter-stage");
const slideHeading = (page: Page) => page.getByTestId("presenter-slide").locator("h2").first();
const box = (page: Page) => stage(page).evaluate((el) => ({ scrollTop: el.scrollTop, clientHeight: el.clientHeight, scrollHeight: el.scrollHeight }));
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
/** Moves to slide n the way a typed URL does (a hashchange), without reloading the page. */
const gotoSlide = (page: Page, slug: string, n: number) => page.evaluate((h) => (location.hash = h), `#/present/${slug}/${n + 1}`);

test("attention: P at a section, → scrolls a tall slide then advances, ←, 1.5× type, R, typing in a widget, B, ?, P back", async ({ page }) => {
  const errors = watchErrors(page);
  const slides = attention.en;
  const why = indexOf(slides, (s) => s.title.startsWith("Why divide") && s.part === 1, "“Why divide by √dₖ”");
  await page.goto(`./?lang=en#/lessons/attention/${slides[why].section}`);
  const heading = page.locator(`article.lesson h2[id="${slides[why].section}"]`);
  await expect(heading).toBeVisible();
  await expect(page.getByTestId("present-button")).toContainText("Present");
  const lessonPx = await fontPx(page, "article.lesson > p");
  await page.locator('[data-testid="scaling-histogram"]').first().waitFor(); // widgets above have loaded and grown
  await heading.evaluate((h) => h.scrollIntoView({ block: "start" }));
  await page.keyboard.press("p");

  await expect(page).toHaveURL(slideUrl("attention", why));
  await expect(slideHeading(page)).toContainText(slides[why].title);
  await expect(page.getByTestId("presenter-count")).toHaveText(`${why + 1} / ${slides.length}`);
  // type at least 1.5× the lesson page's, at the same viewport
  const presentPx = await fontPx(page, '[data-testid="presenter-slide"] > p');
  expect(presentPx / lessonPx).toBeGreaterThanOrEqual(1.5);

  // → scrolls down while there is more of the slide below, then moves to the next slide
  for (let guard = 0; ; guard++) {
    expect(guard).toBeLessThan(20);
    const b = await box(page);
    if (b.scrollTop >= b.scrollHeight - b.clientHeight - 1) break;
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await box(page)).scrollTop).toBeGreaterThan(b.scrollTop);
    await expect(page).toHaveURL(slideUrl("attention", why));
  }
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(slideUrl("attention", why + 1));
  await expect(slideHeading(page)).toContainText(slides[why + 1].title);
  expect((await box(page)).scrollTop).toBe(0);
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(slideUrl("attention", why));
  await expect(slideHeading(page)).toContainText(slides[why].title);
  expect((await box(page)).scrollTop).toBe(0);

  // R resets the widget: the histogram's dₖ goes back to the directive's value (64 in the Markdown)
  const hist = indexOf(slides, (s) => s.body.includes("::scaling-histogram"), "with the scaling histogram");
  const dk = /::scaling-histogram\{[^}]*\bdk=(\d+)/.exec(slides[hist].body)![1];
  await gotoSlide(page, "attention", hist);
  const sh = page.locator('[data-testid="scaling-histogram"]');
  await expect(sh.getByTestId("sh-dk")).toHaveText(dk);
  await sh.getByTestId("sh-dk-slider").fill("9");
  await expect(sh.getByTestId("sh-dk")).toHaveText("512");
  await page.keyboard.press("r"); // the slider has the focus, but a slider takes no letters
  await expect(sh.getByTestId("sh-dk")).toHaveText(dk);
  await expect(page.getByTestId("presenter-toast")).toHaveText("scaling-histogram: reset to its defaults");

  // typing digits and letters into a widget's field changes the field, not the slide or the preset
  const kvSlide = indexOf(slides, (s) => s.body.includes("::kv-heads"), "with KVHeads");
  await gotoSlide(page, "attention", kvSlide);
  const kv = page.locator('[data-testid="kv-heads"]');
  await expect(kv.getByTestId("kv-bytes")).toHaveText("17.18 GB");
  await kv.getByTestId("kv-layers").selectText();
  await kv.getByTestId("kv-layers").pressSequentially("2r b?");
  // 2 layers: 2 · 2 · 32768 tokens · 32 KV heads · 128 dims · 2 bytes = 1,073,741,824 B
  await expect(kv.getByTestId("kv-bytes")).toHaveText("1.07 GB");
  await expect(kv.getByTestId("kv-preset")).toHaveValue("custom");
  await expect(page).toHaveURL(slideUrl("attention", kvSlide));
  await expect(page.getByTestId("presenter-blank")).toHaveCount(0);
  await expect(page.getByTestId("presenter-keymap")).toHaveCount(0);
  await kv.getByTestId("kv-layers").press("Escape"); // Esc in a field does not leave presenter mode
  await expect(page).toHaveURL(slideUrl("attention", kvSlide));

  // 2 on the stage: KVHeads' second preset (widgetSpecs: llama, gpt2, ours), whose fields are GPT-2's:
  // lesson-attention.spec pins its cache at 37.75 MB
  await stage(page).focus();
  await page.keyboard.press("2");
  await expect(kv.getByTestId("kv-preset")).toHaveValue("gpt2");
  await expect(kv.getByTestId("kv-bytes")).toHaveText("37.75 MB");
  await expect(page).toHaveURL(/kvh\.preset=gpt2/);

  // a slide left behind stays mounted, hidden (a widget's work goes on): back on it, it is the same element
  await kv.evaluate((el) => el.setAttribute("data-kept", "yes"));
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(slideUrl("attention", kvSlide - 1));
  await expect(kv).toBeHidden();
  await expect(async () => {
    await page.keyboard.press("ArrowRight"); // a tall slide scrolls before it turns
    await expect(page).toHaveURL(slideUrl("attention", kvSlide), { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(kv).toHaveAttribute("data-kept", "yes");
  await expect(kv.getByTestId("kv-bytes")).toHaveText("37.75 MB");

  // B blanks the screen; any key brings the slide back, without acting
  await stage(page).focus();
  await page.keyboard.press("b");
  await expect(page.getByTestId("presenter-blank")).toBeVisible();
  await page.keyboard.press("x");
  await expect(page.getByTestId("presenter-blank")).toHaveCount(0);
  await expect(page).toHaveURL(slideUrl("attention", kvSlide));

  // ? opens the key map (a dialog with the focus inside), Esc closes it
  await page.keyboard.press("?");
  const keymap = page.getByRole("dialog", { name: "Presenter keys" });
  await expect(keymap).toBeVisible();
  await expect(keymap).toContainText("scrolls down a screen first");
  expect(await keymap.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Tab");
  expect(await keymap.evaluate((d) => d.contains(document.activeElement))).toBe(true); // focus stays inside
  await page.keyboard.press("ArrowRight"); // keys inside the dialog do not move the slides
  await expect(page).toHaveURL(slideUrl("attention", kvSlide));
  await page.keyboard.press("Escape");
  await expect(keymap).toHaveCount(0);
  await expect(page).toHaveURL(slideUrl("attention", kvSlide));

  // P leaves for the lesson page at this slide's section, keeping the widget state of the query
  await page.keyboard.press("p");
  await expect(page).toHaveURL(new RegExp(`#/lessons/attention/${slides[kvSlide].section}\\?.*kvh\\.preset=gpt2`));
  await expect(page.locator(".app-header")).toBeVisible();
  await expect(kv.getByTestId("kv-bytes")).toHaveText("37.75 MB"); // the lesson page reads the preset from the URL too
  expect(errors).toEqual([]);
});

test("tensors: digits switch BroadcastAnimator's presets, R resets, F full screen, Q hand-out QR, L laser, S speaker's view", async ({ page, context }) => {
  const errors = watchErrors(page);
  const n = indexOf(tensors, (s) => s.body.includes("::broadcast-animator{preset=outer}"), "with the broadcast animator");
  await page.goto(`./?lang=en#/present/tensors/${n + 1}`);
  const ba = page.locator('.widget-host[data-widget-name="broadcast-animator"]').first();
  await expect(ba.getByTestId("ba-preset")).toHaveValue("outer");
  await expect(ba.getByTestId("ba-a")).toContainText(formatShape(broadcastPresets.outer.a.shape));

  // 2: the second preset of the spec, with its own tensors; 9: there are only four
  await page.keyboard.press("2");
  const second = broadcastPresetNames[1];
  await expect(ba.getByTestId("ba-preset")).toHaveValue(second);
  await expect(ba.getByTestId("ba-a")).toContainText(formatShape(broadcastPresets[second].a.shape)); // (2, 3)
  await expect(ba.getByTestId("ba-b")).toContainText(formatShape(broadcastPresets[second].b.shape)); // (3,)
  await expect(page.getByTestId("presenter-toast")).toHaveText(`broadcast-animator: preset 2, “${second}”`);
  await page.keyboard.press("9");
  await expect(page.getByTestId("presenter-toast")).toHaveText(`broadcast-animator has only ${broadcastPresetNames.length} presets (keys 1–${broadcastPresetNames.length}).`);
  await expect(ba.getByTestId("ba-preset")).toHaveValue(second);
  await page.keyboard.press("r");
  await expect(ba.getByTestId("ba-preset")).toHaveValue("outer");

  // F: the widget full screen (its host, with the widget's box in it); F again leaves
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => (document.fullscreenElement as HTMLElement | null)?.dataset.widgetName ?? null)).toBe("broadcast-animator");
  expect(await page.evaluate(() => document.fullscreenElement === document.querySelector('.widget-host[data-widget-name="broadcast-animator"]'))).toBe(true);
  expect(await page.evaluate(() => document.fullscreenElement?.firstElementChild?.getAttribute("data-testid"))).toBe("broadcast-animator");
  await page.keyboard.press("2"); // keys still work on the full-screen widget, and their toast shows inside it
  await expect(ba.getByTestId("ba-preset")).toHaveValue(second);
  await expect(page.locator(":fullscreen").getByTestId("presenter-toast")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/presenter-fullscreen-en-light.png" });
  await page.keyboard.press("r");
  await expect(ba.getByTestId("ba-preset")).toHaveValue("outer");
  expect(await page.evaluate(() => (document.fullscreenElement as HTMLElement | null)?.dataset.widgetName)).toBe("broadcast-animator"); // still full screen
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();

  // Q: the hand-out QR of this widget, with its link in text
  await page.keyboard.press("q");
  const qr = page.getByTestId("presenter-qr");
  await expect(qr).toBeVisible();
  await expect(qr.getByTestId("presenter-qr-url")).toContainText("#/handout/tensors/bcast");
  await expect(qr.locator('[data-testid="handout-qr"] svg')).toBeVisible();
  // the test server is localhost: the room's phones could not open this link, and the overlay says so
  await expect(qr.getByTestId("handout-local")).toContainText(`This link points at ${new URL(page.url()).host}, which only this computer can open.`);
  await page.screenshot({ path: "test-results/screenshots/presenter-qr-en-light.png" });
  await page.keyboard.press("Escape");
  await expect(qr).toHaveCount(0);

  // L: the laser pointer follows the mouse; L again turns it off
  await page.keyboard.press("l");
  await expect(page.getByTestId("presenter-laser")).toBeVisible();
  await page.mouse.move(400, 300);
  await page.mouse.move(600, 350, { steps: 5 });
  expect(await page.getByTestId("presenter-mode").evaluate((el) => getComputedStyle(el).cursor)).toBe("none");
  await page.keyboard.press("l");
  await expect(page.getByTestId("presenter-laser")).toHaveCount(0);

  // S: the speaker's view in a second window
  const [view] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("s")]);
  await expect(view).toHaveURL(/#\/presenter\/tensors/);
  await expect(page).toHaveURL(slideUrl("tensors", n));

  // the protocol (sync.ts), spoken from the second window: hello → state; goto and command move this window
  type State = { type: string; slug: string; slide: number; count: number; blank: boolean; lang: string; startedAt: number };
  const send = (message: unknown) => view.evaluate((m) => {
    const ch = new BroadcastChannel("gpt-dojo-presenter");
    ch.postMessage(m);
    ch.close();
  }, message);
  const state = () =>
    view.evaluate(
      () =>
        new Promise<State>((resolve) => {
          const ch = new BroadcastChannel("gpt-dojo-presenter");
          ch.onmessage = (e) => {
            if ((e.data as State).type !== "state") return;
            ch.close();
            resolve(e.data as State);
          };
          ch.postMessage({ type: "hello" });
        }),
    );
  const first = await state();
  expect(first).toMatchObject({ type: "state", slug: "tensors", slide: n, count: tensors.length, blank: false, lang: "en" });
  expect(first.startedAt).toBeGreaterThan(Date.now() - 5 * 60_000);
  await stage(page).evaluate((el) => (el.scrollTop = el.scrollHeight)); // at the slide's bottom, "next" moves on (as Space does)
  await send({ type: "command", command: "next" });
  await expect(page).toHaveURL(slideUrl("tensors", n + 1));
  expect((await state()).slide).toBe(n + 1);
  await send({ type: "goto", slug: "tensors", slide: 2 });
  await expect(slideHeading(page)).toContainText(tensors[2].title);
  await send({ type: "command", command: "blank" });
  await expect(page.getByTestId("presenter-blank")).toBeVisible();
  expect(await state()).toMatchObject({ slide: 2, blank: true });
  await send({ type: "command", command: "blank" });
  await expect(page.getByTestId("presenter-blank")).toHaveCount(0);
  // a reload stays on the slide and keeps the timer (sessionStorage)
  await page.reload();
  await expect(slideHeading(page)).toContainText(tensors[2].title);
  expect(await state()).toMatchObject({ slide: 2, blank: false, startedAt: first.startedAt });
  await view.close();
  expect(errors).toEqual([]);
});

test("screenshots: the Present button, then the opening slide, a slide with formulas and one with a widget, 1920×1080 and 1280×720, English and Japanese, light and dark", async ({ page }) => {
  const errors = watchErrors(page);
  for (const lang of ["en", "ja"] as const) {
    const slides = attention[lang];
    const formula = indexOf(slides, (s) => s.body.includes("$$") && !/^::[a-z]/m.test(s.body), "with display formulas and no widget");
    const widget = indexOf(slides, (s) => s.body.includes("::scaling-histogram"), "with the scaling histogram");
    for (const theme of ["light", "dark"] as const) {
      // in by the mouse: the lesson page's Present button, from the top of the lesson (its first slide)
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`./?lang=${lang}&theme=${theme}#/lessons/attention`);
      const button = page.getByTestId("present-button");
      await expect(button).toHaveText(`▶ ${lang === "en" ? "Present" : "発表する"} P`);
      await page.locator(".lesson-head").screenshot({ path: `test-results/screenshots/presenter-button-1280-${lang}-${theme}.png` });
      await button.click();
      await expect(page).toHaveURL(slideUrl("attention", 0));
      for (const [w, h] of [[1280, 720], [1920, 1080]] as const) {
        await page.setViewportSize({ width: w, height: h });
        for (const [n, what] of [[0, "cover"], [formula, "formula"], [widget, "widget"]] as const) {
          if (what === "cover" && w === 1920) continue;
          await gotoSlide(page, "attention", n);
          await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", String(n));
          if (what === "cover") await expect(page.locator(".presenter-cover h1")).toBeVisible();
          else if (what === "formula") await expect(page.locator('[data-testid="presenter-slide"] .katex-display').first()).toBeVisible();
          else await expect(page.locator('[data-testid="scaling-histogram"] [data-testid="sh-var-raw"]')).toHaveText("65.32");
          // nothing wider than the projector: the slide never scrolls sideways
          expect(await stage(page).evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `test-results/screenshots/presenter-${what}-${w}x${h}-${lang}-${theme}.png` });
        }
        if (lang === "ja" && theme === "dark" && w === 1280) {
          await page.keyboard.press("?");
          await expect(page.getByRole("dialog", { name: "発表モードのキー" })).toBeVisible();
          await page.screenshot({ path: "test-results/screenshots/presenter-keymap-1280x720-ja-dark.png" });
          await page.keyboard.press("Escape");
          await expect(page.getByRole("dialog")).toHaveCount(0);
        }
      }
    }
  }
  // a phone: the button, the opening slide, the key map
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./?lang=en&theme=light#/lessons/attention");
  await page.locator(".lesson-head").screenshot({ path: "test-results/screenshots/presenter-button-390-en-light.png" });
  await page.keyboard.press("p");
  await expect(page.locator(".presenter-cover h1")).toContainText("Attention");
  await page.screenshot({ path: "test-results/screenshots/presenter-phone-en-light.png" });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("button", { name: "Show the presenter keys (?)" }).click();
  await expect(page.getByRole("dialog", { name: "Presenter keys" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/presenter-keymap-1280x720-en-light.png" });
  await page.getByTestId("presenter-keymap-close").click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(errors).toEqual([]);
});
