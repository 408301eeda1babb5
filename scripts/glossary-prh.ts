// Writes .textlint/prh.yml from the glossary (src/i18n/glossary.ts), so the Japanese prose linter rewrites every
// avoided spelling to the glossary's term. Run after editing the glossary: npx tsx scripts/glossary-prh.ts
// (tests/course/glossary.test.ts fails while the file is out of date).
import { writeFileSync } from "node:fs";
import { prhYaml } from "../src/i18n/glossaryPrh";

writeFileSync(new URL("../.textlint/prh.yml", import.meta.url), prhYaml());
console.log("wrote .textlint/prh.yml");
