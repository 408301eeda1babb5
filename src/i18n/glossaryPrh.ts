import { glossary, type GlossaryTerm } from "./glossary";

/**
 * prh's dictionary (YAML) for the glossary: one rule per term with spellings to avoid. A pattern written as
 * "/…/" is a regular expression, anything else a literal string. Example rule:
 *   - expected: パラメータ
 *     patterns:
 *       - パラメーター
 */
export function prhYaml(terms: GlossaryTerm[] = glossary): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML scalar
  const lines = ["# Generated from src/i18n/glossary.ts by scripts/glossary-prh.ts: do not edit by hand.", "version: 1", "rules:"];
  for (const t of terms) {
    if (t.avoid.length === 0) continue;
    lines.push(`  - expected: ${q(t.ja)}`, "    patterns:");
    for (const a of t.avoid) lines.push(`      - ${q(a)}`);
    lines.push(`    prh: ${q(`${t.en} は「${t.ja}」と書く（用語集 #/glossary/${t.id}）`)}`);
  }
  return lines.join("\n") + "\n";
}

/** The avoided spellings as regular expressions, for tests and the UI check. */
export function avoidPatterns(t: GlossaryTerm): RegExp[] {
  return t.avoid.map((a) => (a.startsWith("/") && a.endsWith("/") && a.length > 2 ? new RegExp(a.slice(1, -1), "gu") : new RegExp(a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu")));
}
