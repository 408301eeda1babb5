import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function DataLoaderView({ props }: WidgetProps) {
  return <figure className="widget" data-testid="data-loader-view" data-id={String(props.id)} />;
}
