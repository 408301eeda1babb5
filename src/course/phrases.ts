import { Children, createElement, Fragment, useEffect, useState, type ReactNode } from "react";

/**
 * Phrase-aware line breaks for Japanese headings and narrow columns: BudouX splits a sentence into phrases
 * (文節), and the heading allows a break only between them (<wbr> plus `word-break: keep-all`), so "全体像" or
 * "ブロックと" never splits mid-phrase. The parser (about 25 KB with its model) loads only on Japanese pages.
 */
type Parse = (text: string) => string[];
let parser: Parse | null = null;
let loading: Promise<Parse> | null = null;

export function loadPhraseParser(): Promise<Parse> {
  loading ??= import("budoux").then(({ Parser, jaModel }) => {
    const p = new Parser(jaModel);
    parser = (text: string) => p.parse(text);
    return parser;
  });
  return loading;
}

/** The phrases of a Japanese text; joined, they give the text back. Example: "アテンション：重みつき平均で文脈を混ぜる" → 3 phrases. */
export async function japanesePhrases(text: string): Promise<string[]> {
  return (await loadPhraseParser())(text);
}

/** Children with <wbr> between the phrases of every string child, once the parser has loaded (ja only). */
export function PhraseBreaks({ lang, children }: { lang: string; children: ReactNode }) {
  const [parse, setParse] = useState<Parse | null>(() => (lang === "ja" ? parser : null));
  useEffect(() => {
    if (lang !== "ja" || parse) return;
    let live = true;
    loadPhraseParser().then((p) => live && setParse(() => p));
    return () => {
      live = false;
    };
  }, [lang, parse]);
  if (lang !== "ja" || !parse) return createElement(Fragment, null, children);
  return createElement(
    Fragment,
    null,
    Children.map(children, (c) =>
      typeof c === "string" ? parse(c).flatMap((ph, i) => (i === 0 ? [ph] : [createElement("wbr", { key: `w${i}` }), ph])) : c,
    ),
  );
}
