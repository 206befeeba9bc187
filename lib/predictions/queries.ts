import { and, desc, eq, ne, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { predictions, type Prediction } from "@/db/schema";

export async function listPredictions(
  db: Database,
  input: { userId: string; tradingDay: string },
): Promise<Prediction[]> {
  return db
    .select()
    .from(predictions)
    .where(and(eq(predictions.userId, input.userId), eq(predictions.tradingDay, input.tradingDay)))
    .orderBy(predictions.createdAt);
}

export type DaySummary = {
  tradingDay: string;
  total: number;
  pending: number;
  correct: number;
  incorrect: number;
  void: number;
  points: number;
};

/** The player's trading days with a summary each, newest first (for "My calls"). */
export async function listPredictionDays(
  db: Database,
  input: { userId: string; limit?: number },
): Promise<DaySummary[]> {
  const rows = await db
    .select({
      tradingDay: predictions.tradingDay,
      total: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where ${predictions.status} = 'PENDING'))::int`,
      correct: sql<number>`(count(*) filter (where ${predictions.status} = 'CORRECT'))::int`,
      incorrect: sql<number>`(count(*) filter (where ${predictions.status} = 'INCORRECT'))::int`,
      void: sql<number>`(count(*) filter (where ${predictions.status} = 'VOID'))::int`,
      points: sql<number>`coalesce(sum(${predictions.pointsAwarded}), 0)::int`,
    })
    .from(predictions)
    .where(and(eq(predictions.userId, input.userId), ne(predictions.status, "CANCELLED")))
    .groupBy(predictions.tradingDay)
    .orderBy(desc(predictions.tradingDay))
    .limit(input.limit ?? 30);
  return rows.map((r) => ({
    ...r,
    total: Number(r.total),
    pending: Number(r.pending),
    correct: Number(r.correct),
    incorrect: Number(r.incorrect),
    void: Number(r.void),
    points: Number(r.points),
  }));
}

/** Calls of a day still PENDING, counted by symbol (symbols in order): what settlement still waits for. */
export async function pendingCallsBySymbol(db: Database, tradingDay: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ symbol: predictions.symbol, n: sql<number>`count(*)::int` })
    .from(predictions)
    .where(and(eq(predictions.tradingDay, tradingDay), eq(predictions.status, "PENDING")))
    .groupBy(predictions.symbol)
    .orderBy(predictions.symbol);
  return new Map(rows.map((r) => [r.symbol, Number(r.n)]));
}

/**
 * Days in [from, to] with a PENDING call, plus `to` itself when anyone called it. One indexed
 * probe per calendar day rather than a range scan over every call of the window.
 */
export async function daysWithOpenCalls(
  db: Database,
  input: { from: string; to: string },
): Promise<string[]> {
  const rows = rowsOf<{ day: string }>(
    await db.execute(sql`
      select d::date::text as day from generate_series(${input.from}::date, ${input.to}::date, interval '1 day') as d
        where exists (select 1 from predictions p where p.trading_day = d::date and p.status = 'PENDING')
      union
      select ${input.to}::text where exists (select 1 from predictions p where p.trading_day = ${input.to})`),
  );
  return rows.map((r) => r.day);
}
