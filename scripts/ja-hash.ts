// `npm run ja:hash`: each lesson's en.md hash (the value a finished ja.md puts in `translationOf:`), and whether
// its ja.md is current, stale or missing (src/course/translation.ts computes both, as the page does).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLessonSource } from "../src/course/frontmatter";
import { translationHash, translationState } from "../src/course/translation";

const root = new URL("../lessons/", import.meta.url).pathname;
for (const dir of readdirSync(root).sort()) {
  const en = join(root, dir, "en.md"), ja = join(root, dir, "ja.md");
  if (!existsSync(en)) continue;
  const source = readFileSync(en, "utf8");
  const jaMeta = existsSync(ja) ? parseLessonSource(`lessons/${dir}/ja.md`, readFileSync(ja, "utf8")).meta : undefined;
  console.log(`${dir}  translationOf: ${translationHash(source)}  (ja.md ${translationState(source, jaMeta?.translationOf, !!jaMeta)})`);
}
