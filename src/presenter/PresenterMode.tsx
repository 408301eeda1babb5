import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { findLesson, lessonFile } from "../course/lessons";
import { LessonMarkdown } from "../course/LessonMarkdown";
import { lessonHref, presentHref, presenterViewHref } from "../course/route";
import { mountedWidgets, type MountedWidget } from "../course/widgetRegistry";
import { handoutUrl, localOnlyHost } from "../course/handout";
import { HandoutQr } from "../course/HandoutQr";
import { PhraseBreaks } from "../course/phrases";
import { useWakeLock } from "../hooks/useWakeLock";
import type { Language } from "../i18n";
import { NotFound } from "../pages/NotFound";
import { describeTarget, hashQueryString, presenterCommand, stepBack, stepForward, type PresenterKey, type Step } from "./keys";
import { splitSlides, type Slide } from "./slides";
import { openPresenterChannel, type PresenterChannel } from "./sync";
import { Laser } from "./Laser";
import { Overlay } from "./Overlay";
import "./presenter.css";

/** When presenting started, per tab, so a reload keeps the speaker's timer (sessionStorage). */
const STARTED_KEY = "gpt-dojo:presenter:startedAt";
function startedAtOfTab(): number {
  try {
    const saved = Number(sessionStorage.getItem(STARTED_KEY));
    if (Number.isFinite(saved) && saved > 0) return saved;
    const now = Date.now();
    sessionStorage.setItem(STARTED_KEY, String(now));
    return now;
  } catch {
    return Date.now(); // storage refused (private mode): the timer starts with this page
  }
}

/** The widget keys act on: the one holding the keyboard focus (or shown full screen), else the first one in view, else the first. */
function currentWidget(stage: HTMLElement | null): MountedWidget | undefined {
  if (!stage) return undefined;
  // slides already shown stay mounted but hidden (see `kept` below): their widgets are not the current ones
  const widgets = mountedWidgets().filter((w) => stage.contains(w.element) && !w.element.closest("[hidden]"));
  const held = document.fullscreenElement ?? document.activeElement;
  const view = stage.getBoundingClientRect();
  const inView = (w: MountedWidget) => {
    const r = w.element.getBoundingClientRect();
    return r.bottom > view.top + 8 && r.top < view.bottom - 8;
  };
  return widgets.find((w) => held && w.element.contains(held)) ?? widgets.find(inView) ?? widgets[0];
}

const QR_ROOM = 10.5; // rem of the window's height left for the title, the link and the hint around the QR code
/**
 * The QR code's size in px: as large as the window allows, leaving room for the title and the link below it, and
 * for HandoutQr's note when the link is one only this computer can open (localhost).
 */
function qrSize(local: boolean): number {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return Math.max(160, Math.floor(Math.min(window.innerHeight - (QR_ROOM + (local ? 3 : 0)) * rem, window.innerWidth * 0.6)));
}

/**
 * Presenter mode, the projected window (#/present/<slug>/<n>): the lesson one slide at a time (src/presenter/slides.ts),
 * in large, high-contrast type, driven from the keyboard (keys.ts), and in step with the speaker's view in another
 * window (sync.ts): this window owns the state and posts it on every change.
 */
