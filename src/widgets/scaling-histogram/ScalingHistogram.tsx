import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function ScalingHistogram({ props }: WidgetProps) {
  return <figure className="widget" data-testid="scaling-histogram" data-id={String(props.id)} />;
}
