import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A lesson's "Further reading" names public pages and repositories: each one a real link, so a learner can follow
 * it. A source is one ";"-separated item; every item holds at least one https link, and nothing is left in
 * *italics* (a title) outside a link.
 */
const root = join(__dirname, "../..");
const files = readdirSync(join(root, "lessons")).flatMap((dir) =>
  readdirSync(join(root, "lessons", dir))
    .filter((f) => /^(en|ja)\.md$/.test(f))
    .map((f) => `lessons/${dir}/${f}`),
);
/** The paragraph that starts "Further reading:" (or 参考文献 / 関連資料), joined into one line. */
function furtherReading(md: string): string | null {
  const m = md.match(/^(?:Further reading|参考文献|関連資料|さらに読む)[:：][\s\S]*?(?=\n\s*\n|(?![\s\S]))/m);
  return m ? m[0].replace(/\n/g, " ") : null;
}
const links = /\[[^\]]+\]\((https:\/\/[^)\s]+)\)/g;

describe("Further reading", () => {
  const withReading = files.map((f) => [f, furtherReading(readFileSync(join(root, f), "utf8"))] as const).filter(([, p]) => p !== null);
  it("the lessons have some", () => expect(withReading.map(([f]) => f)).toContain("lessons/06-attention/en.md"));
  it.each(withReading)("%s links every source it names", (_file, paragraph) => {
    const items = paragraph!.replace(/^[^:：]*[:：]/, "").split(";");
    for (const item of items) expect(item.match(links), `no link in "${item.trim()}"`).not.toBeNull();
    const bare = paragraph!.replace(links, "").match(/\*[^*]+\*/g);
    expect(bare, "a title in italics that is not a link").toBeNull();
  });
  it("reads the whole paragraph, and finds a missing link on a later line", () => {
    const p = furtherReading("Further reading: [*A*](https://a.example/);\n*B* by someone.\n\nNext paragraph.")!;
    expect(p).toBe("Further reading: [*A*](https://a.example/); *B* by someone.");
    expect(p.replace(links, "").match(/\*[^*]+\*/g)).toEqual(["*B*"]);
  });
});
