import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import rehypeKatex from "rehype-katex";
import rehypeSlug from "rehype-slug";
import rehypeHighlight from "rehype-highlight";
import { useTranslation } from "react-i18next";
import { useMemo, type ReactNode } from "react";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github.css";
import { remarkWidgets, type WidgetUse } from "./directives";
import { WidgetHost } from "./WidgetHost";
import { Exercise, ExercisePart } from "./exercises/Exercise";
import { CodeExercise } from "./code/CodeExercise";
import { CodeTabs } from "./CodeTabs";
import { lessonHref } from "./route";
import { remarkGlossaryLinks } from "./glossaryLinks";
import { remarkCjkBreaks } from "./cjkBreaks";
import { PhraseBreaks } from "./phrases";

interface Props {
  body: string;
  path: string; // "lessons/01-tensors/en.md", for error messages
  slug: string;
  lineOffset: number;
}

/** A heading with a deep link (#/lessons/slug/section) that keyboard users can reach. */
function Heading({ level, id, slug, lang, children }: { level: 2 | 3 | 4; id?: string; slug: string; lang: string; children: ReactNode }) {
  const { t } = useTranslation();
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} tabIndex={-1}>
      <PhraseBreaks lang={lang}>{children}</PhraseBreaks>
      {id && (
        <a className="anchor" href={lessonHref(slug, id)} aria-label={t("lesson.sectionLink")}>
          #
        </a>
      )}
    </Tag>
  );
}

/** Lesson Markdown → React: GFM tables, KaTeX math, highlighted code, and widget directives. */
export function LessonMarkdown({ body, path, slug, lineOffset }: Props) {
  // subtle: the component map must keep its identity across renders. A new arrow function per render is a new
  // component type, so React would remount every heading and widget on any re-render (losing focus, and
  // restarting widgets).
  const components = useMemo(() => makeComponents(path, slug), [path, slug]);
  return (
    <Markdown
      remarkPlugins={[remarkGfm, remarkMath, remarkDirective, remarkCjkBreaks, [remarkGlossaryLinks, { lang: path.endsWith("/ja.md") ? "ja" : "en" }], [remarkWidgets, { lineOffset }]]}
      rehypePlugins={[rehypeSlug, [rehypeKatex, { throwOnError: false }], [rehypeHighlight, { detect: false }]]}
      components={components}
    >
      {body}
    </Markdown>
  );
}

function makeComponents(path: string, slug: string): Components {
  const lang = path.endsWith("/ja.md") ? "ja" : "en";
  const components = {
    h2: ({ id, children }) => <Heading level={2} id={id} slug={slug} lang={lang}>{children}</Heading>,
    h3: ({ id, children }) => <Heading level={3} id={id} slug={slug} lang={lang}>{children}</Heading>,
    h4: ({ id, children }) => <Heading level={4} id={id} slug={slug} lang={lang}>{children}</Heading>,
    table: ({ children }) => (
      <div className="table-scroll">
        <table>{children}</table>
      </div>
    ),
    "dojo-widget": (p: { "data-widget"?: string }) => <WidgetHost use={JSON.parse(p["data-widget"] ?? "{}") as WidgetUse} path={path} />,
    "dojo-exercise": (p: { "data-exercise"?: string; children?: ReactNode }) => (
      <Exercise json={p["data-exercise"] ?? "{}"} slug={slug} path={path}>
        {p.children}
      </Exercise>
    ),
    "dojo-code-exercise": (p: { "data-exercise"?: string; children?: ReactNode }) => (
      <CodeExercise json={p["data-exercise"] ?? "{}"} slug={slug} path={path}>
        {p.children}
      </CodeExercise>
    ),
    "dojo-exercise-part": ExercisePart,
    // ::slide and :::notes belong to presenter mode (src/presenter); a reader sees nothing of them
    "dojo-presenter-only": () => null,
    "dojo-code-tabs": (p: { "data-tabs"?: string; children?: ReactNode }) => <CodeTabs json={p["data-tabs"] ?? "{}"} path={path}>{p.children}</CodeTabs>,
  } as Components & Record<string, unknown>;
  return components as Components;
}
