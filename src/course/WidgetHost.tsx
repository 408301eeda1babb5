import { Component, Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetUse } from "./directives";
import { lazyWidgets } from "./widgetLoaders";
import { isWidgetName } from "./widgetSpecs";

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
  const Widget = lazyWidgets[use.name];
  return (
    <Boundary where={where} title={`${t("widget.error")}: ${use.name}`}>
      <Suspense fallback={<div className="widget widget-loading">{t("widget.loading")}</div>}>
        <Widget props={use.props} />
      </Suspense>
    </Boundary>
  );
}
