import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import "./presenter.css";
import { presentHref } from "../course/route";
import { describeTarget, hashQueryString, isPresentKey, sectionAt } from "./keys";
import { slideOfSection, splitSlides } from "./slides";

/**
 * The lesson page's way into presenter mode: the P key and the Present button both open #/present/<slug>/<n> at
 * the slide of the section being read, keeping the hash query (widget state, language) so the widgets on the
 * slides show what the reader set.
 */

/** The h2 being read: the last one above the reading line, a third of the way down what the sticky header leaves. */
function sectionInView(): string {
  const header = document.querySelector(".app-header")?.getBoundingClientRect().bottom ?? 0;
  const line = header + 0.3 * (window.innerHeight - header);
  const headings = [...document.querySelectorAll<HTMLElement>("article.lesson h2[id]")].map((h) => ({ id: h.id, top: h.getBoundingClientRect().top }));
  return sectionAt(headings, line);
}

/** Opens presenter mode on lesson `slug` (whose Markdown body is `body`) at the section in view. */
export function enterPresenter(slug: string, body: string): void {
  const slide = slideOfSection(splitSlides(body), sectionInView());
  const query = hashQueryString(location.hash);
  location.hash = `${presentHref(slug, slide)}${query ? `?${query}` : ""}`;
}

/** P on the lesson page enters presenter mode (not while typing in a field or an editor, not with a modifier). */
export function usePresentKey(slug: string, body: string | undefined): void {
  useEffect(() => {
    if (body === undefined) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isPresentKey(e, describeTarget(e.target)) || document.querySelector("dialog[open]")) return;
      e.preventDefault();
      enterPresenter(slug, body);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [slug, body]);
}

/** The lesson header's Present button, with its shortcut shown, for mouse users. */
export function PresentButton({ slug, body }: { slug: string; body: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="present-button" onClick={() => enterPresenter(slug, body)} aria-keyshortcuts="P" title={t("presenter.presentTitle")} data-testid="present-button">
      <span aria-hidden>▶</span> {t("presenter.present")} <kbd aria-hidden>P</kbd>
    </button>
  );
}
