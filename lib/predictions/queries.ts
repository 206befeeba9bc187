import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions, type Prediction } from "@/db/schema";

export async function listPredictions(db: Database, input: { userId: string; tradingDay: string }): Promise<Prediction[]> {
  return db
    .select()
    .from(predictions)
    .where(and(eq(predictions.userId, input.userId), eq(predictions.tradingDay, input.tradingDay)))
    .orderBy(predictions.createdAt);
}

export type DaySummary = { tradingDay: string; total: number; pending: number; correct: number; incorrect: number; void: number; points: number };

/** The player's trading days with a summary each, newest first (for "My calls"). */
export async function listPredictionDays(db: Database, input: { userId: string; limit?: number }): Promise<DaySummary[]> {
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
  return rows.map((r) => ({ ...r, total: Number(r.total), pending: Number(r.pending), correct: Number(r.correct), incorrect: Number(r.incorrect), void: Number(r.void), points: Number(r.points) }));
}

export type CrowdSplit = { up: number; down: number; upPct: number; downPct: number };

/** How everyone called each symbol (cancelled calls excluded). */
export async function crowdSplit(db: Database, input: { tradingDay: string; symbols: string[] }): Promise<Map<string, CrowdSplit>> {
  const out = new Map<string, CrowdSplit>();
  if (input.symbols.length === 0) return out;
  const rows = await db
    .select({
      symbol: predictions.symbol,
      up: sql<number>`(count(*) filter (where ${predictions.choice} = 'UP'))::int`,
      down: sql<number>`(count(*) filter (where ${predictions.choice} = 'DOWN'))::int`,
    })
    .from(predictions)
    .where(and(eq(predictions.tradingDay, input.tradingDay), inArray(predictions.symbol, input.symbols), ne(predictions.status, "CANCELLED")))
    .groupBy(predictions.symbol);
  for (const r of rows) {
    const up = Number(r.up);
    const down = Number(r.down);
    const total = up + down;
    const upPct = total ? Math.round((up / total) * 100) : 0;
    out.set(r.symbol, { up, down, upPct, downPct: total ? 100 - upPct : 0 });
  }
  return out;
}
