import { describe, expect, it } from "vitest";
import { deriveSessionStatus } from "./status";

const at = (iso: string) => new Date(iso);

describe("deriveSessionStatus", () => {
  it("on Thanksgiving 2026 there is no session and the next opens Friday 06:00 KST", () => {
    const s = deriveSessionStatus(at("2026-11-26T10:00:00+09:00"), null);
    expect(s.tradingDay).toBeNull();
    expect(s.phase).toBe("CLOSED");
    expect(s.closedReason).toBe("holiday");
    expect(s.holiday?.en).toBe("Thanksgiving");
    expect(s.nextOpenAt.toISOString()).toBe("2026-11-26T21:00:00.000Z");
    expect(s.acceptingPredictions).toBe(false);
  });

  it("is OPEN from 06:00 KST until the 23:59 cutoff, whatever the stored row says", () => {
    expect(deriveSessionStatus(at("2026-11-27T05:59:59+09:00"), null).phase).toBe("CLOSED");
    const open = deriveSessionStatus(at("2026-11-27T06:00:00+09:00"), null);
    expect(open.phase).toBe("OPEN");
    expect(open.tradingDay).toBe("2026-11-27");
    expect(open.acceptingPredictions).toBe(true);
    expect(deriveSessionStatus(at("2026-11-27T23:58:59+09:00"), "OPEN").acceptingPredictions).toBe(true);
    const cut = deriveSessionStatus(at("2026-11-27T23:59:00+09:00"), "OPEN");
    expect(cut.phase).toBe("CLOSED");
    expect(cut.acceptingPredictions).toBe(false);
  });

  it("a stored later phase wins over the clock, never an earlier one", () => {
    expect(deriveSessionStatus(at("2026-11-28T05:30:00+09:00"), "SETTLED").phase).toBe("SETTLED");
    // A row closed early by an admin stops predictions even before the cutoff.
    const closedEarly = deriveSessionStatus(at("2026-11-27T12:00:00+09:00"), "CLOSED");
    expect(closedEarly.phase).toBe("CLOSED");
    expect(closedEarly.acceptingPredictions).toBe(false);
  });

  it("a weekend has no session", () => {
    const s = deriveSessionStatus(at("2026-11-28T12:00:00+09:00"), null);
    expect(s.closedReason).toBe("weekend");
    expect(s.nextTradingDay).toBe("2026-11-30");
  });
});
