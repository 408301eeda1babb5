import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import type { Root } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import { visit } from "unist-util-visit";
import { checkDirective, type WidgetUse } from "./directives";
import { isWidgetName } from "./widgetSpecs";
import { widgetId } from "./widgetId";

/** One widget directive of a lesson body: its use (as WidgetHost takes it), its URL-state id, and the h2/h3 above it. */
export interface WidgetSite {
  use: WidgetUse;
  id: string;
  section?: { id: string; text: string };
}

/**
 * The widget directives of a lesson body in document order, each with the heading it sits under (ids as
 * rehype-slug gives them, like tableOfContents). Lines are the file's (the body's line + bodyLineOffset).
 * Example: widgetSites("## Beams\n\n::beam-tree{id=beam}\n", 4) → [{ id: "beam", use: { name: "beam-tree", line: 7, … },
 *   section: { id: "beams", text: "Beams" } }]
 */
export function widgetSites(body: string, bodyLineOffset: number): WidgetSite[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).parse(body) as Root;
  const slugger = new GithubSlugger();
  const sites: WidgetSite[] = [];
  let section: WidgetSite["section"];
  visit(tree, (node) => {
    if (node.type === "heading") {
      const text = toString(node);
      const id = slugger.slug(text); // every heading takes a slug, so later ids match rehype-slug's numbering
      if (node.depth === 2 || node.depth === 3) section = { id, text };
      return;
    }
    if ((node.type === "leafDirective" || node.type === "containerDirective") && isWidgetName(node.name)) {
      const use = checkDirective(node.name, node.attributes ?? {}, (node.position?.start.line ?? 0) + bodyLineOffset);
      sites.push({ use, id: widgetId(use.name, use.props), section });
      return "skip";
    }
  });
  return sites;
}
