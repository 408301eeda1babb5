import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import type { Parent } from "mdast";
import { parseNumber, parseShape, type ShapeAnswer } from "./answers";
import { checkCodeExercise, isCodeExercise, markCodeExercise, type CodeExerciseUse } from "../code/directive";

/**
 * Exercises in lesson Markdown: a container directive holding the question, with nested containers for the
 * parts. Pure mdast checks, shared by the page's remark plugin and the Node lint (tests/course/lessons.test.ts).
 *
 *   ::::exercise{id=linear-params kind=numeric answer=2362368 tol=0}
 *   How many parameters does `nn.Linear(768, 3072)` have?
 *
 *   :::hint
 *   Count the weight's entries, then the bias.
 *   :::
 *
 *   :::solution
 *   $768 \cdot 3072 + 3072 = 2{,}362{,}368$.
 *   :::
 *   ::::
 *
 * subtle: the OUTER fence needs more colons than the inner ones (as with nested code fences): a closing line
 * closes every open container whose fence is no longer than it, so "::::" inside ":::exercise" would end both.
 * kind=choice uses `:::choice[the choice's text]{correct}` containers whose body explains that choice.
 */

export const exerciseKinds = ["numeric", "shape", "choice", "predict"] as const;
export type ExerciseKind = (typeof exerciseKinds)[number];
export const exercisePartNames = ["hint", "solution", "choice", "reveal"] as const;
export type ExercisePartName = (typeof exercisePartNames)[number];

/** What the page needs to run one exercise; it travels to React as JSON on the element. */
export interface ExerciseSpec {
  id: string;
  kind: ExerciseKind;
  number?: number; // kind=numeric: the answer
  tol: number; // kind=numeric: absolute tolerance
  shape?: ShapeAnswer; // kind=shape: the answer
  answerText: string; // the answer as written in the Markdown
  correct: number[]; // indices of the correct choices
  choices: number;
  hints: number;
}

/** One exercise directive, checked; `props` echoes its attributes, as a widget's do, for the lint's `uses`. */
export interface ExerciseUse {
  name: string;
  line: number;
  props: Record<string, number | string | boolean>;
  errors: string[];
  spec?: ExerciseSpec;
}

type Directive = ContainerDirective | LeafDirective | TextDirective;
const attrsByKind: Record<ExerciseKind, string[]> = {
  numeric: ["id", "kind", "answer", "tol"],
  shape: ["id", "kind", "answer"],
  choice: ["id", "kind"],
  predict: ["id", "kind"],
};

const isPartName = (name: string): name is ExercisePartName => (exercisePartNames as readonly string[]).includes(name);
const isDirective = (node: { type: string }): node is Directive => node.type === "containerDirective" || node.type === "leafDirective";

/** Is this node `:::exercise`, `:::code-exercise` or a part (hint, solution, choice, reveal)? Other directives are widgets. */
export function isExerciseNode(node: { type: string; name?: string }): boolean {
  return isDirective(node) && (node.name === "exercise" || node.name === "code-exercise" || isPartName(node.name ?? ""));
}

const inExercise = (parent: Parent | undefined) => Boolean(parent && isDirective(parent) && parent.name === "exercise") || isCodeExercise(parent);

/**
 * The lint side: the checked use for an exercise or a stray part, null for a part inside an exercise (the
 * exercise's check covers it).
 */
export function lintExerciseNode(node: Directive, parent: Parent | undefined, offset: number, seen: Set<string>): ExerciseUse | CodeExerciseUse | null {
  if (node.name === "exercise") return checkExercise(node, offset, seen);
  if (node.name === "code-exercise") return checkCodeExercise(node, offset, seen); // code/directive.ts
  return inExercise(parent) ? null : strayPartError(node, offset);
}

/**
 * Checks one `:::exercise` container. `seen` collects ids across the file to catch duplicates; `offset` turns
 * body lines into file lines. Example: an exercise with kind=numeric and no answer →
 * errors: ['exercise "x" (kind=numeric) needs answer=…, e.g. answer=2362368.']
 */
