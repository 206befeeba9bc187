import "server-only";
/**
 * Official closes per (trading day, symbol) in `eod_prices`. A row is written once, only
 * when final, with ON CONFLICT DO NOTHING, so collection is resumable and two runs at once
 * are harmless. A symbol the provider cannot price yet is reported as pending (and logged),
 * never blocks the others, and is picked up by the next run.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eodPrices, type EodPrice } from "@/db/schema";
import type { DayString } from "@/lib/calendar";
import { assertEodDay } from "./eod-days";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isValidSymbol, normalizeSymbols, priceFromColumn, usablePrice } from "./price-values";
import type { PriceProvider, PriceSource, UnavailableReason } from "./types";

export type StoredEod = {
  tradingDay: DayString;
  symbol: string;
  close: number;
  source: PriceSource;
  fetchedAt: Date;
  setBy: string | null;
  corporateAction: string | null;
};

export type EodPending = { symbol: string; reason: UnavailableReason | "not_final"; message?: string };
export type CollectEodResult = {
  tradingDay: DayString;
  stored: string[];
  alreadyStored: string[];
  pending: EodPending[];
};

const eodLog = log.child({ module: "prices", layer: "eod-store" });

export function assertSymbols(symbols: string[]): string[] {
  const list = normalizeSymbols(symbols);
  const invalid = list.filter((s) => !isValidSymbol(s));
  if (invalid.length > 0) {
    throw new AppError("bad_request:symbol", `Not valid symbols: ${invalid.join(", ")}`, {
      fieldErrors: { symbols: invalid },
    });
  }
  return list;
}

export function toStoredEod(row: EodPrice): StoredEod {
  return {
    tradingDay: row.tradingDay,
    symbol: row.symbol,
    // The table's CHECK (close > 0) makes this non-null for every stored row.
    close: priceFromColumn(row.close) ?? Number(row.close),
    source: row.source as PriceSource,
    fetchedAt: row.fetchedAt,
    setBy: row.setBy,
    corporateAction: row.corporateAction,
  };
}

export async function collectEod(
  db: Database,
  provider: PriceProvider,
  input: { tradingDay: DayString; symbols: string[]; now: Date },
): Promise<CollectEodResult> {
  const { tradingDay, now } = input;
  assertEodDay(tradingDay, now);
  const symbols = assertSymbols(input.symbols);
  const result: CollectEodResult = { tradingDay, stored: [], alreadyStored: [], pending: [] };
  if (symbols.length === 0) return result;

  const existing = await db
    .select({ symbol: eodPrices.symbol })
    .from(eodPrices)
    .where(and(eq(eodPrices.tradingDay, tradingDay), inArray(eodPrices.symbol, symbols)));
  const have = new Set(existing.map((r) => r.symbol));
  result.alreadyStored = symbols.filter((s) => have.has(s));
  const wanted = symbols.filter((s) => !have.has(s));
  if (wanted.length === 0) return result;

  const closes = await provider.getEodCloses(wanted, tradingDay, now);
  const rows: (typeof eodPrices.$inferInsert)[] = [];
  for (const symbol of wanted) {
    const answer = closes.get(symbol);
    const close = answer?.status === "ok" ? usablePrice(answer.close) : null;
    if (answer?.status === "ok" && close !== null) {
      rows.push({
        tradingDay,
        symbol,
        close: String(close),
        source: answer.source,
        corporateAction: answer.corporateAction ?? null,
        fetchedAt: now,
      });
    } else {
      const pending: EodPending =
        answer?.status === "not_final"
          ? { symbol, reason: "not_final" }
          : answer?.status === "unavailable"
            ? { symbol, reason: answer.reason, ...(answer.message ? { message: answer.message } : {}) }
            : { symbol, reason: answer ? "invalid_price" : "no_data" };
      eodLog.warn({ tradingDay, provider: provider.id, ...pending }, "EOD close pending");
      result.pending.push(pending);
    }
  }
  if (rows.length > 0) {
    const inserted = await db
      .insert(eodPrices)
      .values(rows)
      .onConflictDoNothing()
      .returning({ symbol: eodPrices.symbol });
    const written = new Set(inserted.map((r) => r.symbol));
    for (const row of rows) (written.has(row.symbol) ? result.stored : result.alreadyStored).push(row.symbol);
  }
  eodLog.info(
    {
      tradingDay,
      provider: provider.id,
      stored: result.stored.length,
      alreadyStored: result.alreadyStored.length,
      pending: result.pending.length,
    },
    "EOD collection",
  );
  return result;
}

export async function getEod(db: Database, tradingDay: DayString, symbol: string): Promise<StoredEod | null> {
  const [row] = await db
    .select()
    .from(eodPrices)
    .where(and(eq(eodPrices.tradingDay, tradingDay), eq(eodPrices.symbol, symbol.trim().toUpperCase())));
  return row ? toStoredEod(row) : null;
}

/** Every stored close of a day (optionally only `symbols`), keyed by symbol. */
export async function getEodForDay(
  db: Database,
  tradingDay: DayString,
  symbols?: string[],
): Promise<Map<string, StoredEod>> {
  const where = symbols
    ? and(eq(eodPrices.tradingDay, tradingDay), inArray(eodPrices.symbol, normalizeSymbols(symbols)))
    : eq(eodPrices.tradingDay, tradingDay);
  if (symbols && symbols.length === 0) return new Map();
  const rows = await db.select().from(eodPrices).where(where);
  return new Map(rows.map((r) => [r.symbol, toStoredEod(r)]));
}

/** How many official closes are stored for a day (0: none collected yet). */
export async function storedCloseCount(db: Database, tradingDay: DayString): Promise<number> {
  const [row] = await db.select({ n: count() }).from(eodPrices).where(eq(eodPrices.tradingDay, tradingDay));
  return row?.n ?? 0;
}
