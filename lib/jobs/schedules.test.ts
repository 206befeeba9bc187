import { describe, expect, it } from "vitest";
import {
  formatKst,
  marketCloseAt,
  sessionCutoffAt,
  sessionOpenAt,
  settlementDueAt,
  tradingDaysBetween,
  earlyCloseOn,
} from "@/lib/calendar";
import { cronFiresAt, cronFirings, parseCron } from "./cron";
import { JOB_NAMES } from "./registry";
import { CRON_SCHEDULES, cronUrl, SCHEDULE_ID_PREFIX } from "./schedules";

const byJob = (job: string) => CRON_SCHEDULES.filter((s) => s.job === job);
const firesFor = (job: string, at: Date) => byJob(job).some((s) => cronFiresAt(s.cron, at));
const DAYS_2026 = tradingDaysBetween("2026-01-01", "2026-12-31");
const ALL_DAYS = tradingDaysBetween("2024-01-01", "2030-12-31");

describe("cron evaluator", () => {
  it("parses lists, ranges and steps and refuses nonsense", () => {
    expect([...parseCron("*/5 0-14,21-23 * * 1-5").hour]).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 21, 22, 23,
    ]);
    expect([...parseCron("15,45 * * * *").minute]).toEqual([15, 45]);
    expect(() => parseCron("61 * * * *")).toThrow();
    expect(() => parseCron("* * * *")).toThrow();
    expect(cronFiresAt("20 21 * * 1-5", new Date("2026-11-24T21:20:00Z"))).toBe(true);
    expect(cronFiresAt("20 21 * * 1-5", new Date("2026-11-28T21:20:00Z"))).toBe(false); // Saturday
  });
});

describe("the QStash schedule table", () => {
  it("has stable unique ids, only known jobs, valid UTC crons, and URLs on the public base URL", () => {
    expect(new Set(CRON_SCHEDULES.map((s) => s.id)).size).toBe(CRON_SCHEDULES.length);
    for (const s of CRON_SCHEDULES) {
      expect(s.id.startsWith(SCHEDULE_ID_PREFIX)).toBe(true);
      expect(JOB_NAMES).toContain(s.job);
      expect(() => parseCron(s.cron)).not.toThrow();
    }
    expect(cronUrl("https://ox.example.com/", "collect-eod")).toBe(
      "https://ox.example.com/api/cron/collect-eod",
    );
  });

  it("select-universe at 05:30 KST, integrity-check at 07:00 KST, prune at 04:00 KST, every day", () => {
    const fired = (job: string) =>
      cronFirings(
        byJob(job)[0]!.cron,
        new Date("2026-11-22T15:00:00Z"),
        new Date("2026-11-29T15:00:00Z"),
      ).map((d) => formatKst(d, "EEE HH:mm"));
    expect(fired("select-universe")).toEqual([
      "Mon 05:30",
      "Tue 05:30",
      "Wed 05:30",
      "Thu 05:30",
      "Fri 05:30",
      "Sat 05:30",
      "Sun 05:30",
    ]);
    expect(fired("integrity-check")).toEqual([
      "Mon 07:00",
      "Tue 07:00",
      "Wed 07:00",
      "Thu 07:00",
      "Fri 07:00",
      "Sat 07:00",
      "Sun 07:00",
    ]);
    expect(fired("prune")).toEqual([
      "Mon 04:00",
      "Tue 04:00",
      "Wed 04:00",
      "Thu 04:00",
      "Fri 04:00",
      "Sat 04:00",
      "Sun 04:00",
    ]);
  });

  it("open-session at 06:00 KST and close-session at 23:59 KST on every trading day of 2026, and on weekdays only", () => {
    for (const day of DAYS_2026) {
      expect(firesFor("open-session", sessionOpenAt(day))).toBe(true);
      expect(firesFor("close-session", sessionCutoffAt(day))).toBe(true);
    }
    const opens = cronFirings(
      byJob("open-session")[0]!.cron,
      new Date("2026-11-22T00:00:00Z"),
      new Date("2026-11-29T00:00:00Z"),
    );
    expect(opens.map((d) => formatKst(d, "EEE HH:mm"))).toEqual([
      "Mon 06:00",
      "Tue 06:00",
      "Wed 06:00",
      "Thu 06:00",
      "Fri 06:00",
    ]);
  });

  it("the EOD step fires exactly when the close is final: 06:20 KST in US winter, 05:20 KST in US summer", () => {
    expect(formatKst(settlementDueAt("2026-11-24"), "HH:mm")).toBe("06:20");
    expect(firesFor("collect-eod", settlementDueAt("2026-11-24"))).toBe(true);
    expect(formatKst(settlementDueAt("2026-07-14"), "HH:mm")).toBe("05:20");
    expect(firesFor("collect-eod", settlementDueAt("2026-07-14"))).toBe(true);
    // Around both DST switches of 2026 (8 March, 1 November).
    for (const day of ["2026-03-06", "2026-03-09", "2026-10-30", "2026-11-02"])
      expect(firesFor("collect-eod", settlementDueAt(day))).toBe(true);
  });

  it("for every trading day 2024–2030 the first EOD firing at or after the due instant is on time (≤ 30 min after an early close)", () => {
    for (const day of ALL_DAYS) {
      const due = settlementDueAt(day);
      const [first] = byJob("collect-eod")
        .flatMap((s) => cronFirings(s.cron, due, new Date(due.getTime() + 31 * 60_000)))
        .sort((a, b) => +a - +b);
      expect(first, day).toBeDefined();
      const lateBy = first!.getTime() - due.getTime();
      if (earlyCloseOn(day)) expect(lateBy, day).toBeLessThanOrEqual(30 * 60_000);
      else expect(lateBy, day).toBe(0);
      // Firings between the close and the due instant (the half-hourly retry) find the day not
      // final yet and act only on earlier days: the job, not the cron, guards the close.
      expect(marketCloseAt(day).getTime()).toBeLessThan(due.getTime());
    }
  });

  it("refresh-prices every 5 minutes around the clock: the job follows the session and the US regular session", () => {
    const cron = byJob("refresh-prices")[0]!.cron;
    const fired = cronFirings(cron, new Date("2026-11-24T15:00:00Z"), new Date("2026-11-25T15:00:00Z")).map(
      (d) => formatKst(d, "HH:mm"),
    );
    // 06:00 KST (the open) through 06:00 the next morning (the US close in winter) are covered.
    expect(fired).toContain("06:00");
    expect(fired).toContain("23:55");
    expect(fired).toContain("05:55");
    expect(fired).toHaveLength(24 * 12);
  });
});
