import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { widgetSites } from "../src/course/widgetSites";
import { lessons } from "../src/course/lessons";
import { widgetSpecs, type WidgetName } from "../src/course/widgetSpecs";

/**
 * Hand-out links hide and lock a widget's controls by the URL-state key each control's wrapper names in
 * data-field. A mark naming no field of the widget's schema would hide nothing (and a lock would silently fail),
 * so every mark is checked against the schema declared in the same widget folder, read from the source.
 */
const root = join(__dirname, "..", "src", "widgets");
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "shared")
  .map((d) => d.name);

function sources(dir: string): string {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"))
    .map((f) => readFileSync(join(root, dir, f), "utf8"))
    .join("\n");
}

/** keys of `{ type: "number" | "string" | "enum" | "boolean", … }` entries: the widget's URL-state schema */
function schemaKeys(src: string): Set<string> {
  return new Set([...src.matchAll(/(\w+): \{\s*type: "(?:number|string|enum|boolean)"/g)].map((m) => m[1]));
}

/** literal marks: data-field="x", a field="x" prop (NumberField, ModelPicker, LrField, StepField), a ModelPicker's default "model" */
function marks(src: string): string[] {
  const out = [...src.matchAll(/data-field="(\w+)"/g), ...src.matchAll(/\sfield="(\w+)"/g)].map((m) => m[1]);
  for (const m of src.matchAll(/<ModelPicker\b[\s\S]*?\/>/g)) if (!/\sfield=/.test(m[0])) out.push("model");
  return out;
}

const stateful = dirs.filter((d) => /useUrlState\(/.test(sources(d)));

describe("data-field marks", () => {
  it("finds the widgets with URL state (23 of them when this was written)", () => {
    expect(stateful.length).toBeGreaterThanOrEqual(23);
  });

  it.each(stateful)("%s marks its controls with keys of its own schema", (dir) => {
    const src = sources(dir);
    const keys = schemaKeys(src);
    const found = marks(src);
    expect(found.length, `${dir} has URL state but no control marked with data-field`).toBeGreaterThan(0);
    const unknown = found.filter((f) => !keys.has(f));
    expect(unknown, `${dir}: data-field values ${unknown.join(", ")} are not in its schema (${[...keys].join(", ")})`).toEqual([]);
  });

  it("the schema reader reads a known schema: the sampling panel's eight fields", () => {
    expect([...schemaKeys(sources("sampling-panel"))].sort()).toEqual(["greedy", "k", "model", "p", "prompt", "seed", "source", "t"].sort());
    expect(new Set(marks(sources("sampling-panel")))).toEqual(new Set(["source", "model", "prompt", "t", "k", "p", "greedy", "seed"]));
  });

  it("graph-stepper's SourceFields marks preset, expr and vals, which framework-check's schema has too", () => {
    const fc = schemaKeys(sources("framework-check"));
    for (const f of ["preset", "expr", "vals"]) expect(fc.has(f), f).toBe(true);
  });
});

describe("widgetSites", () => {
  it("finds the decoding lesson's widgets and the sections they sit in", () => {
    const lesson = lessons.find((l) => l.slug === "decoding")!;
    const { body, bodyLineOffset, path } = lesson.files.en!;
    const sites = widgetSites(body, bodyLineOffset);
    const lines = readFileSync(join(__dirname, "..", path), "utf8").split("\n");
    expect(sites.length).toBeGreaterThan(0);
    for (const s of sites) {
      // each site's line is the directive's line in the file, and its id is the directive's id or its name
      expect(lines[s.use.line - 1]).toContain(`::${s.use.name}`);
      const specId = (widgetSpecs[s.use.name as WidgetName].props as Record<string, { default?: unknown }>).id?.default;
      const id = /\bid=("?)([\w-]+)\1/.exec(lines[s.use.line - 1])?.[2] ?? (typeof specId === "string" && specId ? specId : s.use.name);
      expect(s.id).toBe(id);
      expect(s.section?.text, `${s.id} sits under a heading`).toBeTruthy();
    }
  });

  it("gives the heading above a directive, with rehype-slug's ids", () => {
    const sites = widgetSites("# T\n\n## Beams\n\ntext\n\n::beam-tree{id=beam}\n\n## Beams\n\n### Two\n\n::shape-lab\n", 4);
    expect(sites.map((s) => [s.id, s.use.line, s.section])).toEqual([
      ["beam", 11, { id: "beams", text: "Beams" }],
      ["shapelab", 17, { id: "two", text: "Two" }], // shape-lab's spec gives its id the default "shapelab"
    ]);
  });
});

import { labSchema } from "../src/lab/settings";
describe("the lab's marks (the gpt-lab widget renders src/lab)", () => {
  it("every literal data-field in the lab's settings panel is a lab setting, and each number field is marked by its name", () => {
    const src = readFileSync(join(__dirname, "..", "src", "lab", "LabSettingsPanel.tsx"), "utf8");
    const literal = [...src.matchAll(/data-field="(\w+)"/g)].map((m) => m[1]);
    expect(literal.sort()).toEqual(["corpus", "preset", "tokenizer"]);
    for (const f of literal) expect(Object.keys(labSchema), f).toContain(f);
    expect(src).toMatch(/<label key=\{name\} data-field=\{name\}/); // field(name): name is a SettingName
  });
});
