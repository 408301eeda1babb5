/**
 * The JS runner runs the learner's code and the tests as one function body, so they share a scope. Errors then
 * carry lines of that body; these helpers map them back to the learner's own line (or the tests' line).
 */

export const SOURCE_URL = "dojo-exercise.js";

export interface Joined {
  source: string;
  /** A 1-based line of `source` → the part it came from and the line inside that part. */
  locate(line: number): { where: "code" | "tests"; line: number } | null;
}

/**
 * Example: joinSources("a\nb", "c") → source "a\nb\n;\nc\n//# sourceURL=dojo-exercise.js";
 * locate(2) → { where: "code", line: 2 }, locate(4) → { where: "tests", line: 1 }, locate(3) → null.
 * The ";" line keeps the code's last statement from running into the tests' first.
 */
export function joinSources(code: string, tests: string): Joined {
  const codeLines = code.split("\n").length;
  const testLines = tests.split("\n").length;
  const source = `${code}\n;\n${tests}\n//# sourceURL=${SOURCE_URL}`;
  return {
    source,
    locate(line) {
      if (line >= 1 && line <= codeLines) return { where: "code", line };
      const t = line - codeLines - 1;
      if (t >= 1 && t <= testLines) return { where: "tests", line: t };
      return null;
    },
  };
}

/**
 * Lines of `file` in a stack trace, innermost first. V8 writes "at f (dojo-exercise.js:5:9)", Firefox and
 * Safari "f@dojo-exercise.js:5:9". Example: stackLines("Error\n    at f (dojo-exercise.js:5:9)", "dojo-exercise.js") → [5]
 */
export function stackLines(stack: string, file = SOURCE_URL): number[] {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`${escaped}:(\\d+):\\d+`, "g");
  return [...stack.matchAll(re)].map((m) => Number(m[1]));
}

/**
 * The line to show for an error: the innermost frame in the learner's code if there is one (the bug is
 * usually there, even when a test called it), else the innermost frame in the tests. `bodyOffset` is how many
 * lines the engine puts before the function body (V8's `new Function` adds two: "async function anonymous(…"
 * and ") {").
 */
export function errorLocation(stack: string, joined: Joined, bodyOffset: number): { where: "code" | "tests"; line: number } | undefined {
  const found = stackLines(stack).map((l) => joined.locate(l - bodyOffset)).filter((x) => x !== null);
  return found.find((x) => x.where === "code") ?? found[0];
}
