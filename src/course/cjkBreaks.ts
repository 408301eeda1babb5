import type { Root } from "mdast";
import { visit } from "unist-util-visit";

/**
 * Markdown keeps a line break inside a paragraph as a space, which is right between English words and wrong
 * between Japanese characters: "最も単純な\n推測器" would show as "最も単純な 推測器". This remark plugin removes a
 * line break (and the spaces around it) whenever the characters on both sides are Japanese (kana, kanji, the
 * long-vowel mark or full-width punctuation), so a ja.md can be wrapped at any column. Breaks next to Latin
 * letters, digits or inline code stay spaces.
 */
const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー、。，．・「」『』（）！？：；〜";
const joinable = new RegExp(`([${CJK}])[ \\t]*\\n[ \\t]*(?=[${CJK}])`, "gu");

export function joinCjkLines(text: string): string {
  return text.replace(joinable, "$1");
}

export function remarkCjkBreaks() {
  return (tree: Root) => {
    visit(tree, "text", (node) => {
      if (node.value.includes("\n")) node.value = joinCjkLines(node.value);
    });
  };
}
