import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { findLesson, lessonFile } from "../course/lessons";
import { lessonHref } from "../course/route";
import { glossary } from "../i18n/glossary";
import type { Language } from "../i18n";

/**
 * #/glossary (and #/glossary/<term>): every term in English and Japanese side by side, with both definitions
 * and the lesson that teaches it. A term in the route is scrolled to and highlighted.
 */
export function GlossaryPage({ term }: { term?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [q, setQ] = useState("");
  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    if (!s) return glossary;
    return glossary.filter((g) => [g.en, g.ja, g.def.en, g.def.ja, ...g.enForms].some((x) => x.toLowerCase().includes(s)));
  }, [q]);
  useEffect(() => {
    if (term) document.getElementById(`term-${term}`)?.scrollIntoView({ block: "center" });
  }, [term]);
  return (
    <div className="page glossary-page">
      <h1>{t("glossary.title")}</h1>
      <p className="muted">{t("glossary.intro")}</p>
      <label className="glossary-filter">
        {t("glossary.filter")}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="glossary-filter" />
      </label>
      <p className="muted" aria-live="polite">
        {shown.length ? t("glossary.count", { n: shown.length }) : t("glossary.none", { q })}
      </p>
      <div className="table-scroll">
        <table className="glossary-table" data-testid="glossary-table">
          <thead>
            <tr>
              <th scope="col">{t("glossary.english")}</th>
              <th scope="col">{t("glossary.japanese")}</th>
              <th scope="col">{t("glossary.definition")}</th>
              <th scope="col">{t("glossary.taught")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => {
              const lesson = findLesson(g.lesson);
              return (
                <tr key={g.id} id={`term-${g.id}`} data-term={g.id} className={g.id === term ? "glossary-current" : undefined}>
                  <th scope="row" lang="en">
                    {g.en}
                  </th>
                  <td lang="ja">{g.ja}</td>
                  <td>
                    <span lang={lang}>{g.def[lang]}</span>
                    <br />
                    <span className="muted" lang={lang === "en" ? "ja" : "en"}>
                      {g.def[lang === "en" ? "ja" : "en"]}
                    </span>
                  </td>
                  <td>{lesson ? <a href={lessonHref(lesson.slug)}>{lessonFile(lesson, lang).file.meta.title}</a> : g.lesson}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
