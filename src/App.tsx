import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useRoute } from "./hooks/useRoute";
import { useTheme } from "./hooks/useTheme";
import { useBackendState } from "./device/backendStore";
import { type Language } from "./i18n";
import { LanguageSelect, ThemeButton } from "./ui/Switches";
import { rememberPlace } from "./course/keepPlace";
import { CourseMap } from "./pages/CourseMap";
import { LessonPage } from "./pages/LessonPage";
import { LabPage } from "./pages/LabPage";
import { DevicePage } from "./pages/DevicePage";
import { NotFound } from "./pages/NotFound";
import { PreviewPage } from "./pages/PreviewPage";
import { GlossaryPage } from "./pages/GlossaryPage";
import { HandoutPage } from "./pages/HandoutPage";
import { PresenterMode } from "./presenter/PresenterMode";
import { PresenterView } from "./presenter/PresenterView";
import { findLesson, lessonFile } from "./course/lessons";
import { UpdatePrompt } from "./pwa/UpdatePrompt";
import { startPwa } from "./pwa/register";
import type { Route } from "./course/route";
import type { TFunction } from "i18next";

/** The tab's title for a route: the page's own heading, then the course's name. Example: "Attention · GPT Dojo" */
export function pageTitle(route: Route, t: TFunction, lang: Language): string {
  const name = t("app.name");
  const lesson = route.page === "lesson" || route.page === "present" || route.page === "presenter" || route.page === "handout" ? findLesson(route.slug) : undefined;
  const page =
    route.page === "map"
      ? null
      : route.page === "lesson" || route.page === "present" || route.page === "presenter" || route.page === "handout"
        ? lesson
          ? lessonFile(lesson, lang).file.meta.title
          : t("notFound.title")
        : route.page === "lab"
          ? t("lab.title")
          : route.page === "device"
            ? t("device.title")
            : route.page === "preview"
              ? t("preview.title")
              : route.page === "glossary"
                ? t("glossary.title")
                : t("notFound.title");
  // the speaker's view and the projected window share a lesson: the title says which window to share on screen
  if (route.page === "presenter" && lesson) return `${t("presenterView.lessonTitle", { title: page })} · ${name}`;
  return page ? `${page} · ${name}` : name;
}

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  const backend = useBackendState();
  const main = useRef<HTMLElement>(null);
  const routeKey = route.page === "lesson" || route.page === "present" || route.page === "presenter" ? `${route.page}/${route.slug}` : route.page;

  useEffect(() => {
    document.title = pageTitle(route, t, i18n.language as Language);
  }, [routeKey, i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps

  // On a page change (not a section change, not the first load), move focus to the content so screen
  // readers announce the new page and Tab continues from there.
  const firstRoute = useRef(routeKey);
  useEffect(() => {
    if (routeKey === firstRoute.current) return;
    firstRoute.current = "";
    if (route.page !== "lesson" || !route.section) main.current?.focus({ preventScroll: true });
  }, [routeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(startPwa, []); // the service worker (offline use, update prompt): on every route, presenter mode too

  // Presenter mode and the speaker's view fill the window: no header, no footer (src/presenter)
  if (route.page === "present") return <PresenterMode slug={route.slug} slide={route.slide} />;
  if (route.page === "presenter") return <PresenterView slug={route.slug} />;
  const nav = [
    { href: "#/", label: t("app.nav.course"), active: route.page === "map" || route.page === "lesson" },
    { href: "#/lab", label: t("app.nav.lab"), active: route.page === "lab" },
    { href: "#/device", label: t("app.nav.device"), active: route.page === "device" },
    { href: "#/glossary", label: t("glossary.title"), active: route.page === "glossary" },
  ];

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden>
            道
          </span>
          {t("app.name")}
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.href}>
                <a href={n.href} aria-current={n.active ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <span className="backend-badge" data-testid="backend-badge" title={backend.error ?? ""}>
            {backend.backend ? t("app.backend.inUse", { backend: backend.backend }) : backend.error ? "⚠" : ""}
          </span>
          <LanguageSelect className="lang-switch" testId="language" beforeChange={rememberPlace} />
          <ThemeButton theme={theme} onToggle={toggleTheme} className="theme-toggle" testId="theme-toggle" />
        </div>
      </header>
      <UpdatePrompt />
      <main id="main" ref={main} tabIndex={-1}>
        {route.page === "map" && <CourseMap />}
        {route.page === "lesson" && <LessonPage slug={route.slug} section={route.section} />}
        {route.page === "lab" && <LabPage />}
        {route.page === "device" && <DevicePage />}
        {route.page === "preview" && <PreviewPage />}
        {route.page === "glossary" && <GlossaryPage term={route.term} />}
        {route.page === "handout" && <HandoutPage slug={route.slug} widget={route.widget} />}
        {route.page === "notFound" && <NotFound path={route.path} />}
      </main>
      <footer className="app-footer">{t("app.footer")}</footer>
    </>
  );
}
