import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { glossary } from "../../src/i18n/glossary";
import { avoidPatterns, prhYaml } from "../../src/i18n/glossaryPrh";
import { ja } from "../../src/i18n/ja";

/** The one glossary: well formed, its prh dictionary up to date, and the Japanese UI already following it. */
describe("the glossary", () => {
  it("has unique kebab-case ids and both names and definitions for every term", () => {
    const ids = glossary.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of glossary) {
      expect(g.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(g.en && g.ja && g.def.en && g.def.ja && g.enForms.length, g.id).toBeTruthy();
    }
  });

  it("never lists the term itself as a spelling to avoid (prh would loop)", () => {
    for (const g of glossary) for (const re of avoidPatterns(g)) expect(g.ja.match(re), `${g.id}: ${re}`).toBeNull();
  });

  it("the avoid patterns catch what they should and spare longer words: ロス but not クロスオリジン, トークナイザ but not トークナイザー", () => {
    const loss = avoidPatterns(glossary.find((g) => g.id === "loss")!)[0];
    expect("ロスが下がる".match(loss)).not.toBeNull();
    expect("クロスオリジン分離".match(loss)).toBeNull();
    const tok = avoidPatterns(glossary.find((g) => g.id === "tokenizer")!)[0];
    expect("トークナイザを作る".match(tok)).not.toBeNull();
    expect("トークナイザーを作る".match(tok)).toBeNull();
  });

  it(".textlint/prh.yml is generated from it (run npx tsx scripts/glossary-prh.ts after editing the glossary)", () => {
    expect(readFileSync(join(__dirname, "../../.textlint/prh.yml"), "utf8")).toBe(prhYaml());
  });

  it("the Japanese UI strings use the glossary's spellings", () => {
    const strings: string[] = [];
    const walk = (v: unknown) => (typeof v === "string" ? strings.push(v) : v && typeof v === "object" && Object.values(v).forEach(walk));
    walk(ja);
    const found = glossary.flatMap((g) => avoidPatterns(g).flatMap((re) => strings.filter((s) => s.match(re)).map((s) => `${s}  (write ${g.ja}, not ${re.source})`)));
    expect(found).toEqual([]);
  });
});
