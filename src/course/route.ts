/** Hash routes, so the built site works from any static host and sub-path. */
export type Route =
  | { page: "map" }
  | { page: "lesson"; slug: string; section?: string }
  | { page: "lab" }
  | { page: "device" }
  | { page: "preview" }
  | { page: "glossary"; term?: string }
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
  return { page: "notFound", path };
}

export function lessonHref(slug: string, section?: string): string {
  return `#/lessons/${slug}${section ? `/${section}` : ""}`;
}
