import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function BeamTree({ props }: WidgetProps) {
  return <figure className="widget" data-testid="beam-tree" data-id={String(props.id)} />;
}
