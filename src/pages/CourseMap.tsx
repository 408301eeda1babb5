import { useTranslation } from "react-i18next";
import { lessons, lessonFile } from "../course/lessons";
import { lessonHref } from "../course/route";
import { useProgress } from "../hooks/useProgress";
import type { Language } from "../i18n";

/** The exercises a lesson's Markdown holds, by id (numeric, choice, … and code exercises alike).
 * Example: "::::exercise{id=a kind=numeric answer=1}\n::::\n::::code-exercise{id=b lang=python}" → ["a", "b"] */
export function exerciseIds(body: string): string[] {
  const ids = [...body.matchAll(/^::::(?:code-)?exercise\{[^}\n]*?\bid=["']?([a-z0-9-]+)/gm)].map((m) => m[1]);
  return [...new Set(ids)];
}

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
          const ids = exerciseIds(file.body);
          const solved = ids.filter((id) => progress.solved[`${lesson.slug}/${id}`]).length;
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
                {ids.length > 0 &&
                  (solved > 0 ? (
                    <span className="badge done" data-testid="map-solved">
                      {t("map.solved", { count: solved, total: ids.length })}
                    </span>
                  ) : (
                    <span className="badge" data-testid="map-solved">
                      {t("map.exercises", { count: ids.length })}
                    </span>
                  ))}
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
