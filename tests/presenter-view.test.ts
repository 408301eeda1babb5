import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkDirective from "remark-directive";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import {
  TIMEOUT_MS,
  connectionReducer,
  elapsedMs,
  formatClock,
  formatElapsed,
  initialConnection,
  pauseTimer,
  remarkPlaceholders,
  resetTimer,
  resumeTimer,
  runningTimer,
  viewAction,
  type StateMessage,
} from "../src/presenter/view";
import { presenterCommand } from "../src/presenter/keys";

describe("formatElapsed", () => {
  it.each([
    [0, "00:00"],
    [5, "00:05"],
    [65, "01:05"],
    [59.99, "00:59"], // fractions are dropped, never rounded up
    [600, "10:00"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3725, "1:02:05"],
    [5400, "1:30:00"], // a 90-minute workshop
    [36000 + 61, "10:01:01"],
    [-3, "00:00"],
    [Number.NaN, "00:00"],
  ])("%s s → %s", (s, text) => expect(formatElapsed(s)).toBe(text));
});

describe("formatClock", () => {
  it.each([
    [9, 5, "09:05"],
    [0, 0, "00:00"],
    [13, 30, "13:30"],
    [23, 59, "23:59"],
  ])("%i:%i → %s", (h, m, text) => expect(formatClock(new Date(2026, 11, 2, h, m, 42))).toBe(text));
});

const state = (over: Partial<StateMessage> = {}): StateMessage => ({ type: "state", slug: "attention", slide: 2, count: 12, blank: false, lang: "en", startedAt: 1000, ...over });

describe("connectionReducer", () => {
  it("waits until a state for its lesson arrives, then follows every one", () => {
    let c = initialConnection("attention");
    expect(c.status).toBe("waiting");
    c = connectionReducer(c, { type: "tick", now: 60_000 });
    expect(c.status).toBe("waiting"); // never connected: waiting is not "lost"
    c = connectionReducer(c, { type: "state", message: state(), now: 61_000 });
    expect(c).toMatchObject({ status: "connected", lastSeen: 61_000, state: { slide: 2, count: 12 } });
    c = connectionReducer(c, { type: "state", message: state({ slide: 3, blank: true }), now: 62_000 });
    expect(c).toMatchObject({ status: "connected", lastSeen: 62_000, state: { slide: 3, blank: true } });
  });

  it("is lost exactly when more than TIMEOUT_MS (5 s) pass without a state, keeps the last one, and reconnects", () => {
    expect(TIMEOUT_MS).toBe(5000);
    let c = connectionReducer(initialConnection("attention"), { type: "state", message: state({ slide: 4 }), now: 0 });
    c = connectionReducer(c, { type: "tick", now: 5000 });
    expect(c.status).toBe("connected");
    c = connectionReducer(c, { type: "tick", now: 5001 });
    expect(c.status).toBe("lost");
    expect(c.state?.slide).toBe(4); // the view still knows where the projection was
    c = connectionReducer(c, { type: "tick", now: 9000 });
    expect(c.status).toBe("lost");
    c = connectionReducer(c, { type: "state", message: state({ slide: 0 }), now: 9500 });
    expect(c).toMatchObject({ status: "connected", lastSeen: 9500, state: { slide: 0 } });
  });

  it("keeps the earliest startedAt, so a projection reopened mid-talk does not restart the talk's time", () => {
    let c = connectionReducer(initialConnection("attention"), { type: "state", message: state({ startedAt: 1000 }), now: 2000 });
    expect(c.startedAt).toBe(1000);
    c = connectionReducer(c, { type: "tick", now: 60_000 }); // lost
    c = connectionReducer(c, { type: "state", message: state({ startedAt: 61_000 }), now: 61_500 }); // reopened
    expect(c).toMatchObject({ status: "connected", startedAt: 1000, state: { startedAt: 61_000 } });
    expect(formatElapsed(elapsedMs(runningTimer, c.startedAt!, 3_726_000) / 1000)).toBe("1:02:05");
    // another lesson's projection never sets it
    expect(connectionReducer(initialConnection("gpt"), { type: "state", message: state({ startedAt: 5 }), now: 6 }).startedAt).toBeNull();
  });

  it("a tick that changes nothing returns the same object (no re-render work)", () => {
    const c = connectionReducer(initialConnection("attention"), { type: "state", message: state(), now: 0 });
    expect(connectionReducer(c, { type: "tick", now: 1000 })).toBe(c);
  });

  it("a state for another lesson does not connect, is remembered, and is forgotten after TIMEOUT_MS", () => {
    let c = connectionReducer(initialConnection("attention"), { type: "state", message: state({ slug: "gpt" }), now: 100 });
    expect(c).toMatchObject({ status: "waiting", state: null, other: { slug: "gpt", seen: 100 } });
    c = connectionReducer(c, { type: "tick", now: 5100 });
    expect(c.other?.slug).toBe("gpt");
    c = connectionReducer(c, { type: "tick", now: 5101 });
    expect(c.other).toBeNull();
    // once ours answers, the other is dropped at once
    c = connectionReducer(c, { type: "state", message: state({ slug: "gpt" }), now: 6000 });
    c = connectionReducer(c, { type: "state", message: state(), now: 6001 });
    expect(c).toMatchObject({ status: "connected", other: null });
  });
});