export function PresenterMode({ slug, slide: routeSlide }: { slug: string; slide: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const lesson = findLesson(slug);
  const shown = useMemo(() => (lesson ? lessonFile(lesson, lang) : null), [lesson, lang]);
  const slides = useMemo(() => (shown ? splitSlides(shown.file.body) : []), [shown]);
  const count = slides.length;
  const clamp = useCallback((n: number) => Math.max(0, Math.min(count - 1, n)), [count]);

  const [wanted, setSlide] = useState(routeSlide);
  const slide = clamp(wanted); // a lesson shorter than the URL says (another language, an edit) shows its last slide
  const [blank, setBlank] = useState(false);
  const [laser, setLaser] = useState(false);
  const [keysOpen, setKeysOpen] = useState(false);
  const [qr, setQr] = useState<{ name: string; url: string } | null>(null);
  const [toast, setToast] = useState<{ text: string; n: number } | null>(null);
  const [fullscreen, setFullscreen] = useState<Element | null>(null);
  const [startedAt] = useState(startedAtOfTab);
  const stage = useRef<HTMLElement>(null);
  const channel = useRef<PresenterChannel | null>(null);

  useWakeLock(true);

  // Slides already shown stay mounted, hidden, so work started in a widget goes on when the presenter moves on
  // (lesson 7's ladder keeps training, a lab keeps its run) and coming back finds the widget as it was left.
  const [kept, setKept] = useState<{ lang: string; slides: number[] }>({ lang, slides: [] });
  const alive = kept.lang === lang ? kept.slides : [];
  if (count && !alive.includes(slide)) setKept({ lang, slides: [...alive, slide] });

  // a route change from outside (a typed URL, the back button) moves the slide
  const [seenRoute, setSeenRoute] = useState(routeSlide);
  if (routeSlide !== seenRoute) {
    setSeenRoute(routeSlide);
    setSlide(routeSlide);
  }

  // type at 1.5× the lesson's: the root font size scales, so rem-sized widgets and em-sized KaTeX scale with it
  useEffect(() => {
    document.documentElement.classList.add("presenting");
    return () => document.documentElement.classList.remove("presenting");
  }, []);

  // the URL names the slide (a reload stays on it) and keeps the query (widget state, language)
  useEffect(() => {
    if (!count) return;
    const query = hashQueryString(location.hash);
    history.replaceState(history.state, "", `${location.pathname}${location.search}${presentHref(slug, slide)}${query ? `?${query}` : ""}`);
  }, [slug, slide, count]);

  // each slide starts at its top, with the keyboard focus on it (↑/↓ scroll it)
  useEffect(() => {
    const s = stage.current;
    if (!s) return;
    s.scrollTop = 0;
    if (!s.contains(document.activeElement)) s.focus({ preventScroll: true });
  }, [slide]);

  useEffect(() => {
    // a widget shown full screen hides everything outside it, so the overlays move into it meanwhile
    const on = () => setFullscreen(document.fullscreenElement && stage.current?.contains(document.fullscreenElement) ? document.fullscreenElement : null);
    document.addEventListener("fullscreenchange", on);
    return () => document.removeEventListener("fullscreenchange", on);
  }, []);

  const say = useCallback((text: string) => setToast((old) => ({ text, n: (old?.n ?? 0) + 1 })), [setToast]);
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 2600);
    return () => clearTimeout(id);
  }, [toast]);

  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    const query = hashQueryString(location.hash);
    location.hash = `${lessonHref(slug, slides[slide]?.section || undefined)}${query ? `?${query}` : ""}`;
  }, [slug, slides, slide]);

  /** Runs one command, from a key here or from the speaker's view. */
  const run = (command: PresenterKey) => {
    const go = (step: Step) => {
      if (step.kind === "slide") setSlide(clamp(step.slide));
      else if (step.kind === "scroll") stage.current?.scrollTo({ top: step.top, behavior: "instant" });
    };
    if (typeof command === "object") {
      const w = currentWidget(stage.current);
      if (!w) return say(t("presenter.toast.noWidget"));
      if (!w.presets.length) return say(t("presenter.toast.noPresets", { widget: w.name }));
      if (command.preset > w.presets.length) return say(t("presenter.toast.onlyPresets", { widget: w.name, count: w.presets.length }));
      const name = w.presets[command.preset - 1];
      w.setPreset(name);
      return say(t("presenter.toast.preset", { widget: w.name, n: command.preset, name }));
    }
    switch (command) {
      case "next":
        return go(stage.current ? stepForward(stage.current, slide, count) : { kind: "stay" });
      case "prev":
        return go(stepBack(slide));
      case "first":
        return go({ kind: "slide", slide: 0 });
      case "last":
        return go({ kind: "slide", slide: count - 1 });
      case "blank":
        return setBlank((b) => !b);
      case "laser":
        say(t(laser ? "presenter.toast.laserOff" : "presenter.toast.laserOn"));
        return setLaser(!laser);
      case "keys":
        return setKeysOpen((k) => !k);
      case "speaker": {
        const view = window.open(presenterViewHref(slug), "gpt-dojo-presenter-view");
        if (!view) say(t("presenter.toast.speakerBlocked"));
        return;
      }
      case "leave":
        return leave();
      case "escape":
        if (blank) return setBlank(false);
        if (qr) return setQr(null);
        if (keysOpen) return setKeysOpen(false);
        if (laser) return setLaser(false);
        return leave();
    }
    const w = currentWidget(stage.current);
    if (command === "fullscreen") {
      if (document.fullscreenElement) return void document.exitFullscreen().catch(() => {});
      // subtle: the host, not the widget's own box inside it: R and 1–9 mount a new box (widgetRegistry.ts), and a
      // full-screen element that leaves the page ends full screen
      if (!w) return say(t("presenter.toast.noWidget"));
      w.element.requestFullscreen().catch((e: unknown) => say(t("presenter.toast.fullscreenFailed", { message: e instanceof Error ? e.message : String(e) })));
      return;
    }
    if (!w) return say(t("presenter.toast.noWidget"));
    if (command === "reset") {
      w.reset();
      return say(t("presenter.toast.reset", { widget: w.name }));
    }
    // the QR's title is the widget's own caption (what the room sees on screen), else its directive name
    const caption = w.element.querySelector("figcaption")?.textContent?.trim();
    if (command === "qr") setQr(qr ? null : { name: caption || w.name, url: handoutUrl(slug, w.id) });
  };
  const runRef = useRef(run);
  useLayoutEffect(() => {
    runRef.current = run;
  });

  // the keys: one listener on the window; keys.ts decides what is typing and what is a command
  const overlayOpen = keysOpen || !!qr;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (blank) {
        if (["Shift", "Control", "Alt", "Meta", "CapsLock"].includes(e.key)) return;
        e.preventDefault();
        return setBlank(false); // any key brings the slide back
      }
      // a dialog (ours, or a widget's such as the hand-out dialog) handles its own keys
      if (overlayOpen || document.querySelector("dialog[open], [role='dialog'][aria-modal='true']")) return;
      const command = presenterCommand(e, describeTarget(e.target));
      if (!command) return;
      e.preventDefault();
      runRef.current(command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [blank, overlayOpen]);

  // the speaker's view: answer its hello, obey its goto and commands, and post the state on every change
  const postState = useCallback(
    () => channel.current?.post({ type: "state", slug, slide, count, blank, lang, startedAt }),
    [slug, slide, count, blank, lang, startedAt],
  );
  const postRef = useRef(postState);
  useLayoutEffect(() => {
    postRef.current = postState;
  });
  useEffect(() => {
    const ch = openPresenterChannel();
    channel.current = ch;
    const off = ch.subscribe((m) => {
      if (m.type === "hello") postRef.current();
      else if (m.type === "goto" && m.slug === slug) setSlide(clamp(m.slide));
      else if (m.type === "command") runRef.current(m.command);
    });
    return () => {
      off();
      ch.close();
      channel.current = null;
    };
  }, [slug, clamp]);
  useEffect(() => postState(), [postState]);

  if (!lesson || !shown || !count)
    return (
      <div className="presenter" data-testid="presenter-mode">
        <NotFound path={`/present/${slug}`} message={t("lesson.notFound", { slug })} hint={t("lesson.notFoundHint")} />
      </div>
    );
  const { file, fallback } = shown;
  const textLang = fallback ? "en" : lang;

  const overlays: ReactNode = (
    <>
      {laser && <Laser />}
      {toast && !keysOpen && !qr && (
        <div key={toast.n} className="presenter-toast" role="status" data-testid="presenter-toast">
          {toast.text}
        </div>
      )}
      {keysOpen && <KeyMap onClose={() => setKeysOpen(false)} />}
      {qr && (
        <Overlay label={t("presenter.qr.title", { widget: qr.name })} onClose={() => setQr(null)} closeKeys={["q"]} className="presenter-qr" testId="presenter-qr">
          <h2>{t("presenter.qr.title", { widget: qr.name })}</h2>
          <HandoutQr url={qr.url} size={qrSize(localOnlyHost(qr.url) !== null)} />
          <p className="presenter-qr-url" data-testid="presenter-qr-url">
            {qr.url}
          </p>
          <p className="presenter-qr-hint">{t("presenter.qr.hint")}</p>
          <button type="button" onClick={() => setQr(null)}>
            {t("presenter.qr.close")}
          </button>
        </Overlay>
      )}
      {blank && <div className="presenter-blank" role="button" tabIndex={-1} aria-label={t("presenter.blank")} onClick={() => setBlank(false)} data-testid="presenter-blank" />}
    </>
  );

  return (
    <div className={`presenter${laser ? " laser-on" : ""}`} data-testid="presenter-mode" lang={textLang} aria-label={t("presenter.label", { title: file.meta.title })}>
      <header className="presenter-bar">
        <span className="presenter-bar-title">
          {String(lesson.number).padStart(2, "0")} · {file.meta.title}
        </span>
        <span className="presenter-count" data-testid="presenter-count" aria-label={t("presenter.progress", { n: slide + 1, total: count })}>
          {t("presenter.count", { n: slide + 1, total: count })}
        </span>
        <button type="button" className="presenter-hint" onClick={() => setKeysOpen(true)} aria-label={t("presenter.keysHintLabel")} aria-keyshortcuts="?">
          {t("presenter.keysHint")}
        </button>
      </header>
      <div className="presenter-progress" aria-hidden>
        <span style={{ width: `${((slide + 1) / count) * 100}%` }} />
      </div>
      <main className="presenter-stage" ref={stage} tabIndex={-1} data-testid="presenter-stage">
        {[...new Set([...alive, slide])]
          .sort((a, b) => a - b)
          .map((i) => (
            <SlideArticle
              key={`${lang}/${i}`}
              index={i}
              current={i === slide}
              slide={slides[i]}
              lang={textLang}
              slug={slug}
              path={file.path}
              bodyLineOffset={file.bodyLineOffset}
              cover={i === 0 ? { number: lesson.number, minutes: file.meta.minutes, title: file.meta.title, summary: file.meta.summary } : null}
            />
          ))}
      </main>
      {fullscreen ? createPortal(overlays, fullscreen) : overlays}
    </div>
  );
}

