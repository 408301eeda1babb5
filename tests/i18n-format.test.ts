import { describe, expect, it } from "vitest";
import { formatDateTime } from "../src/i18n/format";

describe("formatDateTime", () => {
  const t = Date.UTC(2026, 11, 2, 0, 5); // 2 December 2026, 00:05 UTC
  it("writes Japanese dates year first, with a 24-hour clock", () => expect(formatDateTime(t, "ja", "UTC")).toBe("2026/12/02 0:05"));
  it("writes English dates as the page's language says, whatever the browser's", () => {
    expect(formatDateTime(t, "en", "UTC").replace(/\u202f/g, " ")).toBe("Dec 2, 2026, 12:05 AM");
    expect(formatDateTime(new Date(t), "ja", "Asia/Tokyo")).toBe("2026/12/02 9:05");
  });
});
