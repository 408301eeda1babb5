/**
 * Per slide of a lesson (presenter mode): prose lines (wrapped at ~110 characters, about one projected line at
 * 150% type), code lines, widgets, exercises and note lines, to find slides too long for a projector.
 * Usage: npx tsx scripts/slide-stats.ts 01-tensors [en|ja]   (a "*" marks a slide worth splitting)
 */
import { readFileSync } from "node:fs";
import { parseLessonSource } from "../src/course/frontmatter";
import { splitSlides } from "../src/presenter/slides";

const [dir, lang = "en"] = process.argv.slice(2);
const path = `lessons/${dir}/${lang}.md`;
const { body } = parseLessonSource(path, readFileSync(path, "utf8"));
const wrap = lang === "ja" ? 55 : 110;
splitSlides(body).forEach((s, i) => {
  let prose = 0, code = 0, widgets = 0, exercises = 0, fence = false;
  for (const line of s.body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) { fence = !fence; code++; continue; }
    if (fence) { code++; continue; }
    if (/^::::(code-)?exercise/.test(line)) exercises++;
    else if (/^::[a-z]/.test(line)) widgets++;
    else if (/^:::/.test(line) || !line.trim()) continue;
    else prose += Math.max(1, Math.ceil(line.length / wrap));
  }
  const notes = s.notes ? s.notes.split("\n").filter((l) => l.trim()).length : 0;
  const long = prose + code + widgets * 8 + exercises * 6 > 22 ? "*" : " ";
  console.log(`${long}${String(i).padStart(3)} ${s.part > 1 ? `  (part ${s.part})` : s.title.slice(0, 40).padEnd(40)}  prose ${prose}  code ${code}  widgets ${widgets}  ex ${exercises}  notes ${notes}`);
});
