import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkDirective from "remark-directive";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import { parseLessonSource } from "../../src/course/frontmatter";
import { splitSlides } from "../../src/presenter/slides";
import { watchErrors } from "./helpers";

// The speaker's view (#/presenter/attention) and the projected window (#/present/attention/<n>) as two pages of one
// browser context, so their BroadcastChannel reaches both. Expected titles and notes come from the lesson files at
// test time, through the same splitSlides the app uses, so lessons can gain notes and slides without editing this.
const SLUG = "attention";
const lesson = (lang: "en" | "ja") => {
  const path = `lessons/06-attention/${lang}.md`;
  const { meta, body } = parseLessonSource(path, readFileSync(path, "utf8"));
  return { title: meta.title, slides: splitSlides(body) };
};
const en = lesson("en");
const ja = lesson("ja");
const titleOf = (l: typeof en, i: number) => (l.slides[i].title || l.title) + (l.slides[i].part > 1 ? ` (${l.slides[i].part})` : "");

/** A line of plain text from a slide's notes Markdown (its first text node), as the rendered notes must show it; null when no notes. */
function notesLine(notes: string): string | null {
  if (!notes) return null;
  let line = "";
  visit(unified().use(remarkParse).use(remarkDirective).parse(notes) as Root, "text", (n) => {
    if (!line && n.value.trim().length >= 8) line = n.value.trim().split("\n")[0];
  });
  return line || null;
}

async function expectSlide(view: Page, l: typeof en, i: number, noNotes = "No notes for this slide.") {
  await expect(view.getByTestId("pv-title")).toHaveText(titleOf(l, i));
  const line = notesLine(l.slides[i].notes);
  if (line) await expect(view.getByTestId("pv-notes")).toContainText(line);
  else await expect(view.getByTestId("pv-notes")).toHaveText(noNotes);
}

/** Opens the projected window at slide n (1-based) with its own size, then the speaker's view. */
async function openBoth(context: BrowserContext, query: string, n = 1) {
  const projected = await context.newPage();
  await projected.setViewportSize({ width: 1920, height: 1080 });
  await projected.goto(`./?${query}#/present/${SLUG}/${n}`);
  await expect(projected.getByTestId("presenter-slide")).toBeVisible();
  const view = await context.newPage();
  await view.goto(`./?${query}#/presenter/${SLUG}`);
  await expect(view.getByTestId("presenter-view")).toHaveAttribute("data-status", "connected");
  return { projected, view };
}

