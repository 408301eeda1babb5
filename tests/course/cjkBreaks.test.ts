import { describe, expect, it } from "vitest";
import { joinCjkLines } from "../../src/course/cjkBreaks";

describe("line breaks in Japanese prose", () => {
  it("disappear between Japanese characters and stay spaces next to Latin text", () => {
    expect(joinCjkLines("最も単純な\n推測器です。\n名前は")).toBe("最も単純な推測器です。名前は");
    expect(joinCjkLines("モデルは\nGPT です")).toBe("モデルは\nGPT です"); // Markdown shows this break as a space
    expect(joinCjkLines("the model\nis small")).toBe("the model\nis small");
    expect(joinCjkLines("「確率」\n（かくりつ）")).toBe("「確率」（かくりつ）");
  });
});
