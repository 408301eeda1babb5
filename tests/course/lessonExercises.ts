import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNumber } from "../../src/course/exercises/answers";
import { lintLesson } from "../../src/course/lint";

/**
 * A lesson's Markdown, linted as the page lints it, and its exercises by id: what every exercise test reads before
 * it recomputes the answers with project code.
 */
export function readLessonExercises(path: string) {
  const source = readFileSync(join(__dirname, "../..", path), "utf8");
  const { uses, problems } = lintLesson(path, source);
  const exercises = new Map(uses.filter((u) => u.name === "exercise").map((u) => [String(u.props.id), u.props]));
  const props = (id: string) => {
    const p = exercises.get(id);
    if (!p) throw new Error(`${path} has no exercise "${id}". It has: ${[...exercises.keys()].join(", ")}.`);
    return p;
  };
  /** The answer= of a numeric exercise, as the page parses it. */
  const numericAnswer = (id: string) => {
    const x = parseNumber(String(props(id).answer));
    if (x === null) throw new Error(`exercise "${id}": answer ${props(id).answer} is not a number.`);
    return x;
  };
  /** The text of one exercise block, for its choices. */
  const block = (id: string) => new RegExp(`^::::exercise\\{id=${id} [^}]*\\}\\n([\\s\\S]*?)^::::$`, "m").exec(source)![0];
  return { source, uses, problems, exercises, props, numericAnswer, block };
}
