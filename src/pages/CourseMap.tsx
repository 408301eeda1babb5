import { useTranslation } from "react-i18next";
import { lessons, lessonFile } from "../course/lessons";
import { lessonHref } from "../course/route";
import { solvedCount, useProgress } from "../hooks/useProgress";
import type { Language } from "../i18n";

/** #/ : every lesson as a card with its summary, length and the learner's progress. */
export function CourseMap() {
  const { t, i18n } = useTranslation();
  const progress = useProgress();
  return (
    <div className="page course-map">
      <h1>{t("map.title")}</h1>
      <p className="lead">{t("map.intro")}</p>
      <ol className="lesson-cards">
        {lessons.map((lesson) => {
          const { file } = lessonFile(lesson, i18n.language as Language);
          const visited = Boolean(progress.visited[lesson.slug]);
          const solved = solvedCount(progress, lesson.slug);
          return (
            <li key={lesson.slug} className={`card${visited ? " visited" : ""}`}>
              <a href={lessonHref(lesson.slug)} className="card-link">
                <span className="card-number" aria-hidden>
                  {String(lesson.number).padStart(2, "0")}
                </span>
                <span className="card-title">{file.meta.title}</span>
              </a>
              <p>{file.meta.summary}</p>
              <p className="card-meta">
                <span>{t("map.minutes", { count: file.meta.minutes })}</span>
                <span className={visited ? "badge done" : "badge"}>{visited ? t("map.visited") : t("map.notVisited")}</span>
                {solved > 0 && <span className="badge done">{t("map.solved", { count: solved })}</span>}
              </p>
            </li>
          );
        })}
      </ol>
      <div className="extra-cards">
        <a className="card card-link-block" href="#/lab">
          <strong>{t("map.labCard.title")}</strong>
          <span>{t("map.labCard.text")}</span>
        </a>
        <a className="card card-link-block" href="#/device">
          <strong>{t("map.deviceCard.title")}</strong>
          <span>{t("map.deviceCard.text")}</span>
        </a>
      </div>
    </div>
  );
}
