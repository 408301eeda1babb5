/**
 * Hide and lock, generically: widgets mark each control that changes a URL-state field with
 * `data-field="<field>"` on the element wrapping the control and its label; a hand-out link's `<id>.hide=a,b`
 * gives those elements `hidden`, and `<id>.lock=c` makes them `inert` and aria-disabled, with a lock mark beside
 * them ("set by your instructor"). DOM only, no React: WidgetHost calls it whenever the widget re-renders.
 */

const MARK = "handout-lock";

/**
 * The marked controls inside `root`, grouped by field in document order: [["t", [slider, box]], ["k", [el]], …]
 * (one field may have several controls, as the temperature has a slider and a number box).
 */
export function markedFields(root: ParentNode): [string, HTMLElement[]][] {
  const seen = new Map<string, HTMLElement[]>();
  for (const el of root.querySelectorAll<HTMLElement>("[data-field]")) {
    const field = el.dataset.field ?? "";
    if (field) seen.set(field, [...(seen.get(field) ?? []), el]);
  }
  return [...seen];
}

/** A short name for a marked control: its legend, else its label, else its text (60 characters at most). */
export function fieldLabel(el: HTMLElement): string {
  const named = el.dataset.fieldLabel ?? el.querySelector("legend")?.textContent ?? (el.tagName === "LABEL" ? el.textContent : el.querySelector("label")?.textContent) ?? el.getAttribute("aria-label") ?? el.textContent;
  const text = (named ?? "").replace(/\s+/g, " ").trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || (el.dataset.field ?? "");
}

/**
 * What a field's controls hold now, as text: a radio group's checked label, a checkbox's ✓/✗, a select's option,
 * a text or number box's value; a range slider's position only when nothing else shows the value (its position
 * is not the value on a log scale).
 */
export function fieldValue(els: HTMLElement[]): string {
  const direct = els.find((el) => el.querySelector("input:not([type=range]), select, textarea") || el.matches("input:not([type=range]), select, textarea"));
  return controlValue(direct ?? els[0]);
}

function controlValue(el: HTMLElement): string {
  const checked = el.querySelector<HTMLInputElement>("input[type=radio]:checked");
  if (checked) return (checked.closest("label")?.textContent ?? checked.value).replace(/\s+/g, " ").trim();
  const box = el.matches("input[type=checkbox]") ? (el as HTMLInputElement) : el.querySelector<HTMLInputElement>("input[type=checkbox]");
  if (box) return box.checked ? "✓" : "✗";
  const select = el.matches("select") ? (el as HTMLSelectElement) : el.querySelector("select");
  if (select) return select.selectedOptions[0]?.textContent?.trim() ?? select.value;
  const input = el.matches("input, textarea") ? (el as HTMLInputElement) : el.querySelector<HTMLInputElement>("input:not([type=range]), textarea") ?? el.querySelector<HTMLInputElement>("input");
  return input ? input.value : "";
}

/**
 * Applies hide and lock to every marked control under `root` (and undoes them on controls no longer listed).
 * Idempotent: it changes the DOM only where the state differs, so a MutationObserver that calls it settles.
 */
export function applyHideLock(root: HTMLElement, hide: readonly string[], lock: readonly string[], lockedTip: string): void {
  for (const el of root.querySelectorAll<HTMLElement>("[data-field]")) {
    const field = el.dataset.field ?? "";
    const hidden = hide.includes(field);
    const locked = !hidden && lock.includes(field);
    if (el.hidden !== hidden) el.hidden = hidden;
    if (el.inert !== locked) el.inert = locked;
    if (locked && el.getAttribute("aria-disabled") !== "true") el.setAttribute("aria-disabled", "true");
    if (!locked && el.hasAttribute("aria-disabled")) el.removeAttribute("aria-disabled");
    if (locked !== el.hasAttribute("data-locked")) el.toggleAttribute("data-locked", locked);
    const next = el.nextElementSibling;
    const hasMark = next instanceof HTMLElement && next.classList.contains(MARK) && next.dataset.for === field;
    // subtle: the mark sits beside the control, not inside it: inside an inert element it could not be hovered or
    // focused to show its tooltip. React never learns of it; marks whose control went away are removed below.
    if (locked && !hasMark) {
      const mark = document.createElement("span");
      mark.className = MARK;
      mark.dataset.for = field;
      mark.tabIndex = 0;
      mark.setAttribute("role", "img");
      mark.setAttribute("aria-label", lockedTip);
      mark.title = lockedTip;
      mark.dataset.tip = lockedTip;
      // an inline padlock: an emoji may be missing from a borrowed laptop's fonts
      mark.innerHTML = '<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true"><path fill="currentColor" d="M5 7V5a3 3 0 0 1 6 0v2h1a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z"/></svg>';
      el.after(mark);
    } else if (!locked && hasMark) next.remove();
  }
  for (const mark of root.querySelectorAll<HTMLElement>(`.${MARK}`)) {
    const prev = mark.previousElementSibling;
    if (!(prev instanceof HTMLElement) || prev.dataset.field !== mark.dataset.for || !prev.hasAttribute("data-locked")) mark.remove();
  }
}
