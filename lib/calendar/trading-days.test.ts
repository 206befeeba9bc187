import { describe, expect, it } from "vitest";
import {
  addDays,
  earlyCloseOn,
  formatNewYork,
  holidayOn,
  isTradingDay,
  isValidDayString,
  marketCloseAt,
  nextTradingDay,
  previousTradingDay,
  tradingDaysBetween,
} from "./index";

const closeEt = (day: string) => formatNewYork(marketCloseAt(day), "HH:mm");

// [holiday, English name, previous trading day, next trading day]
const FULL_HOLIDAYS_2025_2026: ReadonlyArray<[string, string, string, string]> = [
  ["2025-01-01", "New Year's Day", "2024-12-31", "2025-01-02"],
  ["2025-01-09", "National Day of Mourning for President Jimmy Carter", "2025-01-08", "2025-01-10"],
  ["2025-01-20", "Martin Luther King Jr. Day", "2025-01-17", "2025-01-21"],
  ["2025-02-17", "Washington's Birthday", "2025-02-14", "2025-02-18"],
  ["2025-04-18", "Good Friday", "2025-04-17", "2025-04-21"],
  ["2025-05-26", "Memorial Day", "2025-05-23", "2025-05-27"],
  ["2025-06-19", "Juneteenth", "2025-06-18", "2025-06-20"],
  ["2025-07-04", "Independence Day", "2025-07-03", "2025-07-07"],
  ["2025-09-01", "Labor Day", "2025-08-29", "2025-09-02"],
  ["2025-11-27", "Thanksgiving", "2025-11-26", "2025-11-28"],
  ["2025-12-25", "Christmas", "2025-12-24", "2025-12-26"],
  ["2026-01-01", "New Year's Day", "2025-12-31", "2026-01-02"],
  ["2026-01-19", "Martin Luther King Jr. Day", "2026-01-16", "2026-01-20"],
  ["2026-02-16", "Washington's Birthday", "2026-02-13", "2026-02-17"],
  ["2026-04-03", "Good Friday", "2026-04-02", "2026-04-06"],
  ["2026-05-25", "Memorial Day", "2026-05-22", "2026-05-26"],
  ["2026-06-19", "Juneteenth", "2026-06-18", "2026-06-22"],
  ["2026-07-03", "Independence Day (observed)", "2026-07-02", "2026-07-06"],
  ["2026-09-07", "Labor Day", "2026-09-04", "2026-09-08"],
  ["2026-11-26", "Thanksgiving", "2026-11-25", "2026-11-27"],
  ["2026-12-25", "Christmas", "2026-12-24", "2026-12-28"],
];
const EARLY_CLOSES_2025_2026 = ["2025-07-03", "2025-11-28", "2025-12-24", "2026-11-27", "2026-12-24"];
const expectedCloseEt = (day: string) => (EARLY_CLOSES_2025_2026.includes(day) ? "13:00" : "16:00");

describe("full holidays of 2025 and 2026", () => {
  it("lists exactly 11 + 10 holidays", () => {
    expect(FULL_HOLIDAYS_2025_2026).toHaveLength(21);
  });

  it.each(FULL_HOLIDAYS_2025_2026)("%s (%s) is closed, neighbours trade", (day, en, prev, next) => {
    expect(isTradingDay(day)).toBe(false);
    expect(holidayOn(day)?.en).toBe(en);
    expect(holidayOn(day)?.ko).toMatch(/[가-힣]/);
    expect(earlyCloseOn(day)).toBeNull();
    expect(() => marketCloseAt(day)).toThrow(/not a NYSE trading day/);
    expect(previousTradingDay(day)).toBe(prev);
    expect(nextTradingDay(day)).toBe(next);
    for (const neighbour of [prev, next]) {
      expect(isTradingDay(neighbour)).toBe(true);
      expect(holidayOn(neighbour)).toBeNull();
      expect(closeEt(neighbour)).toBe(expectedCloseEt(neighbour));
    }
    for (const adjacent of [addDays(day, -1), addDays(day, 1)]) expect(holidayOn(adjacent)).toBeNull();
  });

  it("names Thanksgiving in both languages", () => {
    expect(holidayOn("2026-11-26")).toEqual({ en: "Thanksgiving", ko: "추수감사절" });
  });
});

