import { describe, expect, it } from "vitest";
import { dayLabel, kstDate, kstDateTime, kstTime } from "./kst-format";

describe("KST formatting, the same on the server and in every browser", () => {
  it("Korean day periods and English AM/PM, in KST whatever the input's offset", () => {
    expect(kstTime("2026-12-01T23:59:00+09:00", "ko")).toBe("오후 11:59");
    expect(kstTime("2026-12-01T14:59:00Z", "en")).toBe("11:59 PM");
    expect(kstTime("2026-12-02T06:20:00+09:00", "ko")).toBe("오전 6:20");
    expect(kstTime("2026-12-01T15:00:00Z", "en")).toBe("12:00 AM");
    expect(kstTime("2026-12-01T03:00:00Z", "ko")).toBe("오후 12:00");
  });
  it("dates with the weekday", () => {
    expect(kstDate("2026-12-01T23:59:00+09:00", "ko")).toBe("12월 1일 (화)");
    expect(kstDateTime("2026-12-01T23:59:00+09:00", "en")).toBe("Tue, Dec 1, 11:59 PM");
    expect(dayLabel("2027-01-04", "ko")).toBe("1월 4일 (월)");
  });
});
