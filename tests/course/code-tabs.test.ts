import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lintLesson } from "../../src/course/lint";
import { pickTab, type CodeTabsUse } from "../../src/course/codeTabs";

/** The `:::code-tabs` directive: which tabs a block has, and what the lint says about a malformed one. */

const lesson = (body: string) => `---\ntitle: T\nsummary: S\nminutes: 5\n---\n${body}`;
const tabsOf = (body: string) => lintLesson("lessons/99-x/en.md", lesson(body)).uses.filter((u) => u.name === "code-tabs");
const problems = (body: string) => lintLesson("lessons/99-x/en.md", lesson(body)).problems;

const good = ["Text", "", ":::code-tabs", "```ts", "const y = 1;", "```", "", "```python PyTorch (nanoGPT)", "y = 1", "```", ":::", ""].join("\n");

describe("code-tabs parsing", () => {
  it("reads one tab per fence, in order: kind from the language, label from the fence's words or the default", () => {
    const [use] = tabsOf(good);
    expect(use).toMatchObject({
      name: "code-tabs",
      line: 8, // 5 lines of front matter + the body's line 3
      errors: [],
      tabs: [
        { kind: "ts", label: "TypeScript", lang: "ts" },
        { kind: "python", label: "PyTorch (nanoGPT)", lang: "python" },
      ],
    });
    expect(problems(good)).toEqual([]);
  });

  it("defaults: js is JavaScript, python is PyTorch; a ts/js pair is one kind twice", () => {
    const [use] = tabsOf(":::code-tabs\n```js\nx\n```\n```py\nx\n```\n:::\n");
    expect(use.errors).toEqual([]);
    expect((use as unknown as { tabs: unknown[] }).tabs).toEqual([
      { kind: "ts", label: "JavaScript", lang: "js" },
      { kind: "python", label: "PyTorch", lang: "py" },
    ]);
    expect(problems(":::code-tabs\n```ts\nx\n```\n\n```js\ny\n```\n:::\n")).toEqual([
      "lessons/99-x/en.md:6: code-tabs has two TypeScript/JavaScript blocks (the second at line 11); keep one per language.",
    ]);
  });

  it("names the line and the fix for a malformed block", () => {
    expect(problems(":::code-tabs\n```ts\nx\n```\n:::\n")).toEqual(["lessons/99-x/en.md:6: code-tabs needs at least two code blocks (one per language), found 1."]);
    expect(problems(":::code-tabs\nSome prose.\n\n```ts\nx\n```\n\n```rust\ny\n```\n:::\n")).toEqual([
      "lessons/99-x/en.md:6: code-tabs holds only fenced code blocks; the paragraph at line 7 belongs outside it.",
      'lessons/99-x/en.md:6: the code block at line 13 has language "rust"; code-tabs knows ts, typescript, js, javascript, python, py.',
    ]);
    expect(problems(':::code-tabs{lang=ts}\n```ts\nx\n```\n```python\ny\n```\n:::\n')).toEqual(['lessons/99-x/en.md:6: code-tabs takes no attributes, got "lang".']);
    expect(problems("::code-tabs\n")).toEqual(['lessons/99-x/en.md:6: code-tabs is a container: write ":::code-tabs", then one fenced code block per language, then ":::".']);
  });

  it("is not mistaken for a widget", () => {
    expect(problems(good).some((p) => p.includes("unknown widget"))).toBe(false);
  });
});

describe("pickTab", () => {
  const tabs = [
    { kind: "ts", label: "TypeScript", lang: "ts" },
    { kind: "python", label: "PyTorch", lang: "python" },
  ] as const;
  it("shows the remembered kind where the block has it, else the first tab", () => {
    expect(pickTab(tabs, "python")).toBe(1);
    expect(pickTab(tabs, "ts")).toBe(0);
    expect(pickTab(tabs, null)).toBe(0);
    expect(pickTab([tabs[1], tabs[0]], "ts")).toBe(1);
    expect(pickTab([tabs[1]], "ts")).toBe(0);
  });
});

describe("the lessons' code tabs", () => {
  const root = join(__dirname, "../..");
  // the TypeScript/JavaScript code the lessons show, each beside its PyTorch (or plain Python) counterpart
  const expected: Record<string, string[]> = {
    "lessons/02-autograd/en.md": ["mul(other: number | Value)", "export class Value {", "tanh(): Value", "const l = loss();", "tf.grads(f)"],
    "lessons/04-tokenization/en.md": ['new TextEncoder().encode("あ")'],
    "lessons/06-attention/en.md": ["splitHeads(q0, nh)"],
    "lessons/08-pretraining/en.md": ["getBatch (nanoGPT's get_batch)", "torch.optim.AdamW with nanoGPT's two parameter groups"],
    "lessons/09-decoding/en.md": ["const context = [...prompt];"],
  };
  it.each(Object.entries(expected))("%s: every code-tabs block is valid and pairs TypeScript with Python", (path, snippets) => {
    const source = readFileSync(join(root, path), "utf8");
    const uses = lintLesson(path, source).uses.filter((u) => u.name === "code-tabs") as unknown as CodeTabsUse[];
    expect(uses.flatMap((u) => u.errors)).toEqual([]);
    expect(uses.map((u) => u.tabs.map((t) => t.kind).join(","))).toEqual(snippets.map(() => "ts,python"));
    // each block holds the code it is meant to (in order), so a lost fence cannot pair the wrong blocks
    const blocks = source.split(":::code-tabs\n").slice(1).map((b) => b.slice(0, b.indexOf("\n:::\n")));
    snippets.forEach((snippet, i) => expect(blocks[i]).toContain(snippet));
  });
});