describe("early closes of 2025 and 2026", () => {
  it.each([
    ["2025-07-03", "Day before Independence Day", "2025-07-03T17:00:00.000Z"],
    ["2025-11-28", "Day after Thanksgiving", "2025-11-28T18:00:00.000Z"],
    ["2025-12-24", "Christmas Eve", "2025-12-24T18:00:00.000Z"],
    ["2026-11-27", "Day after Thanksgiving", "2026-11-27T18:00:00.000Z"],
    ["2026-12-24", "Christmas Eve", "2026-12-24T18:00:00.000Z"],
  ])("%s (%s) trades until 13:00 ET", (day, en, closeUtc) => {
    expect(isTradingDay(day)).toBe(true);
    expect(earlyCloseOn(day)?.en).toBe(en);
    expect(earlyCloseOn(day)?.closeEt).toBe("13:00");
    expect(marketCloseAt(day).toISOString()).toBe(closeUtc);
    for (const adjacent of [addDays(day, -1), addDays(day, 1)]) {
      expect(earlyCloseOn(adjacent)).toBeNull();
      if (isTradingDay(adjacent)) expect(closeEt(adjacent)).toBe("16:00");
    }
  });

  it("has no early close on 2026-07-02 (July 4 observed on Friday)", () => {
    expect(earlyCloseOn("2026-07-02")).toBeNull();
    expect(marketCloseAt("2026-07-02").toISOString()).toBe("2026-07-02T20:00:00.000Z");
  });
});

describe("trading day arithmetic", () => {
  it("treats weekends as non-trading", () => {
    expect(isTradingDay("2026-03-14")).toBe(false);
    expect(isTradingDay("2026-03-15")).toBe(false);
    expect(holidayOn("2026-03-14")).toBeNull();
    expect(nextTradingDay("2026-03-13")).toBe("2026-03-16");
    expect(previousTradingDay("2026-03-16")).toBe("2026-03-13");
  });

  it("lists trading days inclusively", () => {
    expect(tradingDaysBetween("2026-11-23", "2026-11-30")).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-27",
      "2026-11-30",
    ]);
    expect(tradingDaysBetween("2026-11-27", "2026-11-27")).toEqual(["2026-11-27"]);
    expect(tradingDaysBetween("2026-11-30", "2026-11-23")).toEqual([]);
  });

  it("counts the published number of sessions per year", () => {
    expect(tradingDaysBetween("2024-01-01", "2024-12-31")).toHaveLength(252);
    expect(tradingDaysBetween("2025-01-01", "2025-12-31")).toHaveLength(250);
    expect(tradingDaysBetween("2026-01-01", "2026-12-31")).toHaveLength(251);
  });

  it("validates and shifts day strings without the host time zone", () => {
    expect(isValidDayString("2028-02-29")).toBe(true);
    expect(isValidDayString("2026-02-29")).toBe(false);
    expect(isValidDayString("2026-2-3")).toBe(false);
    expect(isValidDayString("2026-03-08T00:00")).toBe(false);
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-11-01", -1)).toBe("2026-10-31");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(() => isTradingDay("2026/03/09")).toThrow(TypeError);
  });
});

describe("coverage range", () => {
  it("throws a RangeError for weekdays outside 2024–2030", () => {
    expect(() => isTradingDay("2031-01-02")).toThrow(RangeError);
    expect(() => isTradingDay("2031-01-02")).toThrow(/covers 2024–2030/);
    expect(() => isTradingDay("2023-12-29")).toThrow(RangeError);
    expect(() => holidayOn("2031-01-01")).toThrow(RangeError);
    expect(() => nextTradingDay("2030-12-31")).toThrow(RangeError);
    expect(() => previousTradingDay("2024-01-02")).toThrow(RangeError);
  });

  it("still answers weekends outside the range", () => {
    expect(isTradingDay("2031-01-04")).toBe(false);
    expect(isTradingDay("2023-12-30")).toBe(false);
    expect(holidayOn("2023-12-31")).toBeNull();
  });

  it("answers the range edges", () => {
    expect(isTradingDay("2024-01-01")).toBe(false);
    expect(isTradingDay("2024-01-02")).toBe(true);
    expect(isTradingDay("2030-12-31")).toBe(true);
    expect(previousTradingDay("2030-12-31")).toBe("2030-12-30");
  });
});
