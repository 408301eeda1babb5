import { Component, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetUse } from "./directives";
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

/** Mounts the widget a directive names, or explains (file and line) why it cannot. */
export function WidgetHost({ use, path }: { use: WidgetUse; path: string }) {
  const { t } = useTranslation();
  const where = `${path}:${use.line}`;
  if (use.errors.length || !isWidgetName(use.name))
    return <DirectiveError title={`${t("widget.error")}: ${use.name}`} lines={use.errors.map((e) => `${where}: ${e}`)} />;
  return <MountedHost name={use.name} props={use.props} where={where} />;
}

/** The widget's URL-state prefix: its `id` prop, else its name. */
export function widgetId(name: string, props: Record<string, unknown>): string {
  return typeof props.id === "string" && props.id ? props.id : name;
}

/**
 * A valid widget, registered (widgetRegistry.ts) so page-level controls can reset it or switch its preset: both
 * rewrite its URL state and mount it afresh (a new React key), so the widget needs no code for them.
 */
function MountedHost({ name, props, where }: { name: WidgetName; props: WidgetUse["props"]; where: string }) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const host = useRef<HTMLDivElement>(null);
  const id = widgetId(name, props);
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
      <Boundary key={generation} where={where} title={`${t("widget.error")}: ${name}`}>
        <Suspense fallback={<div className="widget widget-loading">{t("widget.loading")}</div>}>
          <Widget props={props} />
        </Suspense>
      </Boundary>
    </div>
  );
}
