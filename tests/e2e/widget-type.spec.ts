import { test, expect, type Page } from "@playwright/test";
import { lessonSlugs, watchErrors } from "./helpers";

// Readable at the back of a room: on a 1920×1080 projector every number and caption a widget shows, HTML, SVG or
// form control, is drawn at least as large as the projector minimum for body text (lesson-sizes.spec.ts: 18 px).
// SVG text is measured as drawn: its font size times the scale of its viewBox on screen.
// The embedded lab (figure/div .gpt-lab) is measured by tests/e2e/lab*.spec.ts, which its owners keep.
const PROJECTOR_MIN_PX = 18;

interface Small {
  widget: string;
  text: string;
  px: number;
}

/** Every visible text in every widget on the page whose drawn size is below `min` px. */
async function smallText(page: Page, min: number): Promise<Small[]> {
  return page.evaluate((min) => {
    const out: { widget: string; text: string; px: number }[] = [];
    const drawnPx = (el: Element): number => {
      const css = parseFloat(getComputedStyle(el).fontSize);
      if (!(el instanceof SVGElement) || el instanceof SVGSVGElement) return css;
      const m = (el as SVGGraphicsElement).getScreenCTM?.();
      return m ? css * Math.hypot(m.a, m.b) : css;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0;
    };
    for (const widget of document.querySelectorAll<HTMLElement>(".widget:not(.gpt-lab):not(.widget-loading)")) {
      const name = [...widget.classList].find((c) => c !== "widget") ?? "widget";
      const seen = new Set<Element>();
      const walker = document.createTreeWalker(widget, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || seen.has(el) || !n.textContent?.trim()) continue;
        seen.add(el);
        if (el.closest(".katex-mathml, option, script, style") || !visible(el)) continue;
        const px = drawnPx(el);
        if (px < min - 0.05) out.push({ widget: name, text: n.textContent.trim().slice(0, 40), px: Math.round(px * 10) / 10 });
      }
      for (const el of widget.querySelectorAll("input:not([type=range]):not([type=checkbox]):not([type=radio]), select, textarea")) {
        if (!visible(el)) continue;
        const px = drawnPx(el);
        if (px < min - 0.05) out.push({ widget: name, text: `<${el.tagName.toLowerCase()}>`, px: Math.round(px * 10) / 10 });
      }
    }
    return out;
  }, min);
}

for (const slug of lessonSlugs) {
  test(`${slug} at 1920×1080: no widget text below ${PROJECTOR_MIN_PX} px`, async ({ page }) => {
      test.setTimeout(180_000);
      const errors = watchErrors(page);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`./?lang=en#/lessons/${slug}`);
      const widgets = page.locator("figure.widget");
      await expect(widgets.first()).toBeVisible({ timeout: 60_000 });
      await expect(page.getByText("Loading widget…")).toHaveCount(0, { timeout: 60_000 });
      // widgets that compute (the demo model, TF.js) fill in their numbers once loaded
      await expect(page.locator(".widget .widget-loading")).toHaveCount(0, { timeout: 90_000 });
      const count = await widgets.count();
      expect(count).toBeGreaterThan(0);
      // the body text itself meets the minimum, so the bar is the page's own
      const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("article.lesson p")!).fontSize));
      expect(bodyPx).toBeGreaterThanOrEqual(PROJECTOR_MIN_PX);
      const small = await smallText(page, PROJECTOR_MIN_PX);
      expect(small, `Widget text under ${PROJECTOR_MIN_PX} px at 1920×1080 in ${slug}:\n${small.map((s) => `${s.widget}: "${s.text}" ${s.px}px`).join("\n")}`).toEqual([]);
      expect(errors).toEqual([]);
    });
}
