import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import * as tf from "@tensorflow/tfjs";
import * as dojo from "../../src/core";
import { runJsWithTf } from "../../src/course/code/jsHarness";
import { runPython } from "../../src/course/code/pythonHarness";
import type { CodeLang, RunResult } from "../../src/course/code/values";
import { lintLesson } from "../../src/course/lint";
import type { CodeExerciseSpec } from "../../src/course/code/directive";

/** The code exercises' runners in Node: Pyodide from node_modules/pyodide, TF.js on the cpu backend. */
const root = join(__dirname, "../..");
let python: Promise<PyodideInterface> | undefined;
export const pyodide = () => (python ??= loadPyodide());

let cpu: Promise<unknown> | undefined;
const modelBytes = async () => new Uint8Array(readFileSync(join(root, "public/models/moby-char.safetensors")));

export async function runCode(lang: CodeLang, code: string, tests: string): Promise<RunResult> {
  if (lang === "python") return runPython(await pyodide(), code, tests);
  await (cpu ??= tf.setBackend("cpu").then(() => tf.ready()));
  return runJsWithTf(code, tests, lang, tf, dojo as never, modelBytes);
}

/** Every code exercise in lessons/*\/*.md, with its file for messages. */
export function lessonCodeExercises(): { path: string; line: number; spec?: CodeExerciseSpec; errors: string[] }[] {
  return readdirSync(join(root, "lessons")).flatMap((dir) =>
    readdirSync(join(root, "lessons", dir))
      .filter((f) => f.endsWith(".md"))
      .flatMap((f) => {
        const path = `lessons/${dir}/${f}`;
        const { uses } = lintLesson(path, readFileSync(join(root, path), "utf8"));
        return uses.filter((u) => u.name === "code-exercise").map((u) => ({ path, line: u.line, spec: (u as { spec?: CodeExerciseSpec }).spec, errors: u.errors }));
      }),
  );
}

/** A run as lines a failing test prints: "✗ name: expected … got …" or the error with its line. */
export function describeRun(r: RunResult): string[] {
  const lines = r.error ? [`error: ${r.error.type}: ${r.error.message} (${r.error.where ?? "?"} line ${r.error.line ?? "?"})`] : [];
  for (const t of r.tests) {
    if (t.pass) lines.push(`✓ ${t.name}`);
    else if (t.error) lines.push(`✗ ${t.name}: ${t.error.type}: ${t.error.message} (${t.error.where ?? "?"} line ${t.error.line ?? "?"})`);
    else lines.push(`✗ ${t.name}: ${t.mismatch?.reason} at ${t.mismatch?.path || "top"}: expected ${t.mismatch?.expected}, got ${t.mismatch?.got}`);
  }
  return lines;
}
