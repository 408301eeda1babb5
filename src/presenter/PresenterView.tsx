import { useEffect, useEffectEvent, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import rehypeKatex from "rehype-katex";
import "katex/dist/katex.min.css";
import "./presenter-view.css";
import { findLesson, lessonFile, type Lesson } from "../course/lessons";
import { presentHref, presenterViewHref } from "../course/route";
import { isLanguage, type Language } from "../i18n";
import { LanguageSelect, ThemeButton } from "../ui/Switches";
import { useTheme } from "../hooks/useTheme";
import { useWakeLock } from "../hooks/useWakeLock";
import { PhraseBreaks } from "../course/phrases";
import { splitSlides, type Slide } from "./slides";
import { openPresenterChannel, type PresenterChannel, type PresenterCommand } from "./sync";
import { describeTarget, presenterCommand } from "./keys";
import {
  HEARTBEAT_MS,
  connectionReducer,
  elapsedMs,
  formatClock,
  formatElapsed,
  initialConnection,
  pauseTimer,
  remarkPlaceholders,
  resetTimer,
  resumeTimer,
  runningTimer,
  viewAction,
  type PlaceholderKind,
} from "./view";

/**
 * The speaker's view (#/presenter/<slug>), in a second window on the laptop: the projected window's slide and its
 * speaker notes, the next slide, elapsed time and the clock, a slide list, and keys that drive the projected
 * window (src/presenter/PresenterMode.tsx) over the BroadcastChannel of sync.ts. The projected window owns the
 * state; this view follows its "state" messages and sends "hello" every HEARTBEAT_MS to notice when it is gone.
 */
export function PresenterView({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const lesson = findLesson(slug);
  if (!lesson)
    return (
      <div className="pv" data-testid="presenter-view">
        <p role="alert" className="pv-alert">
          {t("presenterView.unknownLesson", { slug })}
        </p>
        <a href="#/">{t("notFound.home")}</a>
      </div>
    );
  return <SpeakerView key={slug} lesson={lesson} />;
}

function SpeakerView({ lesson }: { lesson: Lesson }) {
  const { t, i18n } = useTranslation();
  const [theme, toggleTheme] = useTheme();
  const slug = lesson.slug;
  const [connection, dispatch] = useReducer(connectionReducer, slug, initialConnection);
  const [now, setNow] = useState(() => Date.now());
  const [openedAt] = useState(() => Date.now());
  const [timer, setTimer] = useState(runningTimer);
  // the slide this view shows on its own while no projected window answers (null: where the projection last was)
  const [localSlide, setLocalSlide] = useState<number | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  const [popupBlocked, setPopupBlocked] = useState<string | null>(null);
  const channel = useRef<PresenterChannel | null>(null);
  const keysBox = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (showKeys) keysBox.current?.scrollIntoView({ block: "nearest" });
  }, [showKeys]);

  // ---- the channel: hello on open, on every heartbeat and when this window becomes visible again
  useEffect(() => {
    const ch = openPresenterChannel();
    channel.current = ch;
    const unsubscribe = ch.subscribe((m) => {
      if (m.type !== "state") return;
      dispatch({ type: "state", message: m, now: Date.now() });
      if (m.slug === slug) setLocalSlide(null);
    });
    const hello = () => ch.post({ type: "hello" });
    hello();
    const heartbeat = setInterval(hello, HEARTBEAT_MS);
    const tick = setInterval(() => {
      const n = Date.now();
      setNow(n);
      dispatch({ type: "tick", now: n });
    }, 1000);
    const onVisible = () => document.visibilityState === "visible" && hello();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(heartbeat);
      clearInterval(tick);
      document.removeEventListener("visibilitychange", onVisible);
      unsubscribe();
      ch.close();
      channel.current = null;
    };
  }, [slug]);

  const live = connection.status === "connected";
  // the laptop screen stays on while presenting (with it, often the projector's output too)
  useWakeLock(live);
  const state = connection.state;
  // the notes follow the projected window's language; before it answers, this window's
  const notesLang: Language = state && isLanguage(state.lang) ? state.lang : isLanguage(i18n.language) ? i18n.language : "en";
  const file = lessonFile(lesson, notesLang).file;
  const slides = useMemo(() => splitSlides(file.body), [file.body]);
  const last = slides.length - 1;
  const current = Math.min(Math.max(live && state ? state.slide : (localSlide ?? state?.slide ?? 0), 0), last);
  const count = live && state ? state.count : slides.length;
  const slide = slides[current];
  const next = slides[current + 1];
  const startedAt = connection.startedAt ?? openedAt;
  const elapsed = formatElapsed(elapsedMs(timer, startedAt, now) / 1000);
  const blank = live && !!state?.blank;

  const post = (command: PresenterCommand) => {
    channel.current?.post({ type: "command", command });
    // with no projected window the view still pages through its own copy of the slides
    if (!live && command === "next") setLocalSlide(Math.min(current + 1, last));
    if (!live && command === "prev") setLocalSlide(Math.max(current - 1, 0));
  };
  const goto = (i: number) => {
    channel.current?.post({ type: "goto", slug, slide: i });
    if (!live) setLocalSlide(i);
  };
  const openProjected = () => {
    const href = presentHref(slug, current);
    const w = window.open(href, "gpt-dojo-present");
    setPopupBlocked(w ? null : new URL(href, location.href).href);
  };

  // ---- keys: they drive the projected window
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    // the projected window's rules: no modifiers, not while typing, and a focused control keeps the keys it uses
    const action = viewAction(presenterCommand(e, describeTarget(e.target)));
    if (!action) return;
    e.preventDefault();
    if (action.kind === "command") post(action.command);
    else if (action.kind === "goto") goto(action.to === "first" ? 0 : last);
    else setShowKeys((s) => action.open ?? !s);
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  // the opening (before the first heading) shows the lesson's title, as its cover does on the projector
  const titleOf = (s: Slide) => (s.title || file.meta.title) + (s.part > 1 ? ` (${s.part})` : "");
  const other = connection.other ? findLesson(connection.other.slug) : undefined;

  return (
    <div className="pv" data-testid="presenter-view" data-status={connection.status}>
      <header className="pv-top">
        <h1>{t("presenterView.lessonTitle", { title: lessonFile(lesson, isLanguage(i18n.language) ? i18n.language : "en").file.meta.title })}</h1>
        <div className={`pv-status pv-status-${connection.status}`} role="status" data-testid="pv-status">
          <span>{t(`presenterView.status.${connection.status}`, { n: current + 1 })}</span>
          {!live && (
            <button type="button" className="primary" onClick={openProjected} data-testid="pv-open">
              {t("presenterView.openProjected")}
            </button>
          )}
          {other && (
            <span>
              {t("presenterView.status.other", { title: lessonFile(other, notesLang).file.meta.title })}{" "}
              <a href={presenterViewHref(other.slug)}>{t("presenterView.followOther")}</a>
            </span>
          )}
          {popupBlocked && (
            <span role="alert" className="pv-alert">
              {t("presenterView.popupBlocked", { href: popupBlocked })}
            </span>
          )}
        </div>
        <div className="pv-tools">
          <LanguageSelect testId="pv-language" />
          <ThemeButton theme={theme} onToggle={toggleTheme} testId="pv-theme" />
        </div>
      </header>

      <div className="pv-grid">
        <nav className="pv-slides" aria-label={t("presenterView.slides")}>
          <h2>{t("presenterView.slides")}</h2>
          <SlideList slides={slides} current={current} titleOf={titleOf} onGo={goto} lang={notesLang} />
        </nav>

        <main className="pv-main">
          <p className="pv-eyebrow">
            {t("presenterView.current")} · <span data-testid="pv-count">{t("presenterView.slideOf", { n: current + 1, count })}</span>
          </p>
          <h2 className="pv-title" lang={notesLang} data-testid="pv-title">
            <PhraseBreaks lang={notesLang}>{slide ? titleOf(slide) : ""}</PhraseBreaks>
          </h2>
          {blank && (
            <p className="pv-blanked" data-testid="pv-blanked">
              {t("presenterView.blanked")}
            </p>
          )}
          <section className="pv-notes" aria-labelledby="pv-notes-h">
            <h3 id="pv-notes-h">{t("presenterView.notes")}</h3>
            <div data-testid="pv-notes" lang={notesLang}>
              {slide?.notes ? <SlideText markdown={slide.notes} /> : <p className="muted">{t("presenterView.noNotes")}</p>}
            </div>
            {notesLang !== i18n.language && <p className="pv-small muted">{t("presenterView.notesLang", { lang: notesLang === "ja" ? "日本語" : "English" })}</p>}
          </section>
        </main>

        <aside className="pv-side">
          <div className="pv-times">
            <div className="pv-time">
              <span className="pv-label">{timer.pausedAt === null ? t("presenterView.elapsed") : t("presenterView.elapsedPaused")}</span>
              <span className="pv-big" role="timer" data-testid="pv-elapsed">
                {elapsed}
              </span>
            </div>
            <div className="pv-time">
              <span className="pv-label">{t("presenterView.clock")}</span>
              <span className="pv-big" data-testid="pv-clock">
                {formatClock(new Date(now))}
              </span>
            </div>
          </div>
          <div className="pv-row">
            {/* one button whose label changes, so keyboard focus stays on it */}
            <button
              type="button"
              onClick={() => setTimer((x) => (x.pausedAt === null ? pauseTimer(x, Date.now()) : resumeTimer(x, startedAt, Date.now())))}
              data-testid="pv-pause"
            >
              {timer.pausedAt === null ? t("presenterView.pause") : t("presenterView.resume")}
            </button>
            <button type="button" onClick={() => setTimer((x) => resetTimer(x, Date.now()))} data-testid="pv-reset-timer">
              {t("presenterView.resetTimer")}
            </button>
          </div>
          <p className="pv-small muted">{t("presenterView.timerNote")}</p>

          <div className="pv-row pv-controls">
            <button type="button" onClick={() => post("prev")} disabled={current === 0} data-testid="pv-prev">
              ← {t("presenterView.prev")}
            </button>
            <button type="button" onClick={() => post("blank")} aria-pressed={blank} disabled={!live} data-testid="pv-blank">
              {blank ? t("presenterView.unblank") : t("presenterView.blank")}
            </button>
            <button type="button" className="primary" onClick={() => post("next")} disabled={current === last} data-testid="pv-next">
              {t("presenterView.nextButton")} →
            </button>
          </div>

          <section className="pv-next" aria-labelledby="pv-next-h">
            <h3 id="pv-next-h">{t("presenterView.next")}</h3>
            {next ? (
              <>
                <p className="pv-next-title" lang={notesLang} data-testid="pv-next-title">
                  <PhraseBreaks lang={notesLang}>{titleOf(next)}</PhraseBreaks>
                </p>
                <div className="pv-preview" tabIndex={0} aria-label={titleOf(next)} lang={notesLang} data-testid="pv-preview">
                  <SlideText markdown={next.body} />
                </div>
              </>
            ) : (
              <p className="muted" data-testid="pv-next-title">
                {t("presenterView.lastSlide")}
              </p>
            )}
          </section>

          <details ref={keysBox} className="pv-keys" open={showKeys} onToggle={(e) => setShowKeys(e.currentTarget.open)}>
            <summary>{t("presenterView.keysTitle")}</summary>
            <KeyList />
          </details>
        </aside>
      </div>
    </div>
  );
}

