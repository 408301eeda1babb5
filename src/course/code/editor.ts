/**
 * The code exercise's editor: CodeMirror 6 with line numbers, syntax highlighting, indentation, bracket
 * matching and history. Loaded with a dynamic import by CodeExercise.tsx, so only pages with a code exercise
 * download it. Tab indents (indentWithTab); Escape, then Tab, moves focus on (CodeMirror's tab-focus mode), so
 * the editor never traps keyboard users. Colours come from the page's CSS variables, so both themes work.
 */
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import { tags as t } from "@lezer/highlight";
import type { CodeLang } from "./values";

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--cm-keyword)" },
  { tag: [t.string, t.special(t.string)], color: "var(--cm-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--cm-number)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--muted)", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: "var(--cm-function)" },
  { tag: [t.typeName, t.className], color: "var(--cm-type)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--code-bg)", fontSize: "inherit", borderRadius: "var(--radius)", border: "1px solid var(--border)" },
  "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "2px" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)", padding: "0.5rem 0" },
  ".cm-gutters": { backgroundColor: "var(--code-bg)", color: "var(--muted)", border: "none", borderRight: "1px solid var(--border)", borderRadius: "var(--radius) 0 0 var(--radius)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--cm-active)" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--cm-selection) !important" },
  ".cm-matchingBracket": { backgroundColor: "var(--cm-bracket)", outline: "1px solid var(--accent)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
});

export interface CodeEditor {
  setText(text: string): void;
  focus(): void;
  destroy(): void;
}

export function createEditor(parent: HTMLElement, opts: { text: string; lang: CodeLang; label: string; onChange(text: string): void; onRun(): void }): CodeEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        syntaxHighlighting(highlight),
        opts.lang === "python" ? python() : javascript({ typescript: opts.lang === "ts" }),
        // Mod-Enter runs (above defaultKeymap, which would insert a blank line)
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (opts.onRun(), true) }])),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": opts.label, "data-testid": "code-input" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
  return {
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
