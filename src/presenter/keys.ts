/**
 * Presenter mode's keys as pure functions, so Vitest can check them with plain objects: which key is which
 * command, when a key belongs to a field or a widget instead, and where Space goes on a slide taller than the
 * screen. PresenterMode.tsx and the lesson page's P key (enter.tsx) wire them to the DOM.
 */
import type { PresenterCommand } from "./sync";

/** Everything a key can do in the projected window: the speaker's view's commands plus the window's own. */
export type PresenterKey = PresenterCommand | "first" | "last" | "qr" | "speaker" | "leave" | "escape";

/** The parts of a keydown event the mapping reads. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  defaultPrevented?: boolean;
}

/**
 * The focused element, reduced to what the rules need (describeTarget builds it from a DOM element).
 * tag is lower case; type is an input's type; role is the nearest explicit ARIA role around the element.
 */
export interface KeyTarget {
  tag: string;
  type?: string;
  editable?: boolean; // inside [contenteditable]
  inEditor?: boolean; // inside a CodeMirror editor (.cm-editor)
  inDialog?: boolean; // inside a dialog (role=dialog, <dialog>)
  role?: string;
}

/** Input types that take no typed text: keys pressed on them are commands, not characters. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "range", "button", "submit", "reset", "color", "file", "image"]);

/**
 * Whether keys pressed on this target are typing: a text field, a number field, a textarea, a select (letters pick
 * an option), anything contenteditable, or a code editor. Presenter keys never fire then.
 * Examples: {tag:"input", type:"text"} → true; {tag:"input", type:"range"} → false; {tag:"div", inEditor:true} → true
 */
export function isTyping(t: KeyTarget | null): boolean {
  if (!t) return false;
  if (t.editable || t.inEditor) return true;
  if (t.tag === "textarea" || t.tag === "select") return true;
  if (t.tag === "input") return !NON_TEXT_INPUTS.has((t.type || "text").toLowerCase());
  return t.role === "textbox" || t.role === "combobox" || t.role === "searchbox";
}

/** Roles whose widgets move with arrow keys, Home/End and PageUp/PageDown (WAI-ARIA practices). */
const ARROW_ROLES = new Set(["slider", "spinbutton", "listbox", "option", "grid", "gridcell", "row", "tablist", "tab", "radiogroup", "radio", "menu", "menubar", "menuitem", "tree", "treeitem", "treegrid"]);
/** Roles that Space activates. */
const SPACE_ROLES = new Set(["button", "checkbox", "switch", "radio", "tab", "option", "menuitem", "menuitemcheckbox", "menuitemradio", "treeitem"]);

/**
 * Whether a focused control uses this navigation key itself: Space presses a button or ticks a box, arrows move a
 * slider, a radio group or a widget's grid. Then the slide stays and the control gets the key.
 * Examples: (" ", {tag:"button"}) → true; ("ArrowRight", {tag:"button"}) → false; ("ArrowRight", {tag:"input", type:"range"}) → true
 */
export function controlOwnsKey(key: string, t: KeyTarget | null): boolean {
  if (!t) return false;
  if (key === " ") return t.tag === "button" || t.tag === "summary" || t.tag === "input" || t.tag === "select" || SPACE_ROLES.has(t.role ?? "");
  if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(key)) {
    if (t.tag === "input") return !["checkbox", "button", "submit", "reset", "color", "file", "image"].includes((t.type || "text").toLowerCase());
    return t.tag === "select" || ARROW_ROLES.has(t.role ?? "");
  }
  return false;
}

/**
 * The command a key stands for in presenter mode, or null. Letters in either case; digits 1–9 on the main row or
 * the keypad; "." as well as B blanks (many presentation clickers send ".").
 * Examples: "ArrowRight" → "next"; "f" → "fullscreen"; "3" → { preset: 3 }; "0" → null; "x" → null
 */
export function keyToCommand(key: string): PresenterKey | null {
  switch (key) {
    case " ":
    case "ArrowRight":
    case "PageDown":
      return "next";
    case "ArrowLeft":
    case "PageUp":
      return "prev";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "?":
      return "keys";
    case ".":
      return "blank";
    case "Escape":
      return "escape";
  }
  if (/^[1-9]$/.test(key)) return { preset: Number(key) };
  const letters: Record<string, PresenterKey> = { f: "fullscreen", r: "reset", b: "blank", l: "laser", q: "qr", s: "speaker", p: "leave" };
  return key.length === 1 ? (letters[key.toLowerCase()] ?? null) : null;
}

