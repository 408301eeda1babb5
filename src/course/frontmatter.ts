import { parse as parseYaml } from "yaml";

/** What every lesson's front matter must say. */
export interface LessonFrontMatter {
  title: string;
  summary: string;
  minutes: number;
  /** ja.md only: the translationHash of the en.md it translates (src/course/translation.ts) */
  translationOf?: string;
}

export interface ParsedLesson {
  meta: LessonFrontMatter;
  body: string;
  /** Lines before the body (front matter and its fences), so directive line numbers match the file. */
  bodyLineOffset: number;
}

/**
 * Splits `---\ntitle: …\n---\nbody` into typed front matter and the Markdown body.
 * Example: parseLessonSource("x.md", "---\ntitle: A\nsummary: B\nminutes: 5\n---\n# Hi") →
 *   { meta: { title: "A", summary: "B", minutes: 5 }, body: "# Hi", bodyLineOffset: 5 }
 */
export function parseLessonSource(path: string, source: string): ParsedLesson {
  const text = source.replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) throw new Error(`${path}: the file must start with front matter between "---" lines (title, summary, minutes).`);
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (e) {
    throw new Error(`${path}: front matter is not valid YAML: ${(e as Error).message}`, { cause: e });
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  const missing = ["title", "summary", "minutes"].filter((k) => fields[k] === undefined || fields[k] === "");
  if (missing.length) throw new Error(`${path}: front matter lacks ${missing.join(", ")}.`);
  const minutes = Number(fields.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`${path}: minutes must be a positive number, got "${String(fields.minutes)}".`);
  return {
    meta: { title: String(fields.title), summary: String(fields.summary), minutes, ...(fields.translationOf !== undefined ? { translationOf: String(fields.translationOf) } : {}) },
    body: text.slice(match[0].length),
    bodyLineOffset: match[0].split("\n").length - 1,
  };
}
