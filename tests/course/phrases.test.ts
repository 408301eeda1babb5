import { describe, expect, it } from "vitest";
import { japanesePhrases } from "../../src/course/phrases";

/** BudouX's Japanese model (the npm package's own) splits headings into phrases; our wrapper keeps every character. */
describe("Japanese phrase breaks", () => {
  it("splits between phrases, never inside one, and loses nothing", async () => {
    const text = "トランスフォーマーのブロックと GPT の全体像";
    const phrases = await japanesePhrases(text);
    expect(phrases.join("")).toBe(text);
    expect(phrases.slice(0, 2)).toEqual(["トランスフォーマーの", "ブロックと"]);
    expect(await japanesePhrases("アテンション：重みつき平均で文脈を混ぜる")).toEqual(["アテンション：重みつき平均で", "文脈を", "混ぜる"]);
  });
});
