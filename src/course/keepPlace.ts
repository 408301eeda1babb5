import { useEffect } from "react";

/**
 * Switching language keeps the reader's place: the lesson stays (the route does not change), widget state stays
 * (it lives in the URL), and this module keeps the section. Before the switch, rememberPlace() notes which
 * heading of the lesson the reader is in (by position: en.md and ja.md have the same sections in the same
 * order) and how far into it; after the new language renders, useRestorePlace scrolls there.
 */
let pending: { index: number; into: number } | null = null;

function headings(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("article.lesson h2, article.lesson h3")];
}

/** The heading the reader is in: the last one whose top is above a line 30% down the window. */
export function sectionAt(tops: number[], line: number): number {
  let at = -1;
  tops.forEach((top, i) => {
    if (top <= line) at = i;
  });
  return at;
}

export function rememberPlace(): void {
  const hs = headings();
  if (hs.length === 0) return;
  const line = window.innerHeight * 0.3;
  const index = sectionAt(hs.map((h) => h.getBoundingClientRect().top), line);
  pending = { index, into: index >= 0 ? line - hs[index].getBoundingClientRect().top : 0 };
}

/** After a language change has rendered: back to the remembered section, the same distance into it. */
export function useRestorePlace(lang: string, ready: boolean): void {
  useEffect(() => {
    if (!pending || !ready) return;
    const place = pending;
    pending = null;
    const hs = headings();
    if (place.index < 0 || !hs[place.index]) return;
    const h = hs[place.index];
    window.scrollTo({ top: h.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.3 + place.into });
    // the deep link follows the section in the new language
    const m = /^#\/lessons\/([^/?]+)(\/[^?]*)?(\?.*)?$/.exec(location.hash);
    if (m && h.id) history.replaceState(history.state, "", `${location.pathname}${location.search}#/lessons/${m[1]}/${h.id}${m[3] ?? ""}`);
  }, [lang, ready]);
}
