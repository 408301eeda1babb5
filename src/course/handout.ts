/**
 * Hand-out links (issue #16 item 3): one widget alone, with its settings and seed, some controls hidden or locked,
 * as `#/handout/<slug>/<widget id>?<id>.<field>=…&<id>.hide=a,b&<id>.lock=c&lang=ja`. Pure string work (no React,
 * no DOM beyond reading `location` and `<html lang>` for defaults), so Vitest checks it with hand-worked URLs.
 */

/** The hash's query: "#/lessons/x?a=1&b=2" → URLSearchParams("a=1&b=2"). */
function hashParams(hash: string): URLSearchParams {
  const q = hash.indexOf("?");
  return new URLSearchParams(q < 0 ? "" : hash.slice(q + 1));
}

/** "a, b,,c" → ["a", "b", "c"] */
function splitList(raw: string | null): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The fields a hash hides and locks for widget `id`.
 * Example: readHideLock("#/handout/decoding/beam?beam.width=3&beam.hide=width,seed&beam.lock=k", "beam")
 * → { hide: ["width", "seed"], lock: ["k"] }
 */
export function readHideLock(hash: string, id: string): { hide: string[]; lock: string[] } {
  const params = hashParams(hash);
  return { hide: splitList(params.get(`${id}.hide`)), lock: splitList(params.get(`${id}.lock`)) };
}

/**
 * The widget's own params (`<id>.<field>`, hide and lock included) from a hash, in the hash's order; others dropped.
 * Example: widgetParams("#/lessons/d?lang=ja&beam.width=3&sampler.t=2", "beam") → URLSearchParams("beam.width=3")
 */
export function widgetParams(hash: string, id: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of hashParams(hash)) if (k.startsWith(`${id}.`)) out.append(k, v);
  return out;
}

export interface HandoutOptions {
  /** fields to hide (replaces `<id>.hide` from the hash when given; [] removes it) */
  hide?: string[];
  /** fields to lock (replaces `<id>.lock` from the hash when given; [] removes it) */
  lock?: string[];
  /** where the widget's state is read from; location.hash by default */
  hash?: string;
  /** the page the link points into (its hash dropped); by default this page without its query, since ?lang, ?theme
   * or ?backend there would override the students' own choices (the language travels in the hash instead) */
  base?: string;
  /** the language the link opens in; <html lang> by default. English is the default, so it is left out */
  lang?: string;
}

/**
 * An absolute hand-out link for widget `widgetId` of lesson `slug`.
 * Example: handoutUrl("decoding", "beam", { base: "https://x.org/dojo/", hash: "#/lessons/decoding?lang=ja&beam.width=3&other.a=1",
 *   hide: ["k"], lock: ["width"], lang: "ja" })
 * → "https://x.org/dojo/#/handout/decoding/beam?beam.width=3&beam.hide=k&beam.lock=width&lang=ja"
 */
export function handoutUrl(slug: string, widgetId: string, options: HandoutOptions = {}): string {
  const hash = options.hash ?? location.hash;
  const base = (options.base ?? `${location.origin}${location.pathname}`).replace(/#.*$/, "");
  const lang = options.lang ?? (typeof document !== "undefined" ? document.documentElement.lang : "en");
  const params = widgetParams(hash, widgetId);
  const given = readHideLock(hash, widgetId);
  params.delete(`${widgetId}.hide`);
  params.delete(`${widgetId}.lock`);
  const hide = options.hide ?? given.hide;
  const lock = options.lock ?? given.lock;
  // subtle: URLSearchParams would write the commas as %2C; the list stays readable (and the QR code smaller) with
  // literal commas, which every URL parser accepts in a query.
  const extra = [
    ...(hide.length ? [`${enc(widgetId)}.hide=${hide.map(enc).join(",")}`] : []),
    ...(lock.length ? [`${enc(widgetId)}.lock=${lock.map(enc).join(",")}`] : []),
    ...(lang && lang !== "en" ? [`lang=${enc(lang)}`] : []),
  ];
  const query = [params.toString(), ...extra].filter(Boolean).join("&");
  return `${base}#/handout/${encodeURIComponent(slug)}/${encodeURIComponent(widgetId)}${query ? `?${query}` : ""}`;
}

function enc(s: string): string {
  return new URLSearchParams({ x: s }).toString().slice(2);
}

/**
 * The lesson page at this widget, with its state (hide and lock dropped: the lesson shows every control).
 * LessonPage scrolls to the first widget whose state a URL carries; `section` puts the reader at the widget's
 * section when the widget has no state to carry.
 * Example: lessonAtWidgetHref("decoding", "beam", "#/handout/decoding/beam?beam.width=3&beam.hide=k&lang=ja", "beam-search")
 * → "#/lessons/decoding/beam-search?beam.width=3&lang=ja"
 */
export function lessonAtWidgetHref(slug: string, widgetId: string, hash: string, section?: string): string {
  const params = widgetParams(hash, widgetId);
  params.delete(`${widgetId}.hide`);
  params.delete(`${widgetId}.lock`);
  const lang = hashParams(hash).get("lang");
  if (lang) params.set("lang", lang);
  const query = params.toString();
  return `#/lessons/${encodeURIComponent(slug)}${section ? `/${encodeURIComponent(section)}` : ""}${query ? `?${query}` : ""}`;
}

/**
 * The values a hand-out link pins: each hidden or locked field's `<id>.<field>` param (null when the link leaves
 * it at the widget's default). A student cannot change them, not even through the widget's own Reset button.
 * Example: pinnedParams("#/handout/d/sp?sp.k=3&sp.t=2&sp.hide=p&sp.lock=k", "sp") → { p: null, k: "3" }
 */
export function pinnedParams(hash: string, id: string): Record<string, string | null> {
  const params = hashParams(hash);
  const { hide, lock } = readHideLock(hash, id);
  return Object.fromEntries([...hide, ...lock].map((f) => [f, params.get(`${id}.${f}`)]));
}

/**
 * The hash with the pinned values put back, or null when it already has them (so a caller can tell whether to
 * rewrite the URL and remount the widget). Other params keep their places.
 * Example: restorePinned("#/handout/d/sp?sp.t=2&sp.lock=k", "sp", { k: "3" }) → "#/handout/d/sp?sp.t=2&sp.lock=k&sp.k=3"
 */
export function restorePinned(hash: string, id: string, pinned: Record<string, string | null>): string | null {
  const h = hash.replace(/^#/, "");
  const q = h.indexOf("?");
  const path = q < 0 ? h : h.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : h.slice(q + 1));
  let changed = false;
  for (const [field, value] of Object.entries(pinned)) {
    const key = `${id}.${field}`;
    if (params.get(key) === value) continue;
    changed = true;
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  if (!changed) return null;
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ""}`;
}

/**
 * The host of `url` when only this computer can open it (localhost, 127.x.x.x, ::1), else null: a room's phones
 * cannot follow such a link. Example: localOnlyHost("http://localhost:5173/#/handout/a/b") → "localhost:5173"
 */
export function localOnlyHost(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const h = u.hostname;
  return h === "localhost" || h.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "[::1]" || h === "0.0.0.0" ? u.host : null;
}
