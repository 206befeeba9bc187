import "server-only";
/** The `quotes` table: the cache layer every app instance shares. */
import { inArray, lt, sql } from "drizzle-orm";
import { deleteInBatches } from "@/db/batched-delete";
import type { Database } from "@/db/client";
import { quotes } from "@/db/schema";
import type { MarketState } from "@/lib/calendar";
import { priceFromColumn } from "./price-values";
import type { PriceSource, QuoteOk } from "./types";

export type CachedEntry = { quote: QuoteOk; marketState: MarketState; fetchedAt: Date; expiresAt: Date };

const SOURCES: readonly string[] = ["yahoo", "simulated", "manual"] satisfies PriceSource[];

export async function readCachedQuotes(db: Database, symbols: string[]): Promise<Map<string, CachedEntry>> {
  const entries = new Map<string, CachedEntry>();
  if (symbols.length === 0) return entries;
  const rows = await db.select().from(quotes).where(inArray(quotes.symbol, symbols));
  for (const row of rows) {
    const price = priceFromColumn(row.price);
    if (price === null || !SOURCES.includes(row.source)) continue;
    entries.set(row.symbol, {
      quote: {
        status: "ok",
        symbol: row.symbol,
        price,
        previousClose: priceFromColumn(row.previousClose),
        asOf: row.asOf,
        source: row.source as PriceSource,
      },
      marketState: row.marketState,
      fetchedAt: row.fetchedAt,
      expiresAt: row.expiresAt,
    });
  }
  return entries;
}

/**
 * Upsert fetched quotes. A row is only replaced by a newer fetch, so an instance that was
 * slow to answer never overwrites a fresher quote written by another one. Rows are written
 * in symbol order so two instances upserting the same symbols cannot deadlock.
 */
export async function storeQuotes(db: Database, entries: CachedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = [...entries]
    .sort((a, b) => (a.quote.symbol < b.quote.symbol ? -1 : 1))
    .map((e) => ({
      symbol: e.quote.symbol,
      price: String(e.quote.price),
      previousClose: e.quote.previousClose === null ? null : String(e.quote.previousClose),
      marketState: e.marketState,
      source: e.quote.source,
      asOf: e.quote.asOf,
      fetchedAt: e.fetchedAt,
      expiresAt: e.expiresAt,
    }));
  await db
    .insert(quotes)
    .values(rows)
    .onConflictDoUpdate({
      target: quotes.symbol,
      set: {
        price: sql.raw("excluded.price"),
        previousClose: sql.raw("excluded.previous_close"),
        marketState: sql.raw("excluded.market_state"),
        source: sql.raw("excluded.source"),
        asOf: sql.raw("excluded.as_of"),
        fetchedAt: sql.raw("excluded.fetched_at"),
        expiresAt: sql.raw("excluded.expires_at"),
      },
      setWhere: sql`${quotes.fetchedAt} <= excluded.fetched_at`,
    });
}

/** Retention: cached quotes last fetched before `before` (no one has asked for them since). */
export async function pruneQuotes(db: Database, before: Date): Promise<number> {
  return deleteInBatches(db, quotes, quotes.symbol, lt(quotes.fetchedAt, before));
}
