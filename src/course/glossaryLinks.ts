import type { Root } from "mdast";
import { SKIP, visit } from "unist-util-visit";
import { glossary, type GlossaryTerm } from "../i18n/glossary";

/** Nodes whose text is never linked: headings, links, code, math and raw HTML. */
const SKIPPED = new Set(["heading", "link", "linkReference", "inlineCode", "code", "math", "inlineMath", "html", "leafDirective", "textDirective"]);

/** One regular expression per term that finds its first use in prose of that language. */
export function termPattern(g: GlossaryTerm, lang: "en" | "ja"): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (lang === "ja") return new RegExp(esc(g.ja), "u");
  const forms = [...g.enForms].sort((a, b) => b.length - a.length).map(esc);
  const caseless = g.enForms.every((f) => f === f.toLowerCase()); // "attention" matches "Attention"; "MLP" stays exact
  return new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${forms.join("|")})(?![\\p{L}\\p{N}_])`, caseless ? "iu" : "u");
}

/**
 * A remark plugin: the first use of each glossary term in a lesson becomes a link to #/glossary/<id>, with the
 * definition as its title (a tooltip). Example: "Attention mixes tokens." → [Attention](#/glossary/attention).
 */
export function remarkGlossaryLinks({ lang }: { lang: "en" | "ja" }) {
  const terms = glossary.map((g) => ({ g, re: termPattern(g, lang) }));
  return (tree: Root) => {
    const linked = new Set<string>();
    visit(tree, (node, index, parent) => {
      // speaker notes (:::notes) are never shown to readers: a term's first use there would leave the page unlinked
      if (SKIPPED.has(node.type) || (node.type === "containerDirective" && node.name === "notes")) return SKIP;
      if (node.type !== "text" || !parent || index === undefined) return;
      let best: { g: GlossaryTerm; at: number; text: string } | null = null;
      for (const { g, re } of terms) {
        if (linked.has(g.id)) continue;
        const m = re.exec(node.value);
        if (m && (!best || m.index < best.at)) best = { g, at: m.index, text: m[0] };
      }
      if (!best) return;
      linked.add(best.g.id);
      const before = node.value.slice(0, best.at), after = node.value.slice(best.at + best.text.length);
      const link = {
        type: "link" as const,
        url: `#/glossary/${best.g.id}`,
        title: best.g.def[lang],
        children: [{ type: "text" as const, value: best.text }],
        data: { hProperties: { className: ["glossary-link"] } },
      };
      const parts = [...(before ? [{ type: "text" as const, value: before }] : []), link, { type: "text" as const, value: after }];
      (parent.children as unknown[]).splice(index, 1, ...parts);
      return index + parts.length - 1; // go on with the text after the link: it may hold other terms
    });
  };
}
