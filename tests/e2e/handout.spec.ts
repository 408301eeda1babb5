import { test, expect, type Page } from "@playwright/test";
import QRCode from "qrcode";
import { watchErrors } from "./helpers";

// E2E_PORT=4335 E2E_DIST=dist-4335 node scripts/e2e.mjs tests/e2e/handout.spec.ts
const host = (page: Page, id: string) => page.locator(`.widget-host[data-widget-id="${id}"]`);
const panel = (page: Page) => page.locator('[data-testid="sampling-panel"][data-id="sp"]');

/** The counts of 1000 draws the panel shows, token → count. */
async function counts(page: Page): Promise<Record<string, string | null>> {
  const w = panel(page);
  const out: Record<string, string | null> = {};
  for (const tok of ["forward", "toward", "closer"]) out[tok] = await w.getByTestId(`sp-count-${tok}`).getAttribute("data-count");
  return out;
}

test("a hand-out link reopens the sampling panel with its settings and seed, a control hidden and one locked", async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/decoding");
  const w = panel(page);
  await w.getByTestId("sp-topk").fill("3");
  // lesson-decoding.spec.ts: rasbt's toy logits at T = 1, top-k 3 give "forward" 0.5775
  await expect(w.getByTestId("sp-p-forward")).toHaveText("0.5775 (57.8%)");
  await w.getByTestId("sp-seed").fill("7");
  await w.getByTestId("sp-sample").click();
  const drawn = await counts(page);
  expect(Number(drawn.forward) + Number(drawn.toward) + Number(drawn.closer)).toBe(1000); // top-k 3 keeps only these three

  // the dialog: every marked setting listed, shown by default
  const button = host(page, "sp").getByTestId("handout-button");
  await button.click();
  const dialog = page.getByTestId("handout-dialog");
  await expect(dialog).toBeVisible();
  for (const f of ["source", "t", "k", "p", "greedy", "seed"]) await expect(dialog.getByTestId(`handout-show-${f}`)).toBeChecked();
  await expect(dialog.getByTestId("handout-field-k")).toContainText("3");
  await dialog.getByTestId("handout-hide-p").check();
  await dialog.getByTestId("handout-lock-k").check();
  const url = await dialog.getByTestId("handout-url").inputValue();
  const origin = new URL(page.url()).origin;
  expect(url).toBe(`${origin}/#/handout/decoding/sp?sp.k=3&sp.seed=7&sp.hide=p&sp.lock=k`);
  // the QR code is of this link: as many modules a side as qrcode's own encoding (error correction M) has, plus
  // the 2-module quiet zone on each side. No QR decoder is installed, so this is the check.
  const size = QRCode.create(url, { errorCorrectionLevel: "M" }).modules.size;
  await expect(dialog.locator('[data-testid="handout-qr"] svg')).toHaveAttribute("viewBox", `0 0 ${size + 4} ${size + 4}`);
  // Copy: the clipboard holds the link
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await dialog.getByTestId("handout-copy").click();
  await expect(dialog.getByTestId("handout-copy-status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  // keyboard: Tab stays in the dialog; Esc closes it and gives focus back to the button
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="handout-dialog"]'))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
  // the instructor's own page is unchanged: nothing hidden or locked there
  await expect(w.getByTestId("sp-topp")).toBeVisible();
  await expect(w.getByTestId("sp-topk")).toBeEditable();

  // a student opens the link in a new page
  const student = await context.newPage();
  const studentErrors = watchErrors(student);
  await student.goto(url);
  const s = panel(student);
  await expect(student.getByTestId("handout-section")).toBeVisible();
  await expect(s.getByTestId("sp-p-forward")).toHaveText("0.5775 (57.8%)");
  await expect(s.getByTestId("sp-seed")).toHaveValue("7");
  await expect(s.getByTestId("sp-topk")).toHaveValue("3");
  // hidden: top-p is not there to see
  await expect(s.getByTestId("sp-topp")).toBeHidden();
  await expect(s.locator('[data-field="p"]')).toHaveAttribute("hidden", "");
  // locked: visible, marked, and typing into it changes nothing
  const k = s.getByTestId("sp-topk");
  await expect(k).toBeVisible();
  await expect(s.locator('[data-field="k"]')).toHaveAttribute("aria-disabled", "true");
  await expect(s.locator('.handout-lock[data-for="k"]')).toHaveAttribute("title", "Set by your instructor");
  await k.click({ force: true });
  await student.keyboard.type("5");
  await student.keyboard.press("Backspace");
  await expect(k).toHaveValue("3");
  expect(await k.evaluate((el) => document.activeElement === el)).toBe(false);
  // the same seed, the same draws
  await s.getByTestId("sp-sample").click();
  expect(await counts(student)).toEqual(drawn);
  // the widget's own Reset: the seed (shown, unlocked) goes back to its default, the locked top-k stays 3
  await s.getByTestId("sp-reset").click();
  await expect(s.getByTestId("sp-seed")).toHaveValue("123");
  await expect(panel(student).getByTestId("sp-topk")).toHaveValue("3");
  await expect(panel(student).getByTestId("sp-p-forward")).toHaveText("0.5775 (57.8%)");
  await expect(panel(student).getByTestId("sp-topp")).toBeHidden();
  expect(new URL(student.url()).hash).toBe("#/handout/decoding/sp?sp.hide=p&sp.lock=k&sp.k=3");
  // the link back to the lesson carries the settings, not the hide and lock
  await student.getByTestId("handout-open-lesson").hover();
  const back = await student.getByTestId("handout-open-lesson").getAttribute("href");
  expect(back).toMatch(/^#\/lessons\/decoding\/[\w-]+\?sp\.k=3$/);
  // it fits a phone
  await student.setViewportSize({ width: 390, height: 844 });
  await expect(s.getByTestId("sp-p-forward")).toBeVisible();
  expect(await student.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(studentErrors).toEqual([]);
  expect(errors).toEqual([]);
});

test("the beam tree's hand-out link: its width and steps reproduce the same best beam; a wrong id lists the lesson's widgets", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/handout/decoding/beam?beam.width=2&beam.hide=seed&beam.lock=width");
  const w = page.locator('[data-testid="beam-tree"][data-id="beam"]');
  await expect(w.getByTestId("bt-width")).toHaveValue("2");
  await expect(w.getByTestId("bt-seed")).toBeHidden();
  await w.getByTestId("bt-run").click();
  // lesson-decoding.spec.ts: width 2 on the two-step toy ends at B y, 0.36
  await expect(w.getByTestId("bt-best")).toHaveAttribute("data-text", "B y");
  await expect(w.getByTestId("bt-best")).toHaveAttribute("data-p", "0.36");
  await expect(page.getByTestId("handout-button")).toHaveCount(0); // students get no hand-out button

  await page.goto("./?lang=en#/handout/decoding/nope");
  const alert = page.getByTestId("handout-error");
  await expect(alert).toContainText("no widget with the id “nope”");
  await expect(alert).toContainText("sp, spm");
  await expect(alert).toContainText("beam");
  await page.goto("./?lang=ja#/handout/nolesson/sp");
  await expect(page.getByTestId("handout-error")).toContainText("「nolesson」というレッスンはない");
  expect(errors).toEqual([]);
});

test("screenshots: the hand-out page (phone and desktop, English and Japanese, light and dark) and the dialog", async ({ page }) => {
  test.setTimeout(180_000); // 16 page loads; a busy 2-core machine needed 2 minutes
  const sizes = { phone: [390, 844], desktop: [1280, 800], projector: [1920, 1080] } as const;
  const combos: { lang: string; theme: string; name: keyof typeof sizes }[] = ["en", "ja"].flatMap((lang) => ["light", "dark"].flatMap((theme) => (["phone", "desktop"] as const).map((name) => ({ lang, theme, name }))));
  combos.push({ lang: "en", theme: "light", name: "projector" }, { lang: "ja", theme: "dark", name: "projector" });
  for (const { lang, theme, name } of combos) {
    const [vw, vh] = sizes[name];
    const tag = `${name}-${lang}-${theme}`;
    await page.setViewportSize({ width: vw, height: vh });
    await page.goto(`./?lang=${lang}&theme=${theme}&shot=${tag}#/handout/decoding/sp?sp.k=3&sp.seed=7&sp.hide=p&sp.lock=k&lang=${lang}`);
    await expect(panel(page).getByTestId("sp-p-forward")).toBeVisible();
    await expect(page.locator('.handout-lock[data-for="k"]')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), tag).toBeLessThanOrEqual(vw);
    await page.screenshot({ path: `test-results/screenshots/handout-page-${tag}.png` });
  }
  // the dialog (the lesson page is heavy, so two combinations: each language and theme once; the first test's
  // dialog runs at the 1280×800 default)
  const dialogCombos = [
    { lang: "ja", theme: "dark", name: "phone" },
    { lang: "en", theme: "light", name: "projector" },
  ] as const;
  for (const { lang, theme, name } of dialogCombos) {
    const [vw, vh] = sizes[name];
    const tag = `${name}-${lang}-${theme}`;
    await page.setViewportSize({ width: vw, height: vh });
    await page.goto(`./?lang=${lang}&theme=${theme}&shot=${tag}#/lessons/decoding?sp.k=3`);
    const button = host(page, "sp").getByTestId("handout-button");
    await expect(button).toBeVisible();
    // the widget's top just below the sticky header, where its Hand out button sits
    await host(page, "sp").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 140));
    await page.screenshot({ path: `test-results/screenshots/handout-button-${tag}.png` });
    await button.click();
    await page.getByTestId("handout-dialog").getByTestId("handout-lock-k").check();
    await expect(page.locator('[data-testid="handout-qr"] svg')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/handout-dialog-${tag}.png` });
    await page.getByTestId("handout-qr").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/handout-dialog-qr-${tag}.png` });
  }
});
