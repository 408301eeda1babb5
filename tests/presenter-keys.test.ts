import { describe, expect, it } from "vitest";
import { controlOwnsKey, hashQueryString, isPresentKey, isTyping, keyToCommand, presenterCommand, sectionAt, SCROLL_OVERLAP, stepBack, stepForward, type KeyTarget } from "../src/presenter/keys";

const body: KeyTarget = { tag: "body" };
const press = (key: string, target: KeyTarget | null = body, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; defaultPrevented: boolean }> = {}) => presenterCommand({ key, ...extra }, target);

describe("isTyping: which focused elements take typed characters", () => {
  it.each<[string, KeyTarget, boolean]>([
    ["a text input", { tag: "input", type: "text" }, true],
    ["an input with no type (text)", { tag: "input" }, true],
    ["a number input", { tag: "input", type: "number" }, true],
    ["a search input", { tag: "input", type: "search" }, true],
    ["a textarea", { tag: "textarea" }, true],
    ["a select (letters pick an option)", { tag: "select" }, true],
    ["a contenteditable div", { tag: "div", editable: true }, true],
    ["a CodeMirror editor's content", { tag: "div", inEditor: true, role: "textbox" }, true],
    ["a role=textbox element", { tag: "div", role: "textbox" }, true],
    ["a range slider", { tag: "input", type: "range" }, false],
    ["a checkbox", { tag: "input", type: "checkbox" }, false],
    ["a radio button", { tag: "input", type: "radio" }, false],
    ["a button", { tag: "button" }, false],
    ["the body", body, false],
  ])("%s → %s", (_, target, typing) => {
    expect(isTyping(target)).toBe(typing);
  });
  it("no target is not typing", () => expect(isTyping(null)).toBe(false));
});

describe("keyToCommand", () => {
  it.each<[string, ReturnType<typeof keyToCommand>]>([
    [" ", "next"],
    ["ArrowRight", "next"],
    ["PageDown", "next"],
    ["ArrowLeft", "prev"],
    ["PageUp", "prev"],
    ["Home", "first"],
    ["End", "last"],
    ["f", "fullscreen"],
    ["F", "fullscreen"],
    ["r", "reset"],
    ["R", "reset"],
    ["b", "blank"],
    ["B", "blank"],
    [".", "blank"],
    ["l", "laser"],
    ["q", "qr"],
    ["s", "speaker"],
    ["p", "leave"],
    ["P", "leave"],
    ["?", "keys"],
    ["Escape", "escape"],
    ["1", { preset: 1 }],
    ["9", { preset: 9 }],
    ["0", null],
    ["x", null],
    ["ArrowUp", null], // ↑/↓ scroll the slide natively
    ["ArrowDown", null],
    ["Enter", null],
    ["F5", null],
  ])("%j → %j", (key, command) => {
    expect(keyToCommand(key)).toEqual(command);
  });
});

describe("presenterCommand: a keydown in context", () => {
  it("maps keys on the page itself", () => {
    expect(press("ArrowRight")).toBe("next");
    expect(press("3")).toEqual({ preset: 3 });
    expect(press("?")).toBe("keys");
  });
  it("ignores Ctrl, ⌘ and Alt combinations (browser shortcuts: Ctrl+R reloads, ⌘+F finds)", () => {
    expect(press("r", body, { ctrlKey: true })).toBeNull();
    expect(press("f", body, { metaKey: true })).toBeNull();
    expect(press("ArrowLeft", body, { altKey: true })).toBeNull();
  });
  it("never fires while typing: letters, digits, Space and arrows go to the field", () => {
    const field: KeyTarget = { tag: "input", type: "text" };
    for (const key of ["r", "f", "b", "3", " ", "ArrowRight", "ArrowLeft", "p", "?"]) expect(press(key, field)).toBeNull();
    expect(press("5", { tag: "div", inEditor: true })).toBeNull();
    expect(press("b", { tag: "textarea" })).toBeNull();
    expect(press("Escape", field)).toBeNull(); // Esc in a field never leaves presenter mode
    expect(press("Escape", { tag: "input", type: "range" })).toBe("escape");
  });
  it("leaves a key that a widget already handled (preventDefault) alone", () => {
    expect(press("ArrowRight", { tag: "div", role: "application" }, { defaultPrevented: true })).toBeNull();
    expect(press("Escape", body, { defaultPrevented: true })).toBeNull();
  });
  it("ignores keys inside a dialog, Escape included (the dialog closes itself)", () => {
    const inDialog: KeyTarget = { tag: "button", inDialog: true };
    expect(press("ArrowRight", inDialog)).toBeNull();
    expect(press("Escape", inDialog)).toBeNull();
    expect(press("r", inDialog)).toBeNull();
  });
  it("lets a focused control keep the navigation keys it uses, but not the letters", () => {
    const slider: KeyTarget = { tag: "input", type: "range" };
    expect(press("ArrowRight", slider)).toBeNull(); // moves the slider
    expect(press("Home", slider)).toBeNull();
    expect(press("r", slider)).toBe("reset"); // a slider takes no letters
    expect(press("2", slider)).toEqual({ preset: 2 });
    const button: KeyTarget = { tag: "button" };
    expect(press(" ", button)).toBeNull(); // Space presses the button
    expect(press("ArrowRight", button)).toBe("next"); // a button has no use for arrows
    const checkbox: KeyTarget = { tag: "input", type: "checkbox" };
    expect(press(" ", checkbox)).toBeNull();
    expect(press("ArrowLeft", checkbox)).toBe("prev");
    const gridCell: KeyTarget = { tag: "td", role: "gridcell" };
    expect(press("ArrowLeft", gridCell)).toBeNull();
    expect(press("End", { tag: "div", role: "listbox" })).toBeNull();
  });
});

