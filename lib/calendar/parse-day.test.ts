import { describe, expect, it } from "vitest";
import { parseTradingDay } from "./parse-day";

const refusal = (value: unknown, opts?: Parameters<typeof parseTradingDay>[1]) => {
  try {
    parseTradingDay(value, opts);
  } catch (e) {
    return e as { code: string; status: number; message: string; fieldErrors?: Record<string, string[]> };
  }
  throw new Error("expected a refusal");
};

describe("parseTradingDay", () => {
  it("returns a NYSE trading day as given", () => {
    expect(parseTradingDay("2026-11-27")).toBe("2026-11-27");
  });
  it.each(["2026-02-30", "2026-13-01", "26-11-27", "2026-11-27T00:00:00Z", "", 20261127, null, undefined])(
    "refuses %j as a malformed date (400)",
    (value) => {
      expect(refusal(value, { field: "day" })).toMatchObject({
        code: "bad_request:trading_day",
        status: 400,
        fieldErrors: { day: ["invalid date"] },
      });
    },
  );
  it("refuses a date outside the calendar (422)", () => {
    expect(refusal("2031-01-02")).toMatchObject({
      code: "unprocessable:out_of_calendar",
      status: 422,
      fieldErrors: { tradingDay: ["outside the calendar"] },
    });
    expect(refusal("2023-12-29", { anyDay: true }).code).toBe("unprocessable:out_of_calendar");
  });
  it("refuses weekends and holidays unless any calendar day will do", () => {
    const thanksgiving = refusal("2026-11-26", { reason: "there is nothing to settle" });
    expect(thanksgiving).toMatchObject({ code: "unprocessable:not_trading_day", status: 422 });
    expect(thanksgiving.message).toBe("2026-11-26 is not a NYSE trading day: there is nothing to settle.");
    expect(refusal("2026-11-28").code).toBe("unprocessable:not_trading_day");
    expect(parseTradingDay("2026-11-26", { anyDay: true })).toBe("2026-11-26");
  });
});
