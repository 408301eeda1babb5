import type { Code, Parent, RootContent } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import { codeLangs, type CodeLang } from "./values";

/**
 * `::::code-exercise{id=bpe-merge lang=python timeout=10}`: instructions, `:::hint` / `:::solution` parts, and
 * three fenced blocks told apart by their meta word (```python starter, ```python solution, ```python tests).
 * The format is docs/code-exercises.md. Pure mdast checks, shared by the page's remark plugin (through
 * exercises/directive.ts) and the Node lint.
 */

export const codeRoles = ["starter", "solution", "tests"] as const;
export type CodeRole = (typeof codeRoles)[number];

/** What the page needs to run one code exercise; it travels to React as JSON on the element. */
export interface CodeExerciseSpec {
  id: string;
  lang: CodeLang;
  timeout: number; // seconds the page lets one run take
  starter: string;
  solution: string;
  tests: string;
  hints: number;
  /** The file line of each fence's first code line, so the lint can point at a failing test. */
  lines: Record<CodeRole, number>;
  /**
   * A translated page's name for each check (ja.md's ```json names fence: English check name → Japanese name).
   * The tests fence stays en.md's; the page shows these names beside the results.
   */
  names?: Record<string, string>;
}

export interface CodeExerciseUse {
  name: "code-exercise";
  line: number;
  props: Record<string, number | string | boolean>;
  errors: string[];
  spec?: CodeExerciseSpec;
}

type Directive = ContainerDirective | LeafDirective | TextDirective;

export const defaultTimeout: Record<CodeLang, number> = { python: 10, js: 5, ts: 5 };
/** The fence languages each exercise language accepts. */
const fenceLangs: Record<CodeLang, string[]> = { python: ["python", "py"], js: ["js", "javascript"], ts: ["ts", "typescript", "js", "javascript"] };
const attrs = ["id", "lang", "timeout"];
const parts = ["hint", "solution"];

const isDirective = (node: { type: string }): node is Directive => node.type === "containerDirective" || node.type === "leafDirective";

/**
 * A translation's names for the checks: a ```json names fence holding one object, each English check name (the
 * first argument of check) → the name in the page's language. Example:
 * `{"replaces every (1, 2)": "(1, 2) をすべて置き換える"}`. Returns the names, or an error sentence.
 */
export function parseCheckNames(json: string): Record<string, string> | string {
  let names: unknown;
  try {
    names = JSON.parse(json);
  } catch (e) {
    return `the names fence is not valid JSON (${(e as Error).message}); write one object, {"English check name": "translated name", …}.`;
  }
  if (typeof names !== "object" || names === null || Array.isArray(names)) return 'the names fence must hold one JSON object, {"English check name": "translated name", …}.';
  const bad = Object.entries(names).filter(([, v]) => typeof v !== "string" || !v.trim());
  if (bad.length) return `the names fence gives no name (an empty or non-string value) for ${bad.map(([k]) => JSON.stringify(k)).join(", ")}.`;
  return names as Record<string, string>;
}

/**
 * The names a tests fence gives its checks, where they are string literals (every lesson's are). Example:
 * `check("1 + 2", lambda: add(1, 2), 3)` → ["1 + 2"].
 */
export function checkNamesIn(tests: string): string[] {
  return [...tests.matchAll(/\bcheck\s*\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')/g)].map((m) => (m[1] ?? m[2]).replace(/\\(["'\\])/g, "$1"));
}

const isNamesFence = (node: RootContent): boolean => node.type === "code" && (node.meta ?? "").trim().split(/\s+/)[0] === "names";

/** The role of a fenced block inside a code exercise, from its meta ("```python starter" → "starter"). */
export function roleOf(node: RootContent): CodeRole | undefined {
  if (node.type !== "code") return undefined;
  const word = (node.meta ?? "").trim().split(/\s+/)[0];
  return (codeRoles as readonly string[]).includes(word) ? (word as CodeRole) : undefined;
}

/**
 * Checks one `::::code-exercise`. Example: a container without a tests fence →
 * errors: ['code-exercise "x": the ```python tests fence is missing; …']
 */