/**
 * One slide. Memoised: the slides kept mounted behind the current one re-render only when they are shown or
 * hidden, not on every key press (react-markdown parses its text on each render).
 */
const SlideArticle = memo(function SlideArticle(p: {
  index: number;
  current: boolean;
  slide: Slide;
  lang: string;
  slug: string;
  path: string;
  bodyLineOffset: number;
  cover: { number: number; minutes: number; title: string; summary: string } | null;
}) {
  const { t } = useTranslation();
  const { slide: s, lang } = p;
  return (
    <article className="lesson presenter-slide" lang={lang} data-slide={p.index} hidden={!p.current} data-testid={p.current ? "presenter-slide" : "presenter-slide-kept"}>
      {p.cover && (
        <header className="presenter-cover">
          <p className="lesson-number">
            {String(p.cover.number).padStart(2, "0")} · {t("lesson.minutes", { count: p.cover.minutes })}
          </p>
          <h1>
            <PhraseBreaks lang={lang}>{p.cover.title}</PhraseBreaks>
          </h1>
          <p className="presenter-summary">{p.cover.summary}</p>
        </header>
      )}
      {s.part > 1 && (
        <h2 className="presenter-continued">
          <PhraseBreaks lang={lang}>{s.title}</PhraseBreaks> <span className="presenter-continued-mark">{t("presenter.continued")}</span>
        </h2>
      )}
      <LessonMarkdown body={s.body} path={p.path} slug={p.slug} lineOffset={p.bodyLineOffset + s.line - 1} />
    </article>
  );
});

