import { describe, expect, it } from "vitest";
import { tradingDayAt, tradingDaysBetween } from "@/lib/calendar";
import { playDay, streakAsOf, streakFromDays, streakHistory, type StreakState } from "./streak";

/** The trading days of calls made at these KST instants (the 06:00 boundary decides the day). */
const daysOfCalls = (instants: string[]) =>
  instants.map((at) => tradingDayAt(new Date(at))).filter((d): d is string => d !== null);

// November–December 2026: Thanksgiving (Thu 26 Nov) closed, Fri 27 Nov and Thu 24 Dec early
// closes, Christmas (Fri 25 Dec) closed; weekends in between.
const NOV_DEC = tradingDaysBetween("2026-11-02", "2026-12-31");

describe("streaks over two months", () => {
  it("every trading day played: weekends and holidays never break it, early closes count", () => {
    const state = streakFromDays(NOV_DEC)!;
    expect(NOV_DEC).not.toContain("2026-11-26");
    expect(NOV_DEC).toContain("2026-11-27");
    expect(NOV_DEC).toContain("2026-12-24");
    expect(NOV_DEC).not.toContain("2026-12-25");
    expect(state.current).toBe(NOV_DEC.length);
    expect(state.best).toBe(NOV_DEC.length);
    // Wed 25 Nov → Fri 27 Nov (Thanksgiving between) and Thu 24 Dec → Mon 28 Dec are consecutive.
    const s1 = streakFromDays(["2026-11-23", "2026-11-24", "2026-11-25"])!;
    expect(playDay(s1, "2026-11-27").state.current).toBe(4);
    const s2 = streakFromDays(["2026-12-23", "2026-12-24"])!;
    expect(playDay(s2, "2026-12-28")).toMatchObject({ state: { current: 3 }, frozen: [], missed: [] });
  });

  it("a missed day without a freeze ends the streak; the best stays", () => {
    // Mon 2 – Fri 6 Nov played (5 days, no freeze yet), Mon 9 missed, Tue 10 played.
    const before = streakFromDays(tradingDaysBetween("2026-11-02", "2026-11-06"))!;
    expect(before).toMatchObject({ current: 5, freezes: 0 });
    const step = playDay(before, "2026-11-10");
    expect(step).toMatchObject({
      state: { current: 1, best: 5, freezes: 0 },
      frozen: [],
      missed: ["2026-11-09"],
    });
  });

  it("a missed day with a freeze keeps the streak (without growing it) and uses the freeze", () => {
    // 7 days (2–10 Nov) earn one freeze; Wed 11 missed; Thu 12 played.
    const seven = streakFromDays(tradingDaysBetween("2026-11-02", "2026-11-10"))!;
    expect(seven).toMatchObject({ current: 7, freezes: 1 });
    const step = playDay(seven, "2026-11-12");
    expect(step).toMatchObject({ state: { current: 8, freezes: 0 }, frozen: ["2026-11-11"], missed: [] });
    // Two missed days with one freeze: the freeze covers the first, the second ends the streak.
    const two = playDay(seven, "2026-11-13");
    expect(two).toMatchObject({
      state: { current: 1, freezes: 0 },
      frozen: ["2026-11-11"],
      missed: ["2026-11-12"],
    });
  });

  it("earns one freeze per 7 days of streak, holding at most 2", () => {
    const days = NOV_DEC.slice(0, 28);
    const freezes = days.map((_, i) => streakFromDays(days.slice(0, i + 1))!.freezes);
    expect(freezes[5]).toBe(0);
    expect(freezes[6]).toBe(1); // day 7
    expect(freezes[13]).toBe(2); // day 14
    expect(freezes[20]).toBe(2); // day 21: already 2 held
    const step = playDay(streakFromDays(days.slice(0, 20)), days[20]!);
    expect(step.earnedFreeze).toBe(false);
    expect(playDay(streakFromDays(days.slice(0, 6)), days[6]!)).toMatchObject({
      earnedFreeze: true,
      milestone: 7,
    });
  });

  it("milestones at 7, 30, 100 and 365", () => {
    const all = tradingDaysBetween("2026-01-02", "2027-12-31");
    const hits: number[] = [];
    let state: StreakState | null = null;
    for (const day of all.slice(0, 365)) {
      const step = playDay(state, day);
      if (step.milestone) hits.push(step.milestone);
      state = step.state;
    }
    expect(hits).toEqual([7, 30, 100, 365]);
  });

  it("the 06:00 KST boundary: a call at 05:59 belongs to the previous trading day", () => {
    // Tue 1 Dec 2026: 05:59 KST is still Mon 30 Nov's game day; 06:00 opens Tue 1 Dec.
    expect(daysOfCalls(["2026-12-01T05:59:00+09:00"])).toEqual(["2026-11-30"]);
    expect(daysOfCalls(["2026-12-01T06:00:00+09:00"])).toEqual(["2026-12-01"]);
    // Calls at 23:50 Mon and 05:59 Tue are one day; a streak of 1.
    const same = daysOfCalls(["2026-11-30T23:50:00+09:00", "2026-12-01T05:59:00+09:00"]);
    expect(streakFromDays(same)).toMatchObject({ current: 1 });
    // Mon 30 Nov (05:59 Tue) then Tue 1 Dec (06:00 Tue): two days, consecutive.
    const two = daysOfCalls(["2026-12-01T05:59:00+09:00", "2026-12-01T06:00:00+09:00"]);
    expect(streakFromDays(two)).toMatchObject({ current: 2 });
    // A Saturday-morning 05:59 call is Friday's; a Saturday 06:00 one has no trading day.
    expect(daysOfCalls(["2026-12-05T05:59:00+09:00", "2026-12-05T06:00:00+09:00"])).toEqual(["2026-12-04"]);
  });
});

