import type { WidgetProps } from "../../course/widgetLoaders";

/** Placeholder until the widget lands. */
export default function KVCacheRace({ props }: WidgetProps) {
  return <figure className="widget" data-testid="kv-cache-race" data-id={String(props.id)} />;
}