describe("controlOwnsKey", () => {
  it.each<[string, KeyTarget, boolean]>([
    [" ", { tag: "summary" }, true],
    [" ", { tag: "div", role: "switch" }, true],
    [" ", { tag: "a" }, false],
    [" ", body, false],
    ["ArrowDown", { tag: "select" }, true],
    ["PageDown", { tag: "input", type: "number" }, true],
    ["ArrowRight", { tag: "input", type: "checkbox" }, false],
    ["ArrowRight", { tag: "div", role: "tab" }, true],
    ["ArrowRight", { tag: "a" }, false],
    ["f", { tag: "input", type: "range" }, false],
  ])("%j on %j → %s", (key, target, owns) => {
    expect(controlOwnsKey(key, target)).toBe(owns);
  });
});

describe("isPresentKey: the lesson page's P", () => {
  it("P or p on the page enters presenter mode", () => {
    expect(isPresentKey({ key: "p" }, body)).toBe(true);
    expect(isPresentKey({ key: "P" }, { tag: "button" })).toBe(true);
  });
  it("not while typing, in a dialog, with a modifier, or for other keys", () => {
    expect(isPresentKey({ key: "p" }, { tag: "input", type: "text" })).toBe(false);
    expect(isPresentKey({ key: "p" }, { tag: "div", inEditor: true })).toBe(false);
    expect(isPresentKey({ key: "p" }, { tag: "button", inDialog: true })).toBe(false);
    expect(isPresentKey({ key: "p", ctrlKey: true }, body)).toBe(false); // Ctrl+P prints
    expect(isPresentKey({ key: "p", metaKey: true }, body)).toBe(false);
    expect(isPresentKey({ key: "o" }, body)).toBe(false);
  });
});

describe("stepForward / stepBack: Space scrolls a tall slide before moving on", () => {
  it("scrolls down a screen less the overlap while there is more below", () => {
    // 600 px visible of 1500: 0 → 510 (600 × 0.85), then 510 → 900 (the bottom, not past it)
    expect(SCROLL_OVERLAP).toBe(0.15);
    expect(stepForward({ scrollTop: 0, clientHeight: 600, scrollHeight: 1500 }, 2, 10)).toEqual({ kind: "scroll", top: 510 });
    expect(stepForward({ scrollTop: 510, clientHeight: 600, scrollHeight: 1500 }, 2, 10)).toEqual({ kind: "scroll", top: 900 });
  });
  it("goes to the next slide at the bottom (a pixel of rounding counts as the bottom)", () => {
    expect(stepForward({ scrollTop: 900, clientHeight: 600, scrollHeight: 1500 }, 2, 10)).toEqual({ kind: "slide", slide: 3 });
    expect(stepForward({ scrollTop: 899.5, clientHeight: 600, scrollHeight: 1500 }, 2, 10)).toEqual({ kind: "slide", slide: 3 });
    expect(stepForward({ scrollTop: 0, clientHeight: 700, scrollHeight: 700 }, 0, 10)).toEqual({ kind: "slide", slide: 1 }); // fits the screen
  });
  it("stays on the last slide's bottom, and on the first slide going back", () => {
    expect(stepForward({ scrollTop: 0, clientHeight: 700, scrollHeight: 700 }, 9, 10)).toEqual({ kind: "stay" });
    expect(stepForward({ scrollTop: 0, clientHeight: 600, scrollHeight: 1500 }, 9, 10)).toEqual({ kind: "scroll", top: 510 });
    expect(stepBack(0)).toEqual({ kind: "stay" });
    expect(stepBack(4)).toEqual({ kind: "slide", slide: 3 });
  });
});

describe("sectionAt: the section a reader is at when they press P", () => {
  it("is the last h2 at or above the reading line", () => {
    const hs = [
      { id: "a", top: -300 },
      { id: "b", top: 120 },
      { id: "c", top: 900 },
    ];
    expect(sectionAt(hs, 200)).toBe("b");
    expect(sectionAt(hs, 120)).toBe("b");
    expect(sectionAt(hs, 119)).toBe("a");
    expect(sectionAt(hs, 1000)).toBe("c");
  });
  it("is the opening (\"\") above the first heading", () => {
    expect(sectionAt([{ id: "a", top: 400 }], 200)).toBe("");
    expect(sectionAt([], 200)).toBe("");
  });
});

describe("hashQueryString", () => {
  it("keeps the query after ? (widget state, language)", () => {
    expect(hashQueryString("#/lessons/attention/many-heads?kvh.preset=gpt2&lang=ja")).toBe("kvh.preset=gpt2&lang=ja");
    expect(hashQueryString("#/lessons/attention")).toBe("");
  });
});
