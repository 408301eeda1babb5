import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { findLesson, lessonFile, lessons, tableOfContents } from "../course/lessons";
import { LessonMarkdown } from "../course/LessonMarkdown";
import { lessonHref } from "../course/route";
import { markVisited } from "../hooks/useProgress";
import type { Language } from "../i18n";
import { NotFound } from "./NotFound";

/** #/lessons/<slug>[/<section>]: the lesson text, its contents, and previous/next. */
export function LessonPage({ slug, section }: { slug: string; section?: string }) {
  const { t, i18n } = useTranslation();
  const lesson = findLesson(slug);
  const index = lessons.findIndex((l) => l.slug === slug);
  const shown = lesson ? lessonFile(lesson, i18n.language as Language) : null;
  const toc = useMemo(() => (shown ? tableOfContents(shown.file.body) : []), [shown]);

  useEffect(() => {
    if (lesson) markVisited(lesson.slug);
  }, [lesson]);

  useEffect(() => {
    // Deep link: scroll to the section and move focus there, so keyboard users continue from it.
    const target = section ? document.getElementById(section) : null;
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    } else window.scrollTo(0, 0);
  }, [slug, section]);

  if (!lesson || !shown) return <NotFound path={`/lessons/${slug}`} message={t("lesson.notFound", { slug })} hint={t("lesson.notFoundHint")} />;
  const { file, fallback } = shown;
  const prev = lessons[index - 1];
  const next = lessons[index + 1];
  const title = (l: (typeof lessons)[number]) => lessonFile(l, i18n.language as Language).file.meta.title;

  return (
    <div className="page lesson-layout">
      <nav className="toc" aria-label={t("lesson.contents")}>
        <a href="#/" className="back">
          ← {t("lesson.backToMap")}
        </a>
        <h2>{t("lesson.contents")}</h2>
        <ul>
          {toc.map((e) => (
            <li key={e.id} className={`toc-${e.depth}${e.id === section ? " current" : ""}`}>
              <a href={lessonHref(slug, e.id)}>{e.text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <article className="lesson" lang={fallback ? "en" : i18n.language}>
        <header>
          <p className="lesson-number">
            {String(lesson.number).padStart(2, "0")} · {t("lesson.minutes", { count: file.meta.minutes })}
          </p>
          <h1>{file.meta.title}</h1>
          <p className="lead">{file.meta.summary}</p>
          {fallback && i18n.language === "ja" && (
            <p className="notice" lang="ja">
              {t("lesson.jaPending")}
            </p>
          )}
        </header>
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
