/**
 * The widgets mounted on the page right now, so page-level controls (presenter mode's R, 1–9 and F keys, the
 * hand-out dialog) can reach a widget without knowing its code. WidgetHost registers each widget it mounts.
 * Framework-free apart from DOM types: a Set of entries and a subscribe/notify pair.
 */
export interface MountedWidget {
  /** the directive's widget name, e.g. "beam-tree" */
  name: string;
  /** its URL-state prefix (the directive's `id`, else the name): `#/lessons/x?<id>.field=value` */
  id: string;
  /** the host element; its first element child is the widget's own box */
  element: HTMLElement;
  /** the values of the widget's `preset` prop, in the spec's order ([] when it has none) */
  presets: readonly string[];
  /** forgets the widget's URL state (keeping hide/lock) and mounts it afresh: its defaults */
  reset(): void;
  /** forgets the widget's URL state, sets `<id>.preset`, and mounts it afresh */
  setPreset(value: string): void;
}

const mounted = new Set<MountedWidget>();
const listeners = new Set<() => void>();

export function registerWidget(w: MountedWidget): () => void {
  mounted.add(w);
  listeners.forEach((l) => l());
  return () => {
    mounted.delete(w);
    listeners.forEach((l) => l());
  };
}

/** The mounted widgets in document order. */
export function mountedWidgets(): MountedWidget[] {
  return [...mounted].filter((w) => w.element.isConnected).sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

export function subscribeWidgets(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** URL-state keys that belong to the page, not to a widget's settings: a reset keeps them. */
export const keptKeys = ["hide", "lock"] as const;

/**
 * The hash with every `<id>.<field>` parameter removed (except hide and lock), then `extra` set.
 * Example: withoutWidgetState("#/lessons/decoding?beam.width=3&beam.hide=width&x=1", "beam", { "beam.preset": "a" })
 * → "#/lessons/decoding?beam.hide=width&x=1&beam.preset=a"
 */
export function withoutWidgetState(hash: string, id: string, extra: Record<string, string> = {}): string {
  const h = hash.replace(/^#/, "");
  const q = h.indexOf("?");
  const path = q < 0 ? h : h.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : h.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (key.startsWith(`${id}.`) && !(keptKeys as readonly string[]).includes(key.slice(id.length + 1))) params.delete(key);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ""}`;
}
