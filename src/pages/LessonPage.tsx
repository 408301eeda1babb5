import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { findLesson, lessonFile, lessons, tableOfContents } from "../course/lessons";
import { LessonMarkdown } from "../course/LessonMarkdown";
import { lessonHref } from "../course/route";
import { useRestorePlace } from "../course/keepPlace";
import { PhraseBreaks } from "../course/phrases";
import { markVisited } from "../hooks/useProgress";
import type { Language } from "../i18n";
import { NotFound } from "./NotFound";
import { PresentButton, usePresentKey } from "../presenter/enter";

/** The first widget whose state a URL carries: "#/lessons/decoding?lang=ja&beam.width=3" → "beam" (its data-id). */
export function widgetInUrl(hash: string): string | null {
  const q = hash.indexOf("?");
  for (const key of new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "").keys()) {
    const dot = key.indexOf(".");
    if (dot > 0) return key.slice(0, dot);
  }
  return null;
}

/**
 * Brings the widget with data-id `id` into view once it has loaded (widgets load lazily), and keeps it there while
 * the widgets above it finish loading and grow, until the learner scrolls, types or clicks. Returns a cleanup.
 */
function scrollToWidget(id: string): () => void {
  const stopAt = Date.now() + 15_000;
  let done = false;
  let target: HTMLElement | null = null;
  const place = () => {
    target ??= document.querySelector<HTMLElement>(`.widget[data-id="${CSS.escape(id)}"]`);
    if (target) target.scrollIntoView({ block: "start" });
  };
  const observer = new MutationObserver(() => (Date.now() > stopAt ? stop() : place()));
  const stop = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    for (const e of ["wheel", "touchstart", "keydown", "mousedown"]) window.removeEventListener(e, stop);
  };
  for (const e of ["wheel", "touchstart", "keydown", "mousedown"]) window.addEventListener(e, stop, { passive: true });
  observer.observe(document.querySelector("main") ?? document.body, { childList: true, subtree: true });
  place();
  return stop;
}

/** The phone layout's breakpoint (styles.css: .lesson-layout's one column). */
const NARROW = "(max-width: 760px)";
function subscribeNarrow(onChange: () => void): () => void {
  const mq = window.matchMedia(NARROW);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
}

/** The id of the last heading in `ids` whose top is above `offset` px from the top of the window, or the first. */
function currentHeading(ids: string[], offset: number): string | undefined {
  let current = ids[0];
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el && el.getBoundingClientRect().top <= offset) current = id;
  }
  return current;
}

/** #/lessons/<slug>[/<section>]: the lesson text, its contents, and previous/next. */
export function LessonPage({ slug, section }: { slug: string; section?: string }) {
  const { t, i18n } = useTranslation();
  const lesson = findLesson(slug);
  const index = lessons.findIndex((l) => l.slug === slug);
  // a stale Japanese translation can be swapped for the current English text, on request
  const [english, setEnglish] = useState(false);
  const shown = useMemo(() => {
    const picked = lesson ? lessonFile(lesson, i18n.language as Language) : null;
    return lesson && picked?.stale && english ? { ...lessonFile(lesson, "en"), fallback: true, stale: true } : picked;
  }, [lesson, i18n.language, english]);
  useRestorePlace(i18n.language, !!shown);
  const toc = useMemo(() => (shown ? tableOfContents(shown.file.body) : []), [shown]);
  usePresentKey(slug, shown?.file.body); // P: presenter mode at the section being read

  useEffect(() => {
    if (lesson) markVisited(lesson.slug);
  }, [lesson]);

  useEffect(() => {
    // Deep link: scroll to the section and move focus there, so keyboard users continue from it. A link that
    // carries a widget's state (its id before the dot of a query key) opens at that widget.
    const target = section ? document.getElementById(section) : null;
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
      return;
    }
    const widget = widgetInUrl(location.hash);
    if (widget) return scrollToWidget(widget);
    window.scrollTo(0, 0);
  }, [slug, section]);

  const narrow = useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches);

  // The contents mark the section being read: the last heading scrolled past the sticky header.
  const [reading, setReading] = useState<string | undefined>(section);
  useEffect(() => {
    const ids = toc.map((e) => e.id);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // a heading counts as read once it is in the top 30% of what the sticky header leaves visible
        const header = document.querySelector(".app-header")?.getBoundingClientRect().bottom ?? 0;
        setReading(currentHeading(ids, header + 0.3 * (window.innerHeight - header)));
      });
    };
    onScroll();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, [toc]);

  if (!lesson || !shown) return <NotFound path={`/lessons/${slug}`} message={t("lesson.notFound", { slug })} hint={t("lesson.notFoundHint")} />;
  const { file, fallback } = shown;
  const prev = lessons[index - 1];
  const next = lessons[index + 1];
  const title = (l: (typeof lessons)[number]) => lessonFile(l, i18n.language as Language).file.meta.title;

  // The title comes first in the document (a phone shows it above the contents); on a wide screen the grid puts
  // the contents in the left column beside both (styles.css, .lesson-layout).
  return (
    <div className="page lesson-layout">
      <header className="lesson lesson-head" lang={fallback ? "en" : i18n.language}>
        <p className="lesson-number">
          {String(lesson.number).padStart(2, "0")} · {t("lesson.minutes", { count: file.meta.minutes })}
        </p>
        <h1 id="lesson-title">
          <PhraseBreaks lang={fallback ? "en" : i18n.language}>{file.meta.title}</PhraseBreaks>
        </h1>
        <p className="lead">{file.meta.summary}</p>
        <PresentButton slug={slug} body={file.body} />
        {fallback && i18n.language === "ja" && !shown.stale && (
          <p className="notice" lang="ja">
            {t("lesson.jaPending")}
          </p>
        )}
        {shown.stale && (
          <p className="notice" lang="ja" data-testid="ja-stale">
            {t("lesson.jaStale")}{" "}
            <button className="link-button" onClick={() => setEnglish((e) => !e)} data-testid="ja-stale-toggle">
              {english ? t("lesson.showJapanese") : t("lesson.showEnglish")}
            </button>
          </p>
        )}
      </header>
      <nav className="toc" aria-label={t("lesson.contents")}>
        <a href="#/" className="back">
          ← {t("lesson.backToMap")}
        </a>
        {/* folded on a phone, where the list would push the lesson a screen down; open beside it on a wide screen */}
        <details key={String(narrow)} open={!narrow} data-testid="toc-details">
          <summary>
            <h2>{t("lesson.contents")}</h2>
          </summary>
          <ul>
            {toc.map((e) => (
              <li key={e.id} className={`toc-${e.depth}${e.id === reading ? " current" : ""}`}>
                <a href={lessonHref(slug, e.id)} aria-current={e.id === reading ? "location" : undefined}>
                  {e.text}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </nav>
      <article className="lesson" lang={fallback ? "en" : i18n.language} aria-labelledby="lesson-title">
        <LessonMarkdown body={file.body} path={file.path} slug={slug} lineOffset={file.bodyLineOffset} />
        <nav className="prev-next" aria-label={`${t("lesson.previous")} / ${t("lesson.next")}`}>
          {prev ? (
            <a href={lessonHref(prev.slug)} rel="prev">
              ← {t("lesson.previous")}: {title(prev)}
            </a>
          ) : (
            <span />
          )}
          {next ? (
            <a href={lessonHref(next.slug)} rel="next">
              {t("lesson.next")}: {title(next)} →
            </a>
          ) : (
            <a href="#/lab">{t("lab.title")} →</a>
          )}
        </nav>
      </article>
    </div>
  );
}
