import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { eodPrices, playerStats, playerStreaks, pointsLedger, predictions, streakBadges } from "@/db/schema";
import { settlementDueAt, tradingDaysBetween } from "@/lib/calendar";
import { recordDayResults } from "@/lib/loop/record-day";
import { streakFromDays } from "@/lib/loop/streak";
import { postEntry } from "@/lib/points";
import { settleTradingDay } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { useTestDb } from "./support/db";
import { createPlayer } from "./support/players";

const t = useTestDb();

const due = (day: string) => new Date(settlementDueAt(day).getTime() + 60_000);
const SYMBOLS = ["UPA", "UPB", "DNA", "FLT"];
// Each symbol's close against a snapshot of 100: two rise, one falls, one is flat (VOID).
const CLOSES: Record<string, string> = { UPA: "101", UPB: "102", DNA: "99", FLT: "100" };

async function player(db: Database) {
  const p = await createPlayer(db);
  await postEntry(db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
  return p;
}

type Call = { userId: string; symbol: string; choice: "UP" | "DOWN"; cancelled?: boolean };

async function playDay(db: Database, day: string, list: Call[]) {
  await upsertUniverse(db, { tradingDay: day, symbols: SYMBOLS });
  if (list.length)
    await db.insert(predictions).values(
      list.map((c) => ({
        userId: c.userId,
        tradingDay: day,
        symbol: c.symbol,
        choice: c.choice,
        snapshotPrice: "100",
        snapshotAt: new Date(`${day}T03:00:00Z`),
        snapshotSource: "simulated",
        ...(c.cancelled ? { status: "CANCELLED" as const, cancelledAt: new Date(`${day}T04:00:00Z`) } : {}),
      })),
    );
  await db.insert(eodPrices).values(
    SYMBOLS.map((symbol) => ({
      tradingDay: day,
      symbol,
      close: CLOSES[symbol]!,
      source: "simulated",
      fetchedAt: due(day),
    })),
  );
  return settleTradingDay(db, { tradingDay: day, now: due(day) });
}

async function snapshot(db: Database) {
  const stats = await db
    .select()
    .from(playerStats)
    .orderBy(asc(playerStats.period), asc(playerStats.periodStart), asc(playerStats.userId));
  const streaks = await db.select().from(playerStreaks).orderBy(asc(playerStreaks.userId));
  const badges = await db.select().from(streakBadges).orderBy(asc(streakBadges.userId));
  const ledger = await db.select().from(pointsLedger).orderBy(asc(pointsLedger.id));
  return {
    stats: stats.map(({ updatedAt: _u, ...r }) => r),
    streaks: streaks.map(({ updatedAt: _u, ...r }) => r),
    badges,
    ledger,
  };
}

const statsOf = async (db: Database, userId: string, period: string) =>
  (await db.select().from(playerStats).where(eq(playerStats.userId, userId))).filter(
    (r) => r.period === period,
  );

describe("recordDayResults (called by settlement)", () => {
  it("writes each player's day, week, month and all-time aggregates once, with always-O and crowd baselines", async () => {
    const day = "2026-11-30"; // Monday
    const a = await player(t.db);
    const b = await player(t.db);
    const c = await player(t.db);
    const d = await player(t.db);
    await playDay(t.db, day, [
      { userId: a.id, symbol: "UPA", choice: "UP" }, // correct; always O right; crowd (UP) right
      { userId: a.id, symbol: "DNA", choice: "DOWN" }, // correct; always O wrong; crowd (DOWN 2:1) right
      { userId: a.id, symbol: "FLT", choice: "UP" }, // VOID flat
      { userId: b.id, symbol: "UPA", choice: "UP" }, // correct
      { userId: b.id, symbol: "DNA", choice: "UP" }, // incorrect; always O wrong; crowd right
      { userId: c.id, symbol: "DNA", choice: "DOWN" }, // correct
      { userId: c.id, symbol: "UPB", choice: "DOWN" }, // incorrect; always O right; crowd (tie 1:1) no majority
      { userId: d.id, symbol: "UPB", choice: "UP" }, // correct
      { userId: d.id, symbol: "UPA", choice: "DOWN", cancelled: true }, // cancelled: not a played call
    ]);
    const [dayA] = await statsOf(t.db, a.id, "day");
    expect(dayA).toMatchObject({
      periodStart: day,
      settled: 3,
      correct: 2,
      incorrect: 0,
      void: 1,
      points: 100,
      alwaysO: 1,
      crowdCorrect: 2,
      edge: 1,
      accuracyKey: null, // 2 decided calls < 3 for a day
    });
    const [dayB] = await statsOf(t.db, b.id, "day");
    expect(dayB).toMatchObject({
      settled: 2,
      correct: 1,
      incorrect: 1,
      points: 50,
      alwaysO: 1,
      crowdCorrect: 2,
      edge: 0,
    });
    const [dayC] = await statsOf(t.db, c.id, "day");
    expect(dayC).toMatchObject({ correct: 1, incorrect: 1, alwaysO: 1, crowdCorrect: 1 });
    const [dayD] = await statsOf(t.db, d.id, "day");
    expect(dayD).toMatchObject({ settled: 1, correct: 1, points: 50 });
    for (const period of ["week", "month", "all"]) {
      const [row] = await statsOf(t.db, a.id, period);
      expect(row).toMatchObject({ settled: 3, correct: 2, points: 100, alwaysO: 1, crowdCorrect: 2 });
    }
    expect((await statsOf(t.db, a.id, "week"))[0]!.periodStart).toBe("2026-11-30");
    expect((await statsOf(t.db, a.id, "month"))[0]!.periodStart).toBe("2026-11-01");
    expect((await statsOf(t.db, a.id, "all"))[0]!.periodStart).toBe("1970-01-01");
    const streaks = await t.db.select().from(playerStreaks);
    expect(streaks.map((s) => s.current)).toEqual([1, 1, 1, 1]);

    // Re-settling the day, and recording it again directly, change no aggregate.
    const before = await snapshot(t.db);
    const again = await settleTradingDay(t.db, {
      tradingDay: day,
      now: new Date(due(day).getTime() + 3_600_000),
    });
    expect(again.settled).toBe(0);
    const direct = await t.db.transaction((tx) => recordDayResults(tx, { tradingDay: day, now: due(day) }));
    expect(direct).toMatchObject({ players: 4, changed: 0, streaksMoved: 0, badges: 0 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("moves streaks day by day, earns the 7-day badge and a freeze, pays the bonus once, and survives days recorded out of order", async () => {
    const days = tradingDaysBetween("2026-12-01", "2026-12-10"); // 8 trading days
    const steady = await player(t.db);
    const gappy = await player(t.db);
    const late = await player(t.db);
    // gappy skips 2026-12-04; `late` plays 12-02 and 12-03, and 12-03 is settled before 12-02.
    const order = ["2026-12-01", "2026-12-03", "2026-12-02", ...days.slice(3)];
    for (const day of order) {
      const calls: Call[] = [{ userId: steady.id, symbol: "UPA", choice: "UP" }];
      if (day !== "2026-12-04") calls.push({ userId: gappy.id, symbol: "DNA", choice: "UP" });
      if (day === "2026-12-02" || day === "2026-12-03")
        calls.push({ userId: late.id, symbol: "UPB", choice: "UP" });
      await playDay(t.db, day, calls);
    }
    const streakOf = async (id: string) =>
      (await t.db.select().from(playerStreaks).where(eq(playerStreaks.userId, id)))[0];
    // Out of order: 12-03 first made a streak of 1 for `late`; recording 12-02 after it refolds to 2.
    expect(await streakOf(late.id)).toMatchObject({ current: 2, lastDay: "2026-12-03" });
    expect(await streakOf(steady.id)).toMatchObject({
      current: 8,
      best: 8,
      freezes: 1,
      lastDay: "2026-12-10",
    });
    // gappy missed 12-04 before earning a freeze: the streak restarted on 12-07.
    const played = days.filter((d) => d !== "2026-12-04");
    expect(await streakOf(gappy.id)).toMatchObject({ ...streakFromDays(played), current: 4 });
    const badges = await t.db.select().from(streakBadges);
    expect(badges.map((b) => [b.userId, b.milestone, b.tradingDay])).toEqual([[steady.id, 7, "2026-12-09"]]);

    // The bonus (configured, here 500) is paid once per player and milestone, whatever re-runs.
    const bonusRows = () => t.db.select().from(pointsLedger).where(eq(pointsLedger.reason, "STREAK_BONUS"));
    expect(await bonusRows()).toEqual([]); // the default amount is 0: a badge only
    await t.db.execute(sql`delete from streak_badges`);
    await t.db.execute(
      sql`update player_streaks set current = 6, best = 6, last_day = '2026-12-08' where user_id = ${steady.id}`,
    );
    for (let i = 0; i < 2; i++) {
      const r = await t.db.transaction((tx) =>
        recordDayResults(tx, { tradingDay: "2026-12-09", now: due("2026-12-09"), streakBonusPoints: 500 }),
      );
      expect(r.bonusPoints).toBe(i === 0 ? 500 : 0);
    }
    const paid = await bonusRows();
    expect(paid.map((p) => [p.userId, p.amount, p.refId])).toEqual([
      [steady.id, 500, `streak:${steady.id}:7`],
    ]);
    const [weeks] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(distinct period_start)::int as n from player_stats where period = 'week' and user_id = ${steady.id}`,
      ),
    );
    expect(weeks?.n).toBe(2);
  });
});

describe("settlement and the loop commit together", () => {
  it("a failure as the day turns SETTLED leaves it SETTLING with no results; the next run records it and settles", async () => {
    const day = "2027-01-05"; // a day no other test of this file settles
    const p = await player(t.db);
    // The database refuses the step to SETTLED once, after the day's results were written.
    await t.db.execute(sql`create table loop_fault (armed boolean not null)`);
    await t.db.execute(sql`insert into loop_fault values (true)`);
    await t.db.execute(sql`
      create function loop_fault_fire() returns trigger language plpgsql as $$
      begin
        if new.phase = 'SETTLED' and (select armed from loop_fault) then raise exception 'settling refused'; end if;
        return new;
      end $$`);
    await t.db.execute(
      sql`create trigger loop_fault before update on trading_sessions for each row execute function loop_fault_fire()`,
    );
    const failed = await playDay(t.db, day, [{ userId: p.id, symbol: "UPA", choice: "UP" }]).catch(
      (e: unknown) => e,
    );
    expect(String((failed as Error).cause ?? failed)).toContain("settling refused");
    const phaseOf = async () =>
      rowsOf<{ phase: string }>(
        await t.db.execute(sql`select phase from trading_sessions where trading_day = ${day}`),
      )[0]?.phase;
    expect(await phaseOf()).toBe("SETTLING");
    const mine = async () => ({
      stats: await t.db.select().from(playerStats).where(eq(playerStats.userId, p.id)),
      streak: await t.db.select().from(playerStreaks).where(eq(playerStreaks.userId, p.id)),
    });
    expect(await mine()).toEqual({ stats: [], streak: [] });

    await t.db.execute(sql`update loop_fault set armed = false`);
    const again = await settleTradingDay(t.db, { tradingDay: day, now: due(day) });
    expect(again).toMatchObject({ complete: true, phase: "SETTLED" });
    expect(await phaseOf()).toBe("SETTLED");
    const after = await mine();
    expect(after.stats.length).toBeGreaterThan(0);
    expect(after.streak[0]).toMatchObject({ current: 1, lastDay: day });
    await t.db.execute(sql`drop trigger loop_fault on trading_sessions`);
  });
});