/**
 * The command a keydown means in presenter mode, or null when it is not ours: with Ctrl, ⌘ or Alt (browser and
 * system shortcuts), when a widget already handled it (defaultPrevented), while typing (Escape included: it leaves
 * the field to the browser rather than presenter mode), inside a dialog, or when a focused control uses the key
 * itself (see controlOwnsKey).
 */
export function presenterCommand(e: KeyLike, t: KeyTarget | null): PresenterKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const command = keyToCommand(e.key);
  if (command === null) return null;
  if (e.defaultPrevented || isTyping(t) || t?.inDialog) return null;
  if (controlOwnsKey(e.key, t)) return null;
  return command;
}

/** The lesson page's P: enter presenter mode, unless typing or with a modifier. */
export function isPresentKey(e: KeyLike, t: KeyTarget | null): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !e.defaultPrevented && (e.key === "p" || e.key === "P") && !isTyping(t) && !t?.inDialog;
}

/** A DOM element (an event's target) as a KeyTarget. */
export function describeTarget(target: EventTarget | null): KeyTarget | null {
  if (!target || typeof (target as Element).closest !== "function") return null;
  const el = target as HTMLElement;
  const editable = el.closest("[contenteditable]");
  return {
    tag: el.tagName.toLowerCase(),
    type: el instanceof HTMLInputElement ? el.type : undefined,
    editable: !!editable && editable.getAttribute("contenteditable") !== "false",
    inEditor: !!el.closest(".cm-editor"),
    inDialog: !!el.closest("dialog, [role=dialog], [role=alertdialog]"),
    role: el.closest("[role]")?.getAttribute("role") ?? undefined,
  };
}

// ---- scrolling a slide taller than the screen

/** A scrolling box's numbers, as the DOM gives them (px). */
export interface ScrollBox {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

/** How much of the screen a "next" scroll keeps in view from the screen before, so a reader keeps their place. */
export const SCROLL_OVERLAP = 0.15;

export type Step = { kind: "scroll"; top: number } | { kind: "slide"; slide: number } | { kind: "stay" };

/**
 * Where Space / → / PageDown goes: down a screen (less an overlap) while there is more of the slide below, then to
 * the next slide; nowhere on the last slide's bottom. A pixel of rounding counts as the bottom.
 * Examples: ({scrollTop:0, clientHeight:600, scrollHeight:1500}, 2, 10) → scroll to 510;
 *   ({scrollTop:900, clientHeight:600, scrollHeight:1500}, 2, 10) → slide 3; (same box, 9, 10) → stay
 */
export function stepForward(box: ScrollBox, slide: number, count: number): Step {
  const bottom = box.scrollHeight - box.clientHeight;
  if (box.scrollTop < bottom - 1) return { kind: "scroll", top: Math.min(bottom, Math.round(box.scrollTop + box.clientHeight * (1 - SCROLL_OVERLAP))) };
  return slide < count - 1 ? { kind: "slide", slide: slide + 1 } : { kind: "stay" };
}

/** ← / PageUp: the previous slide, shown from its top; nowhere on the first. */
export function stepBack(slide: number): Step {
  return slide > 0 ? { kind: "slide", slide: slide - 1 } : { kind: "stay" };
}

/**
 * The section a reader is at: the last h2 whose top is at or above `offset` px (the reading line), or "" above the
 * first one (the lesson's opening). Example: ([{id:"a", top:-300}, {id:"b", top:120}, {id:"c", top:900}], 200) → "b"
 */
export function sectionAt(headings: { id: string; top: number }[], offset: number): string {
  let current = "";
  for (const h of headings) if (h.top <= offset) current = h.id;
  return current;
}

/** The hash query (after "?", without it) of a hash, "" when none. Example: "#/lessons/x?a=1&b=2" → "a=1&b=2" */
export function hashQueryString(hash: string): string {
  const q = hash.indexOf("?");
  return q < 0 ? "" : hash.slice(q + 1);
}
