/** Hash routes, so the built site works from any static host and sub-path. */
export type Route =
  | { page: "map" }
  | { page: "lesson"; slug: string; section?: string }
  | { page: "lab" }
  | { page: "device" }
  | { page: "preview" }
  | { page: "glossary"; term?: string }
  | { page: "present"; slug: string; slide: number } // presenter mode, projected: slide is 1-based in the URL, 0-based here
  | { page: "presenter"; slug: string } // the speaker's view in a second window
  | { page: "handout"; slug: string; widget: string } // one widget alone, as a hand-out link opens it
  | { page: "notFound"; path: string };

/**
 * Example: parseRoute("#/lessons/tensors/shapes?lang=ja") → { page: "lesson", slug: "tensors", section: "shapes" }
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").split("?")[0] || "/";
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: "map" };
  if (parts[0] === "lessons" && parts.length >= 2 && parts.length <= 3) return { page: "lesson", slug: parts[1], section: parts[2] };
  if (parts.length === 1 && parts[0] === "lab") return { page: "lab" };
  if (parts.length === 1 && parts[0] === "device") return { page: "device" };
  if (parts.length === 1 && parts[0] === "preview") return { page: "preview" };
  if (parts[0] === "glossary" && parts.length <= 2) return { page: "glossary", term: parts[1] };
  if (parts[0] === "present" && (parts.length === 2 || (parts.length === 3 && /^[1-9]\d*$/.test(parts[2]))))
    return { page: "present", slug: parts[1], slide: parts[2] ? Number(parts[2]) - 1 : 0 };
  if (parts[0] === "presenter" && parts.length === 2) return { page: "presenter", slug: parts[1] };
  if (parts[0] === "handout" && parts.length === 3) return { page: "handout", slug: parts[1], widget: parts[2] };
  return { page: "notFound", path };
}

export function lessonHref(slug: string, section?: string): string {
  return `#/lessons/${slug}${section ? `/${section}` : ""}`;
}

/** Example: presentHref("attention", 0) → "#/present/attention/1" (slides are 1-based in the URL) */
export function presentHref(slug: string, slide = 0): string {
  return `#/present/${slug}/${slide + 1}`;
}

export function presenterViewHref(slug: string): string {
  return `#/presenter/${slug}`;
}