export function checkCodeExercise(node: Directive, offset: number, seen: Set<string>): CodeExerciseUse {
  const line = (node.position?.start.line ?? 0) + offset;
  const a = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? ""]));
  const errors: string[] = [];
  const id = a.id ?? "";
  const label = `code-exercise "${id || "?"}"`;
  if (node.type !== "containerDirective") {
    errors.push(`a code exercise is a container: write "::::code-exercise{id=… lang=python}", the instructions, its parts and three fences, then a line "::::".`);
    return { name: "code-exercise", line, props: a, errors };
  }
  if (!id) errors.push("code-exercise needs an id, e.g. id=bpe-merge: it names the deep link, the saved code and the saved progress.");
  else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) errors.push(`code-exercise id "${id}" must be kebab-case: lowercase letters and digits joined by single dashes (it is part of the URL).`);
  else if (seen.has(id)) errors.push(`exercise id "${id}" is used twice in this file; each exercise needs its own id.`);
  else seen.add(id);
  for (const key of Object.keys(a)) if (!attrs.includes(key)) errors.push(`${label}: unknown attribute "${key}". code-exercise accepts ${attrs.join(", ")}.`);

  const lang = a.lang as CodeLang;
  if (!codeLangs.includes(lang)) {
    errors.push(`${label}: ${a.lang ? `unknown lang "${a.lang}"` : "lang is missing"}. Use lang=${codeLangs.join(", lang=")}.`);
    return { name: "code-exercise", line, props: a, errors };
  }
  let timeout = defaultTimeout[lang];
  if (a.timeout !== undefined) {
    const t = Number(a.timeout);
    if (a.timeout.trim() === "" || !Number.isFinite(t) || t <= 0 || t > 60) errors.push(`${label}: timeout must be a number of seconds between 0 and 60, got "${a.timeout}".`);
    else timeout = t;
  }

  const code: Partial<Record<CodeRole, string>> = {};
  const lines: Partial<Record<CodeRole, number>> = {};
  const reported = new Set<CodeRole>(); // fences already named in an error (wrong language, twice)
  let instructions = 0, solutions = 0, hints = 0;
  let names: Record<string, string> | undefined;
  for (const child of node.children) {
    const at = `at line ${(child.position?.start.line ?? 0) + offset}`;
    if (isNamesFence(child)) {
      const fence = child as Code;
      const parsed = parseCheckNames(fence.value);
      if (names) errors.push(`${label}: a second names fence ${at}; keep one.`);
      else if (fence.lang !== "json") errors.push(`${label}: the names fence ${at} says \`\`\`${fence.lang ?? ""}; write \`\`\`json names.`);
      else if (typeof parsed === "string") errors.push(`${label}: ${parsed.replace(/^the names fence/, `the names fence ${at}`)}`);
      else names = parsed;
      continue;
    }
    const role = roleOf(child);
    if (role) {
      const c = child as Code;
      if (code[role] !== undefined || !fenceLangs[lang].includes(c.lang ?? "")) reported.add(role);
      if (code[role] !== undefined) errors.push(`${label}: a second \`\`\`${c.lang ?? ""} ${role} fence ${at}; keep one.`);
      else if (!fenceLangs[lang].includes(c.lang ?? "")) errors.push(`${label}: the ${role} fence ${at} says \`\`\`${c.lang ?? ""}, but the exercise is lang=${lang}; write \`\`\`${fenceLangs[lang][0]} ${role}.`);
      else {
        code[role] = c.value;
        lines[role] = (c.position?.start.line ?? 0) + offset + 1;
      }
      continue;
    }
    if (isDirective(child) && parts.includes(child.name)) {
      if (child.type !== "containerDirective") errors.push(`${label}: the ${child.name} ${at} must be a container (":::${child.name}" … ":::").`);
      for (const key of Object.keys(child.attributes ?? {})) errors.push(`${label}: the ${child.name} ${at} has an unknown attribute "${key}".`);
      if (child.name === "hint") hints++;
      else solutions++;
      continue;
    }
    if (isDirective(child) && (child.name === "choice" || child.name === "reveal")) {
      errors.push(`${label}: a ${child.name} ${at} belongs to "::::exercise"; a code exercise has hints, a solution and its three fences.`);
      continue;
    }
    instructions++;
  }
  if (instructions === 0) errors.push(`${label}: the instructions are empty; say what to write, above the parts.`);
  if (solutions > 1) errors.push(`${label}: has ${solutions} solutions; keep one.`);
  for (const role of codeRoles)
    if (code[role] === undefined && !reported.has(role))
      errors.push(`${label}: the \`\`\`${fenceLangs[lang][0]} ${role} fence is missing; a code exercise needs starter, solution and tests fences.`);
  if (code.tests !== undefined && !/\bcheck\s*\(/.test(code.tests)) errors.push(`${label}: the tests fence calls check(…) nowhere, so nothing would be tested.`);
  if (names && code.tests !== undefined) {
    const known = new Set(checkNamesIn(code.tests));
    const stray = Object.keys(names).filter((k) => !known.has(k));
    if (stray.length) errors.push(`${label}: the names fence names ${stray.map((k) => JSON.stringify(k)).join(", ")}, but the tests have no check of that name. Copy each name from the tests fence exactly.`);
  }

  const props = { ...a, lang, timeout };
  if (errors.length) return { name: "code-exercise", line, props, errors };
  return {
    name: "code-exercise",
    line,
    props,
    errors,
    spec: { id, lang, timeout, starter: code.starter!, solution: code.solution!, tests: code.tests!, hints, lines: lines as Record<CodeRole, number>, ...(names ? { names } : {}) },
  };
}

/**
 * The page side: the exercise becomes `<dojo-code-exercise>` with its checked spec as JSON; the starter and
 * tests fences leave the rendered text (the editor shows the starter; tests are never shown as code), and the
 * solution fence moves into the `:::solution` part (made if absent) so it is highlighted like any code block.
 */
export function markCodeExercise(node: Directive, offset: number, seen: Set<string>): void {
  const use = checkCodeExercise(node, offset, seen);
  node.data = { ...node.data, hName: "dojo-code-exercise", hProperties: { dataExercise: JSON.stringify(use) } };
  if (node.type !== "containerDirective") return;
  if (use.errors.length) {
    node.children = [];
    return;
  }
  const solutionFence = node.children.find((c) => roleOf(c) === "solution") as Code;
  node.children = node.children.filter((c) => !roleOf(c) && !isNamesFence(c));
  const solution = node.children.find((c) => isDirective(c) && c.name === "solution") as ContainerDirective | undefined;
  if (solution) solution.children.push(solutionFence);
  else node.children.push({ type: "containerDirective", name: "solution", attributes: {}, children: [solutionFence] });
}

/** Is `parent` a code exercise (so a hint or solution inside it is one of its parts)? */
export const isCodeExercise = (parent: Parent | undefined) => Boolean(parent && isDirective(parent) && parent.name === "code-exercise");
