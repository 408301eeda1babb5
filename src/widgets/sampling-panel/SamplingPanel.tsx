import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function SamplingPanel({ props }: WidgetProps) {
  return <figure className="widget" data-testid="sampling-panel" data-id={String(props.id)} />;
}
