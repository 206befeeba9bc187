import "server-only";
/**
 * What the daily loop shows one player: the streak as it stands, today's progress towards the
 * daily goal, the morning reveal of the latest settled day and that day's share grid. Reads the
 * player's own rows only (indexed by user).
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { playerStats, playerStreaks, predictions, streakBadges } from "@/db/schema";
import { tradingDayAt, type DayString } from "@/lib/calendar";
import { shareText, type DayGrid, type GridCall } from "@/lib/share/grid";
import { latestRecordedDay, loadLeaderboard } from "./leaderboard";
import { getLoopSettingsRow, settingsView } from "./settings";
import { streakAsOf, streakHistory, type StreakDay } from "./streak";

export type StreakSummary = { current: number; best: number; freezes: number; badges: number[] };

export async function myStreak(db: Database, userId: string, now: Date): Promise<StreakSummary> {
  const [row] = await db.select().from(playerStreaks).where(eq(playerStreaks.userId, userId));
  const through = await latestRecordedDay(db, now);
  const streak = streakAsOf(row ? { ...row } : null, through);
  const badges = await db
    .select({ milestone: streakBadges.milestone })
    .from(streakBadges)
    .where(eq(streakBadges.userId, userId))
    .orderBy(asc(streakBadges.milestone));
  return {
    current: streak.current,
    best: streak.best,
    freezes: streak.freezes,
    badges: badges.map((b) => b.milestone),
  };
}

/** The trading days the player played (a settled call), oldest first. */
export async function playedDays(db: Database, userId: string): Promise<DayString[]> {
  const rows = await db
    .select({ day: playerStats.periodStart })
    .from(playerStats)
    .where(and(eq(playerStats.userId, userId), eq(playerStats.period, "day")))
    .orderBy(asc(playerStats.periodStart));
  return rows.map((r) => r.day);
}

export async function myStreakHistory(db: Database, userId: string, now: Date): Promise<StreakDay[]> {
  return streakHistory(await playedDays(db, userId), await latestRecordedDay(db, now));
}

export type TodayProgress = { tradingDay: DayString | null; calls: number; goal: number };

/** Calls made for today's trading day (cancelled ones do not count) against the daily goal. */
export async function todayProgress(db: Database, userId: string, now: Date): Promise<TodayProgress> {
  const settings = settingsView(await getLoopSettingsRow(db, userId));
  const day = tradingDayAt(now);
  if (!day) return { tradingDay: null, calls: 0, goal: settings.dailyGoal };
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(predictions)
    .where(
      and(
        eq(predictions.userId, userId),
        eq(predictions.tradingDay, day),
        ne(predictions.status, "CANCELLED"),
      ),
    );
  return { tradingDay: day, calls: Number(row?.n ?? 0), goal: settings.dailyGoal };
}

export type RevealCall = {
  symbol: string;
  choice: "UP" | "DOWN";
  status: "CORRECT" | "INCORRECT" | "VOID";
  snapshot: number | null;
  close: number | null;
  voidReason: string | null;
  points: number;
};

export type DayResults = {
  day: DayString;
  calls: RevealCall[];
  correct: number;
  settled: number;
  points: number;
  streakBefore: number;
  streakAfter: number;
  dayRank: number | null;
  allTimeRank: number | null;
  /** The all-time rank shown with the previous reveal, for the change. */
  previousRank: number | null;
  shareText: string;
};

/** The player's settled calls of a day, in the order they were made. */
async function settledCalls(db: Database, userId: string, day: DayString): Promise<RevealCall[]> {
  const rows = await db
    .select()
    .from(predictions)
    .where(
      and(
        eq(predictions.userId, userId),
        eq(predictions.tradingDay, day),
        inArray(predictions.status, ["CORRECT", "INCORRECT", "VOID"]),
      ),
    )
    .orderBy(asc(predictions.createdAt), asc(predictions.symbol));
  return rows.map((p) => ({
    symbol: p.symbol,
    choice: p.choice,
    status: p.status as RevealCall["status"],
    snapshot: p.snapshotPrice === null ? null : Number(p.snapshotPrice),
    close: p.closePrice === null ? null : Number(p.closePrice),
    voidReason: p.voidReason,
    points: p.pointsAwarded,
  }));
}

/** Results of a recorded day the player played (null otherwise): calls, streak change, ranks, the grid. */
export async function dayResults(db: Database, userId: string, day: DayString): Promise<DayResults | null> {
  const calls = await settledCalls(db, userId, day);
  if (calls.length === 0) return null;
  const history = streakHistory(await playedDays(db, userId), null);
  const at = history.findIndex((h) => h.day === day && h.kind === "played");
  const after = at >= 0 ? history[at]!.streak : 0;
  const beforeEntry = at > 0 ? history[at - 1] : undefined;
  const before = beforeEntry && beforeEntry.kind !== "missed" ? beforeEntry.streak : 0;
  const [dayBoard, allBoard] = [
    await loadLeaderboard(db, { period: "day", by: "points", day, userId }),
    await loadLeaderboard(db, { period: "all", by: "points", day, userId }),
  ];
  const settings = await getLoopSettingsRow(db, userId);
  const grid = gridOf(day, calls, after);
  return {
    day,
    calls,
    correct: grid.correct,
    settled: grid.settled,
    points: grid.points,
    streakBefore: before,
    streakAfter: after,
    dayRank: dayBoard.me?.rank ?? null,
    allTimeRank: allBoard.me?.rank ?? null,
    previousRank: settings?.revealSeenRank ?? null,
    shareText: shareText(grid),
  };
}

export function gridOf(day: DayString, calls: readonly RevealCall[], streak: number): DayGrid {
  return {
    day,
    calls: calls.map((c): GridCall => ({ choice: c.choice, status: c.status })),
    correct: calls.filter((c) => c.status === "CORRECT").length,
    settled: calls.length,
    points: calls.reduce((s, c) => s + c.points, 0),
    streak,
  };
}

/** The morning reveal: the latest recorded day, once, if the player played it and has not seen it. */
export async function pendingReveal(db: Database, userId: string, now: Date): Promise<DayResults | null> {
  const day = await latestRecordedDay(db, now);
  if (!day) return null;
  const settings = await getLoopSettingsRow(db, userId);
  if (settings?.revealSeenDay && settings.revealSeenDay >= day) return null;
  return dayResults(db, userId, day);
}
