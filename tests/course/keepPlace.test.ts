import { describe, expect, it } from "vitest";
import { sectionAt } from "../../src/course/keepPlace";

describe("the section the reader is in", () => {
  it("is the last heading above the reading line; none before the first heading", () => {
    expect(sectionAt([-900, -200, 150, 700], 240)).toBe(2);
    expect(sectionAt([-900, -200, 300, 700], 240)).toBe(1);
    expect(sectionAt([400, 900], 240)).toBe(-1);
  });
});
