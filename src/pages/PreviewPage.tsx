import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LessonMarkdown } from "../course/LessonMarkdown";
import { widgetNames } from "../course/widgetSpecs";
import { hashQuery } from "../i18n";

const starter = "## Try a widget\n\n::matmul-demo{m=2 k=3 n=2}\n\nInline math $a^2 + b^2 = c^2$ and a bad directive:\n\n::no-such-widget{x=1}\n";

/**
 * #/preview: a scratch pad for lesson authors. Type Markdown with math and widget directives and see it
 * rendered exactly as a lesson would be, error boxes included. ?src= preloads the text (for links and tests).
 */
export function PreviewPage() {
  const { t } = useTranslation();
  const [source, setSource] = useState(() => hashQuery().get("src") ?? starter);
  return (
    <div className="page preview-layout">
      <div>
        <h1>{t("preview.title")}</h1>
        <p className="muted">{t("preview.intro", { widgets: widgetNames.join(", ") })}</p>
        <label htmlFor="preview-source" className="visually-hidden">
          {t("preview.source")}
        </label>
        <textarea id="preview-source" value={source} onChange={(e) => setSource(e.target.value)} spellCheck={false} rows={16} />
      </div>
      <article className="lesson" aria-label={t("preview.rendered")}>
        <LessonMarkdown body={source} path="preview" slug="preview" lineOffset={0} />
      </article>
    </div>
  );
}