describe("the speaker's timer", () => {
  const startedAt = 10_000;
  it("counts from the projected window's startedAt", () => {
    expect(elapsedMs(runningTimer, startedAt, 75_000)).toBe(65_000);
    expect(formatElapsed(elapsedMs(runningTimer, startedAt, startedAt + 3_725_000) / 1000)).toBe("1:02:05");
    expect(elapsedMs(runningTimer, startedAt, 5_000)).toBe(0); // clocks a little apart never read negative
  });

  it("pause freezes the reading; resume continues from it; the pause itself is not counted", () => {
    let timer = pauseTimer(runningTimer, 70_000); // 60 s in
    expect(elapsedMs(timer, startedAt, 70_000)).toBe(60_000);
    expect(elapsedMs(timer, startedAt, 400_000)).toBe(60_000);
    expect(pauseTimer(timer, 500_000)).toBe(timer); // pausing twice keeps the first pause
    timer = resumeTimer(timer, startedAt, 400_000); // 330 s paused
    expect(timer).toEqual({ zeroAt: 340_000, pausedAt: null });
    expect(elapsedMs(timer, startedAt, 405_000)).toBe(65_000);
    expect(resumeTimer(timer, startedAt, 999_999)).toBe(timer); // resume while running changes nothing
  });

  it("reset starts again from 0:00 and no longer follows startedAt; a paused timer stays paused at 0:00", () => {
    let timer = resetTimer(runningTimer, 100_000);
    expect(elapsedMs(timer, startedAt, 100_000)).toBe(0);
    expect(elapsedMs(timer, 50_000, 165_000)).toBe(65_000); // a new startedAt does not move the speaker's zero
    timer = resetTimer(pauseTimer(timer, 200_000), 300_000);
    expect(timer).toEqual({ zeroAt: 300_000, pausedAt: 300_000 });
    expect(elapsedMs(timer, startedAt, 900_000)).toBe(0);
    expect(elapsedMs(resumeTimer(timer, startedAt, 900_000), startedAt, 910_000)).toBe(10_000);
  });
});

describe("keys in the speaker's view", () => {
  const on = (key: string, target: Parameters<typeof presenterCommand>[1] = { tag: "body" }, mods = {}) => viewAction(presenterCommand({ key, ...mods }, target));
  it("drive the projected window", () => {
    for (const k of ["ArrowRight", " ", "PageDown"]) expect(on(k)).toEqual({ kind: "command", command: "next" });
    for (const k of ["ArrowLeft", "PageUp"]) expect(on(k)).toEqual({ kind: "command", command: "prev" });
    for (const k of ["b", "B", "."]) expect(on(k)).toEqual({ kind: "command", command: "blank" });
    expect(on("r")).toEqual({ kind: "command", command: "reset" });
    expect(on("F")).toEqual({ kind: "command", command: "fullscreen" });
    expect(on("l")).toEqual({ kind: "command", command: "laser" });
    expect(on("7")).toEqual({ kind: "command", command: { preset: 7 } });
    expect(on("Home")).toEqual({ kind: "goto", to: "first" });
    expect(on("End")).toEqual({ kind: "goto", to: "last" });
  });
  it("? and Escape work the key list here; the projected window's own Q, S, P and unknown keys do nothing", () => {
    expect(on("?")).toEqual({ kind: "keys" });
    expect(on("Escape")).toEqual({ kind: "keys", open: false });
    for (const k of ["q", "s", "p", "0", "x", "Enter"]) expect(on(k), k).toBeNull();
  });
  it("never fire while typing or with a modifier (Ctrl+R still reloads)", () => {
    expect(on("b", { tag: "input", type: "text" })).toBeNull();
    expect(on("ArrowRight", { tag: "select" })).toBeNull();
    expect(on("r", { tag: "div", inEditor: true })).toBeNull();
    expect(on("r", { tag: "body" }, { ctrlKey: true })).toBeNull();
    expect(on("ArrowRight", { tag: "button" })).toEqual({ kind: "command", command: "next" });
  });
});

describe("remarkPlaceholders (the next slide's preview)", () => {
  /** The tree after the plugin: its text, and the placeholders (hName dojo-placeholder) in order. */
  const run = (md: string) => {
    const processor = unified().use(remarkParse).use(remarkDirective).use(remarkPlaceholders);
    const tree = processor.runSync(processor.parse(md)) as Root;
    const placeholders: unknown[] = [];
    visit(tree, (n) => {
      const data = n.data as { hName?: string; hProperties?: { dataPlaceholder?: string } } | undefined;
      if (data?.hName === "dojo-placeholder") placeholders.push(JSON.parse(data.hProperties!.dataPlaceholder!));
    });
    return { text: toString(tree), placeholders, types: tree.children.map((c) => c.type) };
  };
  it("replaces widgets, exercises and code tabs by a named placeholder with no content, and drops notes and slide breaks", () => {
    const out = run(
      "Text before.\n\n::attention-matrix{id=toy text=\"hi\"}\n\n::::exercise{id=heads kind=numeric answer=4}\nHow many heads?\n\n:::hint\nCount.\n:::\n::::\n\n::slide\n\n:::notes\nSecret.\n:::\n\n:::code-tabs\n```ts\nx\n```\n:::\n\n::::code-exercise{id=softmax lang=python}\nWrite it.\n::::",
    );
    expect(out.placeholders).toEqual([
      { kind: "widget", name: "attention-matrix" },
      { kind: "exercise", id: "heads" },
      { kind: "codeTabs" },
      { kind: "codeExercise", id: "softmax" },
    ]);
    expect(out.types).toEqual(["paragraph", "paragraph", "paragraph", "paragraph", "paragraph"]);
    expect(out.text).toBe("Text before.");
  });
  it("puts a text directive's colon back (prose like 'at :30 past')", () => {
    expect(run("Back at :thirty past.").text).toBe("Back at :thirty past.");
    expect(run("Back at :thirty past.").types).toEqual(["paragraph"]);
  });
});
