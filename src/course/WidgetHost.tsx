import { Component, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetUse } from "./directives";
import { pinnedParams, readHideLock, restorePinned } from "./handout";
import { HandoutDialog } from "./HandoutDialog";
import { applyHideLock } from "./hideLock";
import { parseRoute } from "./route";
import { widgetId } from "./widgetId";
import "./handout.css";
import { lazyWidgets } from "./widgetLoaders";
import { isWidgetName, widgetSpecs, type WidgetName } from "./widgetSpecs";
import { registerWidget, withoutWidgetState } from "./widgetRegistry";

/** The visible error box for a bad directive or a crashed widget; tests look for role=alert. */
export function DirectiveError({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className="directive-error" role="alert">
      <strong>{title}</strong>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

class Boundary extends Component<{ children: ReactNode; where: string; title: string }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) return <DirectiveError title={this.props.title} lines={[`${this.props.where}: ${this.state.error.message}`]} />;
    return this.props.children;
  }
}

/**
 * Mounts the widget a directive names, or explains (file and line) why it cannot. `handout` (default true) shows
 * the "Hand out" button; the hand-out page itself turns it off.
 */
export function WidgetHost({ use, path, handout = true }: { use: WidgetUse; path: string; handout?: boolean }) {
  const { t } = useTranslation();
  const where = `${path}:${use.line}`;
  if (use.errors.length || !isWidgetName(use.name))
    return <DirectiveError title={`${t("widget.error")}: ${use.name}`} lines={use.errors.map((e) => `${where}: ${e}`)} />;
  return <MountedHost name={use.name} props={use.props} where={where} handout={handout} />;
}

/** The widget's URL-state prefix: its `id` prop, else its name (widgetId.ts). */
export { widgetId };

/** The lesson a hand-out link from this page points into: the lesson, presenter or hand-out page's slug. */
function currentSlug(): string | null {
  const r = parseRoute(location.hash);
  return r.page === "lesson" || r.page === "present" || r.page === "presenter" || r.page === "handout" ? r.slug : null;
}

/**
 * A valid widget, registered (widgetRegistry.ts) so page-level controls can reset it or switch its preset: both
 * rewrite its URL state and mount it afresh (a new React key), so the widget needs no code for them.
 * It also applies the URL's `<id>.hide` and `<id>.lock` to the widget's marked controls (hideLock.ts), again after
 * every re-render, and offers the hand-out dialog.
 */
function MountedHost({ name, props, where, handout }: { name: WidgetName; props: WidgetUse["props"]; where: string; handout: boolean }) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [dialog, setDialog] = useState<{ slug: string; widget: HTMLElement } | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const id = widgetId(name, props);
  const lockedTip = t("handout.locked");
  // what a hand-out link pinned (its hidden and locked fields' values), read once when the widget first mounts
  const [pinned] = useState(() => pinnedParams(location.hash, id));
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const apply = () => {
      // subtle: the widget's own Reset (or presenter mode's R) rewrites every field, pinned ones too; put those
      // back and mount the widget afresh, so a locked or hidden setting stays what the instructor chose
      const restored = restorePinned(location.hash, id, pinned);
      if (restored !== null) {
        history.replaceState(history.state, "", `${location.pathname}${location.search}${restored}`);
        setGeneration((g) => g + 1);
        return;
      }
      const { hide, lock } = readHideLock(location.hash, id);
      applyHideLock(element, hide, lock, lockedTip);
    };
    // no attributes: applyHideLock's own attribute changes must not wake the observer again. characterData: a
    // widget's Reset may change only texts (a number's readout), and the pinned values must come back then too
    const observer = new MutationObserver(apply);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    window.addEventListener("hashchange", apply);
    apply();
    return () => {
      observer.disconnect();
      window.removeEventListener("hashchange", apply);
    };
  }, [id, lockedTip, generation, pinned]);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const spec = widgetSpecs[name].props as Record<string, { type: string; values?: readonly string[] }>;
    const remount = (extra?: Record<string, string>) => {
      history.replaceState(history.state, "", `${location.pathname}${location.search}${withoutWidgetState(location.hash, id, extra)}`);
      setGeneration((g) => g + 1);
    };
    return registerWidget({
      name,
      id,
      element,
      presets: spec.preset?.type === "enum" ? (spec.preset.values ?? []) : [],
      reset: () => remount(),
      setPreset: (value) => remount({ [`${id}.preset`]: value }),
    });
  }, [name, id]);
  const Widget = lazyWidgets[name];
  return (
    <div className="widget-host" ref={host} data-widget-name={name} data-widget-id={id}>
      {/* the widget's box stays the host's first element child (widgetRegistry.ts): the button comes after it */}
      <Boundary key={generation} where={where} title={`${t("widget.error")}: ${name}`}>
        <Suspense fallback={<div className="widget widget-loading">{t("widget.loading")}</div>}>
          <Widget props={props} />
        </Suspense>
      </Boundary>
      {handout && (
        <button
          type="button"
          className="handout-button"
          aria-label={t("handout.buttonLabel")}
          title={t("handout.buttonLabel")}
          data-testid="handout-button"
          aria-haspopup="dialog"
          onClick={() => {
            const slug = currentSlug();
            if (slug && host.current) setDialog({ slug, widget: host.current });
          }}
          hidden={!currentSlug()}
        >
          {t("handout.button")}
        </button>
      )}
      {dialog && <HandoutDialog slug={dialog.slug} id={id} widget={dialog.widget} onClose={() => setDialog(null)} />}
    </div>
  );
}
