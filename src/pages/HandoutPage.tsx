import { useEffect, useMemo, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { lessonAtWidgetHref } from "../course/handout";
import { findLesson, lessonFile } from "../course/lessons";
import { WidgetHost } from "../course/WidgetHost";
import { widgetSites } from "../course/widgetSites";
import { isLanguage } from "../i18n";
import "../course/handout.css";

/**
 * One widget alone (#/handout/<slug>/<widget id>), as a hand-out link opens it: the lesson's title and the section
 * the widget sits in, the widget mounted by WidgetHost (so the link's hide and lock apply, and its URL state), and
 * a link back to the lesson at this widget. A wrong slug or id says which, and lists the lesson's widget ids.
 */
export function HandoutPage({ slug, widget }: { slug: string; widget: string }) {
  const { t, i18n } = useTranslation();
  const lesson = findLesson(slug);
  const lang = isLanguage(i18n.language) ? i18n.language : "en";
  const file = lesson ? lessonFile(lesson, lang).file : null;
  const sites = useMemo(() => (file ? widgetSites(file.body, file.bodyLineOffset) : []), [file]);
  // a hand-out opens at its top, even when the page before it (same document) was scrolled
  useEffect(() => {
    window.scrollTo(0, 0); // braces: newer browsers return a Promise from scrollTo, and an effect may return only a cleanup
  }, [slug, widget]);
  if (!lesson || !file)
    return (
      <div className="page narrow handout-page" data-testid="handout">
        <h1>{t("handout.pageTitle")}</h1>
        <p role="alert" data-testid="handout-error">
          {t("handout.lessonNotFound", { slug })}
        </p>
        <p>
          <a href="#/">{t("lesson.backToMap")}</a>
        </p>
      </div>
    );
  const site = sites.find((s) => s.id === widget);
  const refreshHref = (e: SyntheticEvent<HTMLAnchorElement>) => {
    e.currentTarget.href = lessonAtWidgetHref(slug, widget, location.hash, site?.section?.id);
  };
  if (!site)
    return (
      <div className="page narrow handout-page" data-testid="handout">
        <h1>{t("handout.pageTitle")}</h1>
        <p role="alert" data-testid="handout-error">
          {t("handout.widgetNotFound", { title: file.meta.title, id: widget, ids: sites.map((s) => s.id).join(", ") || t("handout.noWidgets") })}
        </p>
        <p>
          <a href={`#/lessons/${slug}`}>{file.meta.title}</a>
        </p>
      </div>
    );
  return (
    <div className="page handout-page" data-testid="handout" lang={lang}>
      <p className="handout-where">
        {t("handout.pageTitle")} · {t("handout.fromLesson")}{" "}
        <a href={`#/lessons/${slug}`} data-testid="handout-lesson">
          {file.meta.title}
        </a>
      </p>
      <h1 data-testid="handout-section">{site.section?.text ?? file.meta.title}</h1>
      <WidgetHost use={site.use} path={file.path} handout={false} />
      <a
        className="handout-open"
        href={lessonAtWidgetHref(slug, widget, location.hash, site.section?.id)}
        // the widget keeps its state in the hash without re-rendering this page: read it again when the link is used
        onClick={refreshHref}
        onFocus={refreshHref}
        onMouseEnter={refreshHref}
        onContextMenu={refreshHref}
        data-testid="handout-open-lesson"
      >
        {t("handout.openLesson")}
      </a>
    </div>
  );
}
