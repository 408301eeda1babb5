import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";

/**
 * Code tabs in lesson Markdown: one container holding the same code in several languages, shown as switchable
 * tabs. Pure mdast checks, shared by the page's remark plugin (directives.ts) and the Node lint (lint.ts).
 *
 *   :::code-tabs
 *   ```ts
 *   const y = linear(x, w, b);        // (B, T, out)
 *   ```
 *
 *   ```python PyTorch (nanoGPT)
 *   y = self.c_fc(x)                   # (B, T, out)
 *   ```
 *   :::
 *
 * Each fence's language picks its tab's "kind" (ts/js → "ts", python → "python"); the words after the language
 * are the tab's label (default: TypeScript, JavaScript, PyTorch). The reader's choice is a kind, remembered for
 * the whole course, so choosing PyTorch in one lesson shows PyTorch everywhere.
 */

export const codeTabKinds = ["ts", "python"] as const;
export type CodeTabKind = (typeof codeTabKinds)[number];

/** Fence language → kind and default label. */
const languages: Record<string, { kind: CodeTabKind; label: string }> = {
  ts: { kind: "ts", label: "TypeScript" },
  typescript: { kind: "ts", label: "TypeScript" },
  js: { kind: "ts", label: "JavaScript" },
  javascript: { kind: "ts", label: "JavaScript" },
  python: { kind: "python", label: "PyTorch" },
  py: { kind: "python", label: "PyTorch" },
};

export interface CodeTab {
  kind: CodeTabKind;
  label: string;
  lang: string;
}

/** One code-tabs directive, checked; the page renders `tabs` around the container's code blocks, in order. */
export interface CodeTabsUse {
  name: "code-tabs";
  line: number;
  props: Record<string, string>;
  errors: string[];
  tabs: CodeTab[];
}

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** Is this node `:::code-tabs` (or the mistaken leaf `::code-tabs`, which checkCodeTabs reports)? */
export function isCodeTabsNode(node: { type: string; name?: string }): boolean {
  return (node.type === "containerDirective" || node.type === "leafDirective") && node.name === "code-tabs";
}

/**
 * Checks one `:::code-tabs`. Example: a container with only a ```ts fence →
 * errors: ['code-tabs needs at least two code blocks (one per language), found 1.']
 */
export function checkCodeTabs(node: Directive, offset: number): CodeTabsUse {
  const line = (node.position?.start.line ?? 0) + offset;
  const props = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? ""]));
  const use: CodeTabsUse = { name: "code-tabs", line, props, errors: [], tabs: [] };
  const { errors, tabs } = use;
  if (node.type !== "containerDirective") {
    errors.push('code-tabs is a container: write ":::code-tabs", then one fenced code block per language, then ":::".');
    return use;
  }
  for (const key of Object.keys(props)) errors.push(`code-tabs takes no attributes, got "${key}".`);
  for (const child of node.children) {
    const at = `line ${(child.position?.start.line ?? 0) + offset}`;
    if (child.type !== "code") {
      errors.push(`code-tabs holds only fenced code blocks; the ${child.type} at ${at} belongs outside it.`);
      continue;
    }
    const lang = (child.lang ?? "").toLowerCase();
    const known = languages[lang];
    if (!known) {
      errors.push(`the code block at ${at} has ${lang ? `language "${lang}"` : "no language"}; code-tabs knows ${Object.keys(languages).join(", ")}.`);
      continue;
    }
    if (tabs.some((t) => t.kind === known.kind))
      errors.push(`code-tabs has two ${known.kind === "ts" ? "TypeScript/JavaScript" : "Python"} blocks (the second at ${at}); keep one per language.`);
    tabs.push({ kind: known.kind, label: child.meta?.trim() || known.label, lang });
  }
  if (tabs.length < 2 && errors.length === 0) errors.push(`code-tabs needs at least two code blocks (one per language), found ${tabs.length}.`);
  return use;
}

/** The page side: the container becomes `<dojo-code-tabs data-tabs=…>` around its code blocks. */
export function markCodeTabs(node: Directive, offset: number): void {
  const use = checkCodeTabs(node, offset);
  node.data = { ...node.data, hName: "dojo-code-tabs", hProperties: { dataTabs: JSON.stringify(use) } };
}

/** The tab to show: the reader's remembered kind if this block has it, else the first tab. */
export function pickTab(tabs: readonly CodeTab[], remembered: string | null | undefined): number {
  const i = tabs.findIndex((t) => t.kind === remembered);
  return i >= 0 ? i : 0;
}
