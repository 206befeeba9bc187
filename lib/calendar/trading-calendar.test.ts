import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { describe, expect, it } from "vitest";
import {
  formatKst,
  gameDayAt,
  isTradingDay,
  KST,
  lastSettleableTradingDayAt,
  marketCloseAt,
  marketOpenAt,
  marketStateAt,
  NEW_YORK,
  sessionCutoffAt,
  sessionOpenAt,
  sessionWindowAt,
  settlementDueAt,
  tradingDayAt,
} from "./index";

// Instants are written with explicit offsets so the host TZ can never change them.
const at = (iso: string) => new Date(iso);
const kst = (d: Date) => formatKst(d, "yyyy-MM-dd HH:mm:ss");

describe("zone constants", () => {
  it("names the product and market zones", () => {
    expect(KST).toBe("Asia/Seoul");
    expect(NEW_YORK).toBe("America/New_York");
  });
});

describe("US DST switches of 2026", () => {
  it.each([
    // day, open UTC, close UTC, settlement UTC, open KST, settlement KST
    ["2026-03-06", "14:30", "21:00", "21:20", "2026-03-06 23:30:00", "2026-03-07 06:20:00"], // last EST Friday
    ["2026-03-09", "13:30", "20:00", "20:20", "2026-03-09 22:30:00", "2026-03-10 05:20:00"], // first EDT Monday
    ["2026-10-30", "13:30", "20:00", "20:20", "2026-10-30 22:30:00", "2026-10-31 05:20:00"], // last EDT Friday
    ["2026-11-02", "14:30", "21:00", "21:20", "2026-11-02 23:30:00", "2026-11-03 06:20:00"], // first EST Monday
  ])(
    "%s opens %s UTC, closes %s UTC, settles %s UTC",
    (day, openUtc, closeUtc, settleUtc, openKst, settleKst) => {
      expect(marketOpenAt(day).toISOString()).toBe(`${day}T${openUtc}:00.000Z`);
      expect(marketCloseAt(day).toISOString()).toBe(`${day}T${closeUtc}:00.000Z`);
      expect(settlementDueAt(day).toISOString()).toBe(`${day}T${settleUtc}:00.000Z`);
      expect(kst(marketOpenAt(day))).toBe(openKst);
      expect(kst(settlementDueAt(day))).toBe(settleKst);
    },
  );

  it("keeps the KST session fixed across DST", () => {
    expect(sessionOpenAt("2026-03-06").toISOString()).toBe("2026-03-05T21:00:00.000Z");
    expect(sessionOpenAt("2026-03-09").toISOString()).toBe("2026-03-08T21:00:00.000Z");
    expect(sessionCutoffAt("2026-11-02").toISOString()).toBe("2026-11-02T14:59:00.000Z");
  });

  it("settles an early close earlier", () => {
    expect(kst(settlementDueAt("2026-11-27"))).toBe("2026-11-28 03:20:00");
  });
});

describe("game day boundaries (trading day 2026-03-10)", () => {
  it.each([
    ["2026-03-10T05:59:59+09:00", "2026-03-09", false],
    ["2026-03-10T06:00:00+09:00", "2026-03-10", true],
    ["2026-03-10T06:00:01+09:00", "2026-03-10", true],
    ["2026-03-10T23:58:59+09:00", "2026-03-10", true],
    ["2026-03-10T23:59:00+09:00", "2026-03-10", false],
    ["2026-03-10T23:59:01+09:00", "2026-03-10", false],
    ["2026-03-11T05:59:59.999+09:00", "2026-03-10", false],
  ])("%s belongs to %s, open=%s", (iso, day, open) => {
    expect(gameDayAt(at(iso))).toBe(day);
    expect(tradingDayAt(at(iso))).toBe(day);
    expect(sessionWindowAt(at(iso)).isOpen).toBe(open);
  });

  it("describes an open session", () => {
    const w = sessionWindowAt(at("2026-03-10T12:00:00+09:00"));
    expect(w.tradingDay).toBe("2026-03-10");
    expect(w.opensAt?.toISOString()).toBe("2026-03-09T21:00:00.000Z");
    expect(w.closesAt?.toISOString()).toBe("2026-03-10T14:59:00.000Z");
    expect(w.nextTradingDay).toBe("2026-03-11");
    expect(w.nextOpenAt.toISOString()).toBe("2026-03-10T21:00:00.000Z");
    expect(w.holiday).toBeNull();
    expect(w.weekend).toBe(false);
  });

  it("points past the cutoff to the next session", () => {
    expect(kst(sessionWindowAt(at("2026-03-10T23:59:01+09:00")).nextOpenAt)).toBe("2026-03-11 06:00:00");
    expect(kst(sessionWindowAt(at("2026-03-10T06:00:00+09:00")).nextOpenAt)).toBe("2026-03-11 06:00:00");
  });
});