function SlideList({ slides, current, titleOf, onGo, lang }: { slides: Slide[]; current: number; titleOf: (s: Slide) => string; onGo: (i: number) => void; lang: string }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: "nearest" });
  }, [current]);
  return (
    <ol ref={list} lang={lang} data-testid="pv-slide-list">
      {slides.map((s, i) => (
        <li key={i}>
          <button type="button" aria-current={i === current ? "step" : undefined} onClick={() => onGo(i)}>
            <span className="pv-n">{i + 1}</span> <span>{titleOf(s)}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function KeyList() {
  const { t } = useTranslation();
  const rows: [ReactNode, string][] = [
    [<><kbd>→</kbd> <kbd>Space</kbd> <kbd>PageDown</kbd></>, "next"],
    [<><kbd>←</kbd> <kbd>PageUp</kbd></>, "prev"],
    [<><kbd>Home</kbd> <kbd>End</kbd></>, "firstLast"],
    [<><kbd>B</kbd> <kbd>.</kbd></>, "blank"],
    [<kbd>R</kbd>, "reset"],
    [<kbd>F</kbd>, "fullscreen"],
    [<kbd>L</kbd>, "laser"],
    [<kbd>1–9</kbd>, "preset"],
    [<kbd>?</kbd>, "help"],
  ];
  return (
    <dl className="pv-keylist">
      {rows.map(([keys, what]) => (
        <div key={what}>
          <dt>{keys}</dt>
          <dd>{t(`presenterView.keys.${what}`)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Light Markdown for notes and the next-slide preview: math and tables, widgets and exercises as named placeholders. */
function SlideText({ markdown }: { markdown: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm, remarkMath, remarkDirective, remarkPlaceholders]} rehypePlugins={[[rehypeKatex, { throwOnError: false }]]} components={components}>
      {markdown}
    </Markdown>
  );
}

function Placeholder(p: { "data-placeholder"?: string }) {
  const { t } = useTranslation();
  const ph = JSON.parse(p["data-placeholder"] ?? "{}") as PlaceholderKind;
  const label = ph.kind === "widget" ? t("presenterView.placeholder.widget", { name: ph.name }) : t(`presenterView.placeholder.${ph.kind}`, { id: "id" in ph ? ph.id : "" });
  return <span className="pv-placeholder">{label}</span>;
}

// links in notes open beside the view, which must stay on the slides
const components = {
  a: ({ href, children }: { href?: string; children?: ReactNode }) => (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  ),
  "dojo-placeholder": Placeholder,
} as Components & Record<string, unknown> as Components;
