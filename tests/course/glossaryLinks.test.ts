import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import type { Link, Root } from "mdast";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { remarkGlossaryLinks, termPattern } from "../../src/course/glossaryLinks";
import { glossary } from "../../src/i18n/glossary";

function links(md: string, lang: "en" | "ja"): { url: string; text: string }[] {
  const tree = unified().use(remarkParse).use(remarkMath).use(remarkDirective).parse(md) as Root;
  remarkGlossaryLinks({ lang })(tree);
  const out: { url: string; text: string }[] = [];
  visit(tree, "link", (l: Link) => {
    out.push({ url: l.url, text: l.children.map((c) => ("value" in c ? c.value : "")).join("") });
  });
  return out;
}

describe("glossary links", () => {
  it("links only the first use of a term, keeping its case, and goes on after the link", () => {
    expect(links("Attention mixes tokens. Then attention again, and more tokens.", "en")).toEqual([
      { url: "#/glossary/attention", text: "Attention" },
      { url: "#/glossary/token", text: "tokens" },
    ]);
  });
  it("skips speaker notes, which readers never see: the first use readers meet is linked", () => {
    expect(links(":::notes\nSay: attention is the only mixing step.\n:::\n\nAttention mixes tokens.", "en")).toEqual([
      { url: "#/glossary/attention", text: "Attention" },
      { url: "#/glossary/token", text: "tokens" },
    ]);
  });
  it("never links inside headings, code, math or existing links", () => {
    expect(links("## Attention\n\n`attention` and $loss$ and [the loss](x)\n\nNow the loss.", "en")).toEqual([
      { url: "x", text: "the loss" },
      { url: "#/glossary/loss", text: "loss" },
    ]);
  });
  it("matches whole words: 'tokens' but not 'tokenization' for token; acronyms exactly (MLP, not mlp)", () => {
    const token = termPattern(glossary.find((g) => g.id === "token")!, "en");
    expect(token.test("tokenization")).toBe(false);
    expect(token.test("two tokens")).toBe(true);
    const mlp = termPattern(glossary.find((g) => g.id === "mlp")!, "en");
    expect(mlp.test("an mlp")).toBe(false);
    expect(mlp.test("the MLP")).toBe(true);
  });
  it("Japanese: the glossary's term, first use only", () => {
    expect(links("アテンションは重みつき平均です。アテンションの重み。", "ja")).toEqual([{ url: "#/glossary/attention", text: "アテンション" }]);
  });
});