describe("the streak as it stands", () => {
  const state = streakFromDays(tradingDaysBetween("2026-11-02", "2026-11-10"))!; // 7 days, 1 freeze

  it("is unchanged until a later day is recorded, then uses a freeze, then ends", () => {
    expect(streakAsOf(state, "2026-11-10")).toMatchObject({ current: 7, freezes: 1, frozen: [] });
    expect(streakAsOf(state, "2026-11-11")).toMatchObject({ current: 7, freezes: 0, frozen: ["2026-11-11"] });
    expect(streakAsOf(state, "2026-11-12")).toMatchObject({ current: 0, best: 7, freezes: 0 });
    // A weekend between changes nothing: Fri 6 Nov last played, recorded through Fri 6 Nov.
    const fri = streakFromDays(tradingDaysBetween("2026-11-02", "2026-11-06"))!;
    expect(streakAsOf(fri, "2026-11-06")).toMatchObject({ current: 5 });
    expect(streakAsOf(null, "2026-11-06")).toMatchObject({ current: 0, best: 0 });
  });

  it("history lists played, frozen and missed days with the streak at each", () => {
    const played = [...tradingDaysBetween("2026-11-02", "2026-11-10"), "2026-11-12", "2026-11-16"];
    const history = streakHistory(played, "2026-11-17");
    const byDay = Object.fromEntries(history.map((h) => [h.day, `${h.kind}:${h.streak}`]));
    expect(byDay["2026-11-10"]).toBe("played:7");
    expect(byDay["2026-11-11"]).toBe("frozen:7");
    expect(byDay["2026-11-12"]).toBe("played:8");
    expect(byDay["2026-11-13"]).toBe("missed:0");
    expect(byDay["2026-11-16"]).toBe("played:1");
    expect(byDay["2026-11-17"]).toBe("missed:0");
    expect(history.filter((h) => h.milestone).map((h) => h.milestone)).toEqual([7]);
  });

  it("a history folded in any order gives the same state as playing day by day", () => {
    const played = ["2026-11-12", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-04"];
    let state: StreakState | null = null;
    for (const d of [...played].sort()) state = playDay(state, d).state;
    expect(streakFromDays(played)).toEqual(state);
  });
});
