// `npm run lint:ja`: textlint on every lessons/*/ja.md with the Japanese technical-writing preset and the
// glossary's prh dictionary (.textlintrc.json, .textlint/prh.yml). Directive fences (`::::exercise{…}`, `:::hint`,
// `::widget{…}`) are blanked first, keeping line numbers, since they are markup rather than sentences.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter, loadTextlintrc } from "textlint";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = readdirSync(join(root, "lessons"))
  .map((d) => join("lessons", d, "ja.md"))
  .filter((f) => existsSync(join(root, f)))
  .concat(process.argv.slice(2));
if (files.length === 0) {
  console.log("lint:ja: no lessons/*/ja.md yet");
  process.exit(0);
}

/**
 * The Markdown with what is not Japanese prose taken out, keeping line numbers: directive fence lines emptied,
 * display math ($$…$$) blanked line by line, inline math replaced by a code span (textlint skips code, and would
 * read the formula's commas, brackets and subscripts as sentence text).
 */
export function blankDirectives(text) {
  return text
    .replace(/^ *:{2,}[a-z-]*(\[[^\]]*\])?(\{[^}\n]*\})? *$/gm, "")
    .replace(/\$\$[\s\S]*?\$\$/g, (m) => m.replace(/[^\n]/g, ""))
    .replace(/(?<![\\$])\$(?!\$)([^$\n]+?)\$/g, "`m`");
}

const linter = createLinter({ descriptor: await loadTextlintrc({ configFilePath: join(root, ".textlintrc.json") }) });
let problems = 0;
for (const f of files) {
  const path = f.startsWith("/") ? f : join(root, f);
  const text = blankDirectives(readFileSync(path, "utf8"));
  const result = await linter.lintText(text, path);
  for (const m of result.messages) {
    problems++;
    console.log(`${f}:${m.line}:${m.column}  ${m.message.split("\n")[0]}  (${m.ruleId})`);
  }
}
console.log(problems === 0 ? `lint:ja: ${files.length} Japanese lesson(s), no problems` : `lint:ja: ${problems} problem(s) in ${files.length} file(s)`);
process.exit(problems === 0 ? 0 : 1);