test("the speaker's view follows the projected window, drives it, times the talk, and notices when it closes", async ({ context }) => {
  test.setTimeout(60_000);
  const N = en.slides.length;
  expect(N, "lesson 6 has slides").toBeGreaterThan(3);
  const { projected, view } = await openBoth(context, "lang=en&theme=light");
  const errors = [...watchErrors(projected), ...watchErrors(view)];

  // in step from the start: slide 1, its title, n / N and its notes; the next slide's title in the preview
  await expect(view.getByTestId("pv-count")).toHaveText(`Slide 1 of ${N}`);
  await expectSlide(view, en, 0);
  await expect(view.getByTestId("pv-next-title")).toHaveText(titleOf(en, 1));
  // the two windows' titles differ, so the presenter can tell which one to share on the projector
  await expect(view).toHaveTitle(`Speaker's view · ${en.title} · GPT Dojo`);
  await expect(projected).toHaveTitle(`${en.title} · GPT Dojo`);

  // → in the projected window moves the view (a tall slide scrolls before it turns, so press until it turns)
  await expect(async () => {
    await projected.keyboard.press("ArrowRight");
    await expect(view.getByTestId("pv-count")).toHaveText(`Slide 2 of ${N}`, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expectSlide(view, en, 1);
  await expect(view.getByTestId("pv-slide-list").locator('[aria-current="step"]')).toContainText(titleOf(en, 1));

  // the slide list and End/Home in the view move the projected window (its URL and heading)
  await view.getByTestId("pv-slide-list").getByRole("button").nth(3).click();
  await expect(projected).toHaveURL(new RegExp(`#/present/${SLUG}/4(\\?|$)`));
  await expect(view.getByTestId("pv-count")).toHaveText(`Slide 4 of ${N}`);
  await expectSlide(view, en, 3);
  if (en.slides[3].part === 1) await expect(projected.getByTestId("presenter-slide").locator("h2").first()).toContainText(en.slides[3].title);
  await view.keyboard.press("End");
  await expect(projected).toHaveURL(new RegExp(`#/present/${SLUG}/${N}(\\?|$)`));
  await expect(view.getByTestId("pv-next-title")).toHaveText("This is the last slide.");
  await view.keyboard.press("Home");
  await expect(projected).toHaveURL(new RegExp(`#/present/${SLUG}/1(\\?|$)`));
  await expect(view.getByTestId("pv-count")).toHaveText(`Slide 1 of ${N}`);

  // → in the view moves the projected window: the same rule as a key there (scroll a tall slide, then turn)
  await expect(async () => {
    await view.keyboard.press("ArrowRight");
    await expect(projected).toHaveURL(new RegExp(`#/present/${SLUG}/2(\\?|$)`), { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(view.getByTestId("pv-title")).toHaveText(titleOf(en, 1));
  await view.keyboard.press("ArrowLeft");
  await expect(projected).toHaveURL(new RegExp(`#/present/${SLUG}/1(\\?|$)`));

  // B in the view blanks the projected window, and the view says so; B again shows it
  await view.keyboard.press("b");
  await expect(projected.getByTestId("presenter-blank")).toBeVisible();
  await expect(view.getByTestId("pv-blanked")).toBeVisible();
  await expect(view.getByTestId("pv-blank")).toHaveAttribute("aria-pressed", "true");
  await view.getByTestId("pv-blank").click(); // the button, for mouse use
  await expect(projected.getByTestId("presenter-blank")).toHaveCount(0);
  await expect(view.getByTestId("pv-blanked")).toHaveCount(0);

  // ? shows the key list here (not on the projector), Escape closes it
  await view.keyboard.press("?");
  await expect(view.locator(".pv-keys")).toHaveAttribute("open", "");
  await expect(view.locator(".pv-keylist")).toContainText("widget preset");
  await expect(projected.getByTestId("presenter-keymap")).toHaveCount(0);
  await view.locator(".pv-side").screenshot({ path: "test-results/screenshots/presenter-view-keys-en-light.png" });
  await view.keyboard.press("Escape");
  await expect(view.locator(".pv-keys")).not.toHaveAttribute("open", "");

  // keys never fire while typing: the language select takes letters and arrows itself
  await view.getByTestId("pv-language").focus();
  await view.keyboard.press("b");
  await expect(view.getByTestId("pv-blanked")).toHaveCount(0);
  await view.getByTestId("pv-language").blur();

  // the timer counts from the projected window's start; pause holds it, reset brings it to 00:00
  const seconds = async () => {
    const [m, s] = (await view.getByTestId("pv-elapsed").textContent())!.split(":").map(Number);
    return m * 60 + s;
  };
  const first = await seconds();
  await expect.poll(seconds, { timeout: 5000 }).toBeGreaterThanOrEqual(first + 1);
  await expect(view.getByTestId("pv-clock")).toHaveText(/^([01]\d|2[0-3]):[0-5]\d$/);
  await view.getByTestId("pv-pause").click();
  const held = await view.getByTestId("pv-elapsed").textContent();
  await view.waitForTimeout(1500);
  await expect(view.getByTestId("pv-elapsed")).toHaveText(held!);
  await view.getByTestId("pv-reset-timer").click();
  await expect(view.getByTestId("pv-elapsed")).toHaveText("00:00");
  await expect(view.getByTestId("pv-pause")).toHaveText("Resume");
  await view.getByTestId("pv-pause").press("Enter"); // the keyboard reaches it too: Enter resumes
  await expect(view.getByTestId("pv-pause")).toHaveText("Pause");
  await expect(view.getByTestId("pv-elapsed")).toHaveText("00:01", { timeout: 3000 });

  // the projected window closes: within the 5 s timeout (plus a heartbeat) the view says it is not responding
  await projected.close();
  await expect(view.getByTestId("pv-status")).toContainText("Projected window not responding", { timeout: 10_000 });
  await expect(view.getByTestId("presenter-view")).toHaveAttribute("data-status", "lost");
  await view.screenshot({ path: "test-results/screenshots/presenter-view-lost-en-light.png" });
  // the view still pages through its own copy, and reopens the projection at its slide
  await view.keyboard.press("ArrowRight");
  await expect(view.getByTestId("pv-count")).toHaveText(`Slide 2 of ${N}`);
  const [reopened] = await Promise.all([context.waitForEvent("page"), view.getByTestId("pv-open").click()]);
  await expect(reopened).toHaveURL(new RegExp(`#/present/${SLUG}/2(\\?|$)`));
  await expect(view.getByTestId("presenter-view")).toHaveAttribute("data-status", "connected");
  await expect(view.getByTestId("pv-status")).toContainText("In step with the projected window.");
  expect(errors).toEqual([]);
});

test("the notes follow the projected window's language; screenshots in English and Japanese, light and dark", async ({ context }) => {
  test.setTimeout(60_000);
  // alone, the view says so, offers to open the projection, and pages through its own copy of the slides
  {
    const view = await context.newPage();
    await view.setViewportSize({ width: 390, height: 844 });
    await view.goto(`./?lang=en&theme=light#/presenter/${SLUG}`);
    await expect(view.getByTestId("presenter-view")).toHaveAttribute("data-status", "waiting");
    await expect(view.getByTestId("pv-status")).toContainText("No projected window yet.");
    await expect(view.getByTestId("pv-open")).toHaveText("Open the projected window");
    await view.keyboard.press("PageDown");
    await expect(view.getByTestId("pv-title")).toHaveText(titleOf(en, 1));
    await view.screenshot({ path: "test-results/screenshots/presenter-view-waiting-phone-en-light.png", fullPage: true });
    await view.close();
  }
  // English chrome, Japanese projection: the notes and titles are ja.md's
  {
    const projected = await context.newPage();
    await projected.goto(`./?lang=ja#/present/${SLUG}/1`);
    const view = await context.newPage();
    await view.goto(`./?lang=en#/presenter/${SLUG}`);
    await expect(view.getByTestId("presenter-view")).toHaveAttribute("data-status", "connected");
    await expect(view.getByTestId("pv-title")).toHaveText(titleOf(ja, 0));
    await expectSlide(view, ja, 0, "No notes for this slide.");
    await expect(view.getByText("Notes in 日本語, the projected window's language.")).toBeVisible();
    await projected.close();
    await view.close();
  }
  // a slide with notes when the lessons have some, else the second slide; the view's ☾/☀ button switches the theme
  const withNotes = Math.max(1, en.slides.findIndex((s, i) => i > 0 && s.notes));
  for (const lang of ["en", "ja"] as const) {
    const { projected, view } = await openBoth(context, `lang=${lang}&theme=light`, withNotes + 1);
    const l = lang === "en" ? en : ja;
    await expect(view.getByTestId("pv-count")).toHaveText(lang === "en" ? `Slide ${withNotes + 1} of ${l.slides.length}` : `スライド ${withNotes + 1} / ${l.slides.length}`);
    await expectSlide(view, l, withNotes, lang === "en" ? "No notes for this slide." : "このスライドにはノートがありません。");
    await view.screenshot({ path: `test-results/screenshots/presenter-view-${lang}-light.png` });
    await view.getByTestId("pv-theme").click();
    await expect(view.locator("html")).toHaveAttribute("data-theme", "dark");
    await view.screenshot({ path: `test-results/screenshots/presenter-view-${lang}-dark.png` });
    await view.setViewportSize({ width: 1440, height: 900 });
    await view.screenshot({ path: `test-results/screenshots/presenter-view-${lang}-dark-1440.png` });
    await view.getByTestId("pv-theme").click(); // back to light: the choice is kept for the next pages
    await projected.close();
    await view.close();
  }
});