describe("non-trading game days", () => {
  it("reports a weekend with Monday's open", () => {
    const w = sessionWindowAt(at("2026-03-14T12:00:00+09:00"));
    expect(w).toMatchObject({
      gameDay: "2026-03-14",
      tradingDay: null,
      isOpen: false,
      opensAt: null,
      closesAt: null,
    });
    expect(w.weekend).toBe(true);
    expect(w.holiday).toBeNull();
    expect(w.nextTradingDay).toBe("2026-03-16");
    expect(kst(w.nextOpenAt)).toBe("2026-03-16 06:00:00");
  });

  it("keeps Saturday early morning KST in Friday's game day", () => {
    expect(gameDayAt(at("2026-03-14T03:00:00+09:00"))).toBe("2026-03-13");
    expect(sessionWindowAt(at("2026-03-14T03:00:00+09:00")).isOpen).toBe(false);
  });

  it("has no session on Thanksgiving 2026 and opens for the Black Friday early close", () => {
    const instant = at("2026-11-26T10:00:00+09:00");
    const w = sessionWindowAt(instant);
    expect(tradingDayAt(instant)).toBeNull();
    expect(w).toMatchObject({ gameDay: "2026-11-26", tradingDay: null, isOpen: false, weekend: false });
    expect(w.opensAt).toBeNull();
    expect(w.holiday).toEqual({ en: "Thanksgiving", ko: "추수감사절" });
    expect(w.nextTradingDay).toBe("2026-11-27");
    expect(w.nextOpenAt.toISOString()).toBe("2026-11-26T21:00:00.000Z");
    expect(kst(w.nextOpenAt)).toBe("2026-11-27 06:00:00");
    expect(marketCloseAt(w.nextTradingDay).toISOString()).toBe("2026-11-27T18:00:00.000Z");
  });
});

describe("marketStateAt", () => {
  it.each([
    ["2026-03-10T07:59:59Z", "CLOSED"], // 03:59:59 EDT
    ["2026-03-10T08:00:00Z", "PRE"], // 04:00 EDT
    ["2026-03-10T13:29:59Z", "PRE"],
    ["2026-03-10T13:30:00Z", "OPEN"], // 09:30 EDT
    ["2026-03-10T23:00:00+09:00", "OPEN"], // 10:00 EDT seen from Seoul
    ["2026-03-10T19:59:59Z", "OPEN"],
    ["2026-03-10T20:00:00Z", "POST"], // 16:00 EDT
    ["2026-03-10T23:59:59Z", "POST"],
    ["2026-03-11T00:00:00Z", "CLOSED"], // 20:00 EDT
    ["2026-01-05T14:29:59Z", "PRE"], // 09:29:59 EST
    ["2026-01-05T14:30:00Z", "OPEN"],
    ["2026-03-14T15:00:00Z", "CLOSED"], // Saturday
    ["2026-11-26T15:00:00Z", "CLOSED"], // Thanksgiving
    ["2026-11-27T17:59:59Z", "OPEN"], // 12:59:59 EST, early close day
    ["2026-11-27T18:00:00Z", "POST"],
  ])("%s is %s", (iso, state) => {
    expect(marketStateAt(at(iso))).toBe(state);
  });
});

describe("lastSettleableTradingDayAt", () => {
  it.each([
    ["2026-03-11T05:19:59+09:00", "2026-03-09"], // EDT: settlement lands inside the same game day
    ["2026-03-11T05:20:00+09:00", "2026-03-10"],
    ["2026-01-06T06:19:59+09:00", "2026-01-02"], // EST: Monday not settled yet, Friday is
    ["2026-01-06T06:20:00+09:00", "2026-01-05"],
    ["2026-03-15T12:00:00+09:00", "2026-03-13"], // Sunday
    ["2026-11-27T10:00:00+09:00", "2026-11-25"], // Black Friday session in progress
    ["2026-11-28T03:20:00+09:00", "2026-11-27"], // early-close settlement
  ])("at %s → %s", (iso, day) => {
    expect(lastSettleableTradingDayAt(at(iso))).toBe(day);
  });
});

describe("input validation", () => {
  it("rejects invalid instants and non-trading days", () => {
    expect(() => gameDayAt(new Date("nope"))).toThrow(TypeError);
    expect(() => sessionOpenAt("2026-03-14")).toThrow(/not a NYSE trading day/);
    expect(() => marketOpenAt("2026-11-26")).toThrow(/not a NYSE trading day/);
  });

  it("refuses instants whose game day is outside the calendar", () => {
    expect(() => tradingDayAt(at("2031-01-02T12:00:00+09:00"))).toThrow(RangeError);
  });
});

describe("the fast paths agree with date-fns-tz", () => {
  // gameDayAt uses KST's fixed offset and marketStateAt the cached New York midnights: every
  // 24 h 7 min over 2024–2030 (drifting through every time of day, across every DST switch),
  // compared with the zone library.
  it("KST game days and New York market states, 2024–2030", () => {
    const reference = (instant: Date) => {
      const usDay = formatInTimeZone(instant, NEW_YORK, "yyyy-MM-dd");
      if (!isTradingDay(usDay)) return "CLOSED";
      const t = instant.getTime();
      const z = (time: string) => fromZonedTime(`${usDay}T${time}:00`, NEW_YORK).getTime();
      if (t < z("04:00")) return "CLOSED";
      if (t < marketOpenAt(usDay).getTime()) return "PRE";
      if (t < marketCloseAt(usDay).getTime()) return "OPEN";
      if (t < z("20:00")) return "POST";
      return "CLOSED";
    };
    const wrong: string[] = [];
    let checked = 0;
    for (
      let t = Date.parse("2024-01-01T00:00:00Z");
      t < Date.parse("2031-01-01T00:00:00Z");
      t += 1447 * 60_000
    ) {
      const instant = new Date(t);
      if (gameDayAt(instant) !== formatInTimeZone(new Date(t - 6 * 3_600_000), KST, "yyyy-MM-dd"))
        wrong.push(`game day of ${instant.toISOString()}`);
      if (marketStateAt(instant) !== reference(instant))
        wrong.push(`market state at ${instant.toISOString()}`);
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2_500);
  }, 30_000);
});
