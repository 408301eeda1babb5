import { Children, isValidElement, useId, useRef, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { loadJSON, saveJSON } from "../storage";
import { DirectiveError } from "./WidgetHost";
import { pickTab, type CodeTabsUse } from "./codeTabs";

/** The reader's language for code tabs, one choice for the whole course (localStorage), shared by every block. */
const KEY = "gpt-dojo:code-tab";
const listeners = new Set<() => void>();
let current: string | null = null;
let loaded = false;

function getKind(): string | null {
  if (!loaded) {
    const saved = loadJSON<unknown>(KEY, null);
    current = typeof saved === "string" ? saved : null;
    loaded = true;
  }
  return current;
}

function setKind(kind: string): void {
  current = kind;
  loaded = true;
  saveJSON(KEY, kind);
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/**
 * One `:::code-tabs` block: the ARIA tabs pattern (a tablist of buttons, arrow keys / Home / End move between
 * them and select, one tabpanel per language). Children are the container's rendered code blocks, in order.
 */
export function CodeTabs({ json, path, children }: { json: string; path: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const use = JSON.parse(json) as CodeTabsUse;
  const kind = useSyncExternalStore(subscribe, getKind, () => null);
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  if (use.errors.length) return <DirectiveError title={t("codeTabs.error")} lines={use.errors.map((e) => `${path}:${use.line}: ${e}`)} />;
  const blocks = Children.toArray(children).filter(isValidElement);
  const selected = pickTab(use.tabs, kind);

  const onKeyDown = (e: KeyboardEvent) => {
    const n = use.tabs.length;
    const next =
      e.key === "ArrowRight" ? (selected + 1) % n
      : e.key === "ArrowLeft" ? (selected - 1 + n) % n
      : e.key === "Home" ? 0
      : e.key === "End" ? n - 1
      : null;
    if (next === null) return;
    e.preventDefault();
    setKind(use.tabs[next].kind);
    buttons.current[next]?.focus();
  };

  return (
    <div className="code-tabs">
      <div className="code-tabs-list" role="tablist" aria-label={t("codeTabs.label")} onKeyDown={onKeyDown}>
        {use.tabs.map((tab, i) => (
          <button
            key={tab.kind}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${i}`}
            aria-selected={i === selected}
            aria-controls={`${base}-panel-${i}`}
            tabIndex={i === selected ? 0 : -1}
            data-kind={tab.kind}
            onClick={() => setKind(tab.kind)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {use.tabs.map((tab, i) => (
        <div key={tab.kind} role="tabpanel" id={`${base}-panel-${i}`} aria-labelledby={`${base}-tab-${i}`} hidden={i !== selected} tabIndex={0} data-kind={tab.kind}>
          {blocks[i]}
        </div>
      ))}
    </div>
  );
}
