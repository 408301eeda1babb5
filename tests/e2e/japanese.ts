import { expect, type Page } from "@playwright/test";

// Shared by ja-no-english.spec.ts (the pages) and lessons-ja.spec.ts (the nine lessons): issue #15's
// "a Japanese reader meets no English sentence", read from the visible text of a page.

/**
 * Waits for the widgets' code (each loads lazily), and scrolls to the bottom in a few jumps so a widget that waits
 * to be seen (an IntersectionObserver) starts too.
 */
export async function scrollThrough(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const done = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 2.5);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(40);
    if (done) break;
  }
  await expect(page.getByText(/ウィジェットを読み込み中|Loading widget/)).toHaveCount(0, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** The visible text nodes outside code, KaTeX and lang="en" that hold three or more English words in a row. */
export function englishSentences(page: Page): Promise<{ text: string; where: string }[]> {
  return page.evaluate(() => {
    const skip = "code, pre, .katex, .katex-display, [lang='en'], [lang^='en-'], script, style, noscript, textarea, .cm-editor, article.lesson em, article.lesson cite";
    // quoted material, and an acronym's expansion: GELU（Gaussian error linear unit、Hendrycks と Gimpel、2016）
    const unquote = (t: string) => t.replace(/「[^」]*」|『[^』]*』|“[^”]*”|"[^"]*"|[A-Z][A-Za-z0-9-]*[A-Z]（[^）]*）/g, " ");
    const startsInsideQuote = (n: Node) => {
      // a quotation split by markup: 「<em>…</em>」 or an acronym's gloss that began in an earlier text node
      const before = (n.previousSibling?.textContent ?? "").slice(-1);
      const after = (n.nextSibling?.textContent ?? "").slice(0, 1);
      return ("「『“（".includes(before) && before !== "") && ("」』”）".includes(after) && after !== "");
    };
    const words = /(?:^|[^A-Za-z'’])([A-Za-z]+(?:['’][a-z]+)?(?:[ \u00a0]+[A-Za-z]+(?:['’][a-z]+)?){2,})/;
    const found: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      const el = n.parentElement;
      // an acronym in the element before (a glossary link, bold) and its expansion at the start of this text
      const glossed = /[A-Z]{2,}[A-Za-z0-9-]*$/.test(n.previousSibling?.textContent ?? "") ? text.replace(/^（[^）]*）/, " ") : text;
      if (!el || !words.test(unquote(glossed)) || el.closest(skip) || startsInsideQuote(n)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || el.getClientRects().length === 0) continue;
      if (el.closest("[hidden], [aria-hidden='true'], details:not([open]) > :not(summary)")) continue;
      const path: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && path.length < 4; e = e.parentElement)
        path.unshift(e.tagName.toLowerCase() + (e.getAttribute("data-testid") ? `[data-testid=${e.getAttribute("data-testid")}]` : e.classList.length ? `.${[...e.classList].join(".")}` : ""));
      found.push({ text: text.trim().slice(0, 160), where: path.join(" > ") });
    }
    return found;
  });
}
