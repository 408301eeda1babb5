import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function AttentionMatrix({ props }: WidgetProps) {
  return <figure className="widget" data-testid="attention-matrix" data-id={String(props.id)} />;
}
