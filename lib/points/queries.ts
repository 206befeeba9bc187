import "server-only";
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { pointsBalances, pointsLedger, type LedgerEntry } from "@/db/schema";
import type { LedgerReason } from "./constants";
import { LEDGER_PAGE_DEFAULT, LEDGER_PAGE_MAX } from "./schemas";

/** The player's balance; 0 before their first entry. */
export async function getBalance(db: Database | Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ balance: pointsBalances.balance })
    .from(pointsBalances)
    .where(eq(pointsBalances.userId, userId))
    .limit(1);
  return row?.balance ?? 0;
}

export type LedgerPage = { items: LedgerEntry[]; nextCursor: number | null };

/**
 * The player's history, newest first. Keyset pagination on the ledger id: `cursor` is the
 * `nextCursor` of the previous page, so pages stay stable while new entries arrive.
 */
export async function listLedger(
  db: Database | Tx,
  input: { userId: string; cursor?: number | null; limit?: number },
): Promise<LedgerPage> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? LEDGER_PAGE_DEFAULT), 1), LEDGER_PAGE_MAX);
  const rows = await db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.userId, input.userId),
        input.cursor ? lt(pointsLedger.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(pointsLedger.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export type PointsStatsRow = { day: string; reason: LedgerReason; total: number; entries: number };

/** Points moved per KST calendar day and reason, for entries created in [from, to). */
export async function pointsStats(
  db: Database | Tx,
  input: { from: Date; to: Date },
): Promise<PointsStatsRow[]> {
  const day = sql<string>`to_char(${pointsLedger.createdAt} at time zone 'Asia/Seoul', 'YYYY-MM-DD')`;
  return db
    .select({
      day,
      reason: pointsLedger.reason,
      total: sql<number>`coalesce(sum(${pointsLedger.amount}), 0)`.mapWith(Number),
      entries: sql<number>`count(*)`.mapWith(Number),
    })
    .from(pointsLedger)
    .where(and(gte(pointsLedger.createdAt, input.from), lt(pointsLedger.createdAt, input.to)))
    .groupBy(day, pointsLedger.reason)
    .orderBy(asc(day), asc(pointsLedger.reason));
}
