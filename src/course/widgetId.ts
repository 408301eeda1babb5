/**
 * A widget's URL-state prefix: its `id` prop, else its name. Its own module so that pure code (widgetSites.ts,
 * tests) can use it without loading WidgetHost's React and widget loaders; WidgetHost re-exports it.
 * Example: widgetId("beam-tree", { id: "beam" }) → "beam"; widgetId("beam-tree", {}) → "beam-tree"
 */
export function widgetId(name: string, props: Record<string, unknown>): string {
  return typeof props.id === "string" && props.id ? props.id : name;
}
