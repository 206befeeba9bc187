import "server-only";
/**
 * Personal stats (`/me/stats`, `GET /api/me/stats`): accuracy over time against "always O" and
 * the crowd majority (cumulative, from the player's day aggregates), points over time, accuracy by
 * symbol, calls by KST hour, and the streak history. One player's rows only.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { playerStats } from "@/db/schema";
import type { DayString } from "@/lib/calendar";
import { myStreakHistory } from "./player";
import type { StreakDay } from "./streak";

export type StatsDay = {
  day: DayString;
  correct: number;
  decided: number;
  points: number;
  /** Cumulative accuracy up to and including the day: mine, "always O", the crowd majority (0–1; null before any decided call). */
  accuracy: number | null;
  alwaysO: number | null;
  crowd: number | null;
  cumulativePoints: number;
};

export type SymbolStat = { symbol: string; correct: number; decided: number; accuracy: number };

export type MyStats = {
  totals: { settled: number; correct: number; decided: number; points: number; accuracy: number | null };
  days: StatsDay[];
  bestSymbols: SymbolStat[];
  worstSymbols: SymbolStat[];
  /** Calls made in each KST hour (index 0–23), cancelled calls excluded. */
  byHour: number[];
  streak: StreakDay[];
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export async function myStats(db: Database, userId: string, now: Date): Promise<MyStats> {
  const rows = await db
    .select()
    .from(playerStats)
    .where(and(eq(playerStats.userId, userId), eq(playerStats.period, "day")))
    .orderBy(asc(playerStats.periodStart));
  let correct = 0;
  let decided = 0;
  let alwaysO = 0;
  let crowd = 0;
  let points = 0;
  let settled = 0;
  const days: StatsDay[] = rows.map((r) => {
    correct += r.correct;
    decided += r.correct + r.incorrect;
    alwaysO += r.alwaysO;
    crowd += r.crowdCorrect;
    points += r.points;
    settled += r.settled;
    return {
      day: r.periodStart,
      correct: r.correct,
      decided: r.correct + r.incorrect,
      points: r.points,
      accuracy: ratio(correct, decided),
      alwaysO: ratio(alwaysO, decided),
      crowd: ratio(crowd, decided),
      cumulativePoints: points,
    };
  });

  const symbols = rowsOf<{ symbol: string; correct: number; decided: number }>(
    await db.execute(sql`
      select symbol, count(*) filter (where status = 'CORRECT')::int as correct, count(*)::int as decided
      from predictions where user_id = ${userId} and status in ('CORRECT', 'INCORRECT')
      group by symbol`),
  ).map((s) => ({
    ...s,
    correct: Number(s.correct),
    decided: Number(s.decided),
    accuracy: s.correct / s.decided,
  }));
  const ranked = [...symbols].sort(
    (a, b) => b.accuracy - a.accuracy || b.decided - a.decided || a.symbol.localeCompare(b.symbol),
  );
  const worst = [...symbols].sort(
    (a, b) => a.accuracy - b.accuracy || b.decided - a.decided || a.symbol.localeCompare(b.symbol),
  );

  const hours = rowsOf<{ hour: number; n: number }>(
    await db.execute(sql`
      select extract(hour from created_at at time zone 'Asia/Seoul')::int as hour, count(*)::int as n
      from predictions where user_id = ${userId} and status <> 'CANCELLED' group by 1`),
  );
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const h of hours) byHour[Number(h.hour)] = Number(h.n);

  return {
    totals: { settled, correct, decided, points, accuracy: ratio(correct, decided) },
    days,
    bestSymbols: ranked.slice(0, 5),
    worstSymbols: worst.slice(0, 5),
    byHour,
    streak: await myStreakHistory(db, userId, now),
  };
}
