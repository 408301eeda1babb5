import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function LRSchedule({ props }: WidgetProps) {
  return <figure className="widget" data-testid="lr-schedule" data-id={String(props.id)} />;
}
