import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function Chinchilla({ props }: WidgetProps) {
  return <figure className="widget" data-testid="chinchilla" data-id={String(props.id)} />;
}
