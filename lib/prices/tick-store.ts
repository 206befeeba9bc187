import "server-only";
/** The `price_ticks` table: intraday lines built from our own quotes (see db/schema/prices.ts). */
import { and, asc, gte, inArray, lt, lte } from "drizzle-orm";
import type { Database } from "@/db/client";
import { priceTicks } from "@/db/schema";
import { priceFromColumn } from "./price-values";
import type { QuoteView } from "./quote-cache";

/** One point per fresh quote (its trade time); a quote seen before adds nothing. */
export async function recordTicks(db: Database, quotes: Iterable<QuoteView>): Promise<number> {
  const rows = [...quotes]
    .filter((q) => q.status === "ok" && !q.stale)
    .map((q) => (q.status === "ok" ? { symbol: q.symbol, at: q.asOf, price: String(q.price) } : null))
    .filter((r) => r !== null)
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(priceTicks)
    .values(rows)
    .onConflictDoNothing()
    .returning({ symbol: priceTicks.symbol });
  return inserted.length;
}

export type Tick = { at: number; price: number };

/** Each symbol's points between `from` and `to`, oldest first. */
export async function readTicks(
  db: Database,
  input: { symbols: string[]; from: Date; to: Date },
): Promise<Map<string, Tick[]>> {
  const out = new Map<string, Tick[]>();
  if (input.symbols.length === 0) return out;
  const rows = await db
    .select()
    .from(priceTicks)
    .where(
      and(
        inArray(priceTicks.symbol, input.symbols),
        gte(priceTicks.at, input.from),
        lte(priceTicks.at, input.to),
      ),
    )
    .orderBy(asc(priceTicks.symbol), asc(priceTicks.at));
  for (const r of rows) {
    const price = priceFromColumn(r.price);
    if (price === null) continue;
    const list = out.get(r.symbol) ?? [];
    list.push({ at: r.at.getTime(), price });
    out.set(r.symbol, list);
  }
  return out;
}

/**
 * Retention: points older than `before` (no board draws a line that old). One statement: the
 * table holds a few thousand points a day (about 80 per symbol).
 */
export async function pruneTicks(db: Database, before: Date): Promise<number> {
  const gone = await db
    .delete(priceTicks)
    .where(lt(priceTicks.at, before))
    .returning({ symbol: priceTicks.symbol });
  return gone.length;
}
