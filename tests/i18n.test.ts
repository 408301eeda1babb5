import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { ja } from "../src/i18n/ja";

/** Flattens {a: {b: "x"}} → ["a.b"], arrays as one key each. */
function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
function get(obj: object, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

describe("UI strings", () => {
  it("every English key exists in Japanese and vice versa", () => {
    const enKeys = keys(en).sort();
    const jaKeys = keys(ja).sort();
    expect(enKeys.filter((k) => !jaKeys.includes(k)), "missing in ja").toEqual([]);
    expect(jaKeys.filter((k) => !enKeys.includes(k)), "missing in en").toEqual([]);
  });
  it("every string uses the same {{placeholders}} in both languages, and lists have the same length", () => {
    for (const k of keys(en)) {
      const e = get(en, k), j = get(ja, k);
      if (Array.isArray(e)) expect((j as unknown[]).length, k).toBe(e.length);
      else {
        const ph = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(ph(j), k).toEqual(ph(e));
        expect(String(j).trim(), `${k} is empty in ja`).not.toBe("");
      }
    }
  });
});