/** The key map (?): every key of presenter mode and what it does. */
function KeyMap({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rows: [string[], string][] = [
    [["Space", "→", "PgDn"], t("presenter.keyMap.next")],
    [["←", "PgUp"], t("presenter.keyMap.prev")],
    [["Home", "End"], t("presenter.keyMap.firstLast")],
    [["↑", "↓"], t("presenter.keyMap.scroll")],
    [["F"], t("presenter.keyMap.fullscreen")],
    [["R"], t("presenter.keyMap.reset")],
    [["1", "…", "9"], t("presenter.keyMap.preset")],
    [["Q"], t("presenter.keyMap.qr")],
    [["B", "."], t("presenter.keyMap.blankKey")],
    [["L"], t("presenter.keyMap.laser")],
    [["S"], t("presenter.keyMap.speaker")],
    [["P", "Esc"], t("presenter.keyMap.leave")],
    [["?"], t("presenter.keyMap.keys")],
  ];
  return (
    <Overlay label={t("presenter.keyMap.title")} onClose={onClose} closeKeys={["?"]} className="presenter-keymap" testId="presenter-keymap">
      <h2>{t("presenter.keyMap.title")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("presenter.keyMap.keyCol")}</th>
            <th scope="col">{t("presenter.keyMap.actionCol")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys.join()}>
              <th scope="row">
                {keys.map((k, i) => (k === "…" ? <span key={i}>–</span> : <kbd key={i}>{k}</kbd>))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="presenter-keymap-note">{t("presenter.keyMap.currentWidget")}</p>
      <p className="presenter-keymap-note">{t("presenter.keyMap.typing")}</p>
      <button type="button" onClick={onClose} data-testid="presenter-keymap-close">
        {t("presenter.keyMap.close")}
      </button>
    </Overlay>
  );
}
