import "server-only";
/** Admin read models of prices: the settlement price validation of a day. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eodPrices, predictions, universeEntries } from "@/db/schema";
import type { DayString } from "@/lib/calendar";

export type PriceCheckRow = {
  symbol: string;
  seq: number | null;
  close: string | null;
  source: string | null;
  fetchedAt: Date | null;
  setBy: string | null;
  corporateAction: string | null;
  /** Calls of the day on this symbol still waiting for settlement. */
  pending: number;
  missing: boolean;
};

export type PriceCheck = {
  tradingDay: DayString;
  universe: number;
  withClose: number;
  missing: number;
  rows: PriceCheckRow[];
};

/**
 * Before (or after) settling a day: each universe symbol with its stored close, source and
 * fetch time; missing closes first. Symbols with calls but outside the universe are listed too.
 */
export async function priceValidation(db: Database, tradingDay: DayString): Promise<PriceCheck> {
  const uni = await db
    .select({ symbol: universeEntries.symbol, seq: universeEntries.seq })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, tradingDay))
    .orderBy(asc(universeEntries.seq));
  const closes = new Map(
    (await db.select().from(eodPrices).where(eq(eodPrices.tradingDay, tradingDay))).map((r) => [r.symbol, r]),
  );
  const pendingRows = await db
    .select({ symbol: predictions.symbol, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(predictions)
    .where(and(eq(predictions.tradingDay, tradingDay), eq(predictions.status, "PENDING")))
    .groupBy(predictions.symbol);
  const pending = new Map(pendingRows.map((r) => [r.symbol, r.n]));
  const seen = new Set<string>();
  const rows: PriceCheckRow[] = [];
  const push = (symbol: string, seq: number | null) => {
    if (seen.has(symbol)) return;
    seen.add(symbol);
    const c = closes.get(symbol);
    const { close = null, source = null, fetchedAt = null, setBy = null, corporateAction = null } = c ?? {};
    rows.push({
      symbol,
      seq,
      close,
      source,
      fetchedAt,
      setBy,
      corporateAction,
      pending: pending.get(symbol) ?? 0,
      missing: !c,
    });
  };
  for (const u of uni) push(u.symbol, u.seq);
  for (const p of pendingRows) push(p.symbol, null);
  rows.sort(
    (a, b) =>
      Number(b.missing) - Number(a.missing) ||
      (a.seq ?? 1e9) - (b.seq ?? 1e9) ||
      a.symbol.localeCompare(b.symbol),
  );
  const missing = rows.filter((r) => r.missing).length;
  return { tradingDay, universe: uni.length, withClose: rows.length - missing, missing, rows };
}
