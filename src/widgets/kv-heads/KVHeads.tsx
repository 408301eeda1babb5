import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function KVHeads({ props }: WidgetProps) {
  return <figure className="widget" data-testid="kv-heads" data-id={String(props.id)} />;
}