export function checkExercise(node: Directive, offset: number, seen: Set<string>): ExerciseUse {
  const line = (node.position?.start.line ?? 0) + offset;
  const attrs = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? ""]));
  const errors: string[] = [];
  const id = attrs.id ?? "";
  const label = `exercise "${id || "?"}"`;
  if (node.type !== "containerDirective") {
    errors.push(`an exercise is a container: write "::::exercise{id=… kind=…}", the question and its ":::hint" parts, then a line "::::".`);
    return { name: "exercise", line, props: attrs, errors };
  }
  if (!id) errors.push('exercise needs an id, e.g. id=broadcast-add: it names the deep link and the saved progress.');
  else if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) errors.push(`exercise id "${id}" must be lowercase letters, digits and dashes (it is part of the URL).`);
  else if (seen.has(id)) errors.push(`exercise id "${id}" is used twice in this file; each exercise needs its own id.`);
  else seen.add(id);

  const kind = attrs.kind as ExerciseKind;
  if (!(exerciseKinds as readonly string[]).includes(kind)) {
    errors.push(`${label}: ${attrs.kind ? `unknown kind "${attrs.kind}"` : "kind is missing"}. Use kind=${exerciseKinds.join(", kind=")}.`);
    return { name: "exercise", line, props: attrs, errors };
  }
  for (const key of Object.keys(attrs))
    if (!attrsByKind[kind].includes(key)) errors.push(`${label}: unknown attribute "${key}". kind=${kind} accepts ${attrsByKind[kind].join(", ")}.`);

  const spec: ExerciseSpec = { id, kind, tol: 0, answerText: attrs.answer ?? "", correct: [], choices: 0, hints: 0 };
  if (kind === "numeric") {
    const x = attrs.answer === undefined ? null : parseNumber(attrs.answer);
    if (attrs.answer === undefined) errors.push(`${label} (kind=numeric) needs answer=…, e.g. answer=2362368.`);
    else if (x === null) errors.push(`${label}: answer "${attrs.answer}" is not a number.`);
    else spec.number = x;
    if (attrs.tol !== undefined) {
      const tol = parseNumber(attrs.tol);
      if (tol === null || tol < 0) errors.push(`${label}: tol must be a number ≥ 0, got "${attrs.tol}".`);
      else spec.tol = tol;
    }
  }
  if (kind === "shape") {
    const s = attrs.answer === undefined ? null : parseShape(attrs.answer);
    if (attrs.answer === undefined) errors.push(`${label} (kind=shape) needs answer=…, e.g. answer="(2, 3, 4)" or answer=error.`);
    else if (!s) errors.push(`${label}: answer "${attrs.answer}" is not a shape; write it like "(2, 3, 4)", "(4,)" or error.`);
    else spec.shape = s;
  }

  let solutions = 0, reveals = 0, question = 0;
  for (const child of node.children) {
    if (!isDirective(child) || !isPartName(child.name)) {
      question++; // text, math, or a widget (an unknown name is reported by the widget check)
      continue;
    }
    const at = `at line ${(child.position?.start.line ?? 0) + offset}`;
    if (child.type !== "containerDirective") {
      errors.push(`${label}: the ${child.name} ${at} must be a container (":::${child.name}" … ":::").`);
      continue;
    }
    const childAttrs = Object.keys(child.attributes ?? {});
    const allowed = child.name === "choice" ? ["correct"] : [];
    for (const key of childAttrs) if (!allowed.includes(key)) errors.push(`${label}: the ${child.name} ${at} has an unknown attribute "${key}"${allowed.length ? `; it accepts ${allowed.join(", ")}` : ""}.`);
    if (child.name === "hint") spec.hints++;
    if (child.name === "solution") solutions++;
    if (child.name === "reveal") reveals++;
    if (child.name === "choice") {
      const hasLabel = child.children[0]?.data && "directiveLabel" in child.children[0].data;
      if (!hasLabel) errors.push(`${label}: the choice ${at} needs its text in brackets: ":::choice[text of the choice]".`);
      if (child.children.length < (hasLabel ? 2 : 1))
        errors.push(`${label}: the choice ${at} has no explanation; every choice explains why it is right or wrong.`);
      if ("correct" in (child.attributes ?? {})) spec.correct.push(spec.choices);
      spec.choices++;
    }
  }
  if (question === 0) errors.push(`${label}: the question is empty; write it inside the exercise, above its parts.`);
  if (solutions > 1) errors.push(`${label}: has ${solutions} solutions; keep one.`);
  if (kind === "choice") {
    if (spec.choices < 2) errors.push(`${label} (kind=choice) needs at least two ":::choice[…]" parts, found ${spec.choices}.`);
    else if (spec.correct.length === 0) errors.push(`${label}: no choice is marked correct; add {correct} to the right one.`);
  } else if (kind !== "predict" && spec.choices > 0) errors.push(`${label}: choices belong to kind=choice or kind=predict, not kind=${kind}.`);
  if (kind === "predict" && reveals === 0) errors.push(`${label} (kind=predict) needs a ":::reveal" part: what the page shows once the learner has committed.`);

  return { name: "exercise", line, props: attrs, errors, spec: errors.length ? undefined : spec };
}

/** A hint, solution, choice or reveal that is not directly inside an exercise. */
export function strayPartError(node: Directive, offset: number): ExerciseUse {
  const line = (node.position?.start.line ?? 0) + offset;
  return { name: node.name, line, props: {}, errors: [`"${node.name}" belongs directly inside a "::::exercise" container (the exercise takes four colons, its parts three).`] };
}

/**
 * The page side: turns an exercise and its parts into `<dojo-exercise>` / `<dojo-exercise-part>` elements. A
 * choice's bracket label becomes a `data-role="label"` block so the React part can put it beside the radio.
 */
export function markExercise(node: Directive, parent: Parent | undefined, offset: number, seen: Set<string>) {
  if (node.name === "exercise") {
    const use = checkExercise(node, offset, seen);
    node.data = { ...node.data, hName: "dojo-exercise", hProperties: { dataExercise: JSON.stringify(use) } };
    if (use.errors.length && node.type === "containerDirective") node.children = [];
    return;
  }
  if (node.name === "code-exercise") return markCodeExercise(node, offset, seen);
  if (!parent || !inExercise(parent)) {
    node.data = { ...node.data, hName: "dojo-exercise", hProperties: { dataExercise: JSON.stringify(strayPartError(node, offset)) } };
    return;
  }
  const siblings = parent.type === "containerDirective" ? parent.children.filter((c) => isDirective(c) && c.name === node.name) : [];
  const index = siblings.indexOf(node as never);
  const props: Record<string, string> = { dataPart: node.name, dataIndex: String(index) };
  if (node.name === "choice") props.dataCorrect = "correct" in (node.attributes ?? {}) ? "1" : "0";
  node.data = { ...node.data, hName: "dojo-exercise-part", hProperties: props };
  const first = node.type === "containerDirective" ? node.children[0] : undefined;
  if (node.name === "choice" && first?.data && "directiveLabel" in first.data)
    first.data = { ...first.data, hName: "div", hProperties: { dataRole: "label", className: ["ex-choice-label"] } };
}
