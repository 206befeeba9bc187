import { sql } from "drizzle-orm";
import { check, index, numeric, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstzNotNull, tstzNow, day } from "./columns";

export const marketState = pgEnum("market_state", ["PRE", "OPEN", "POST", "CLOSED"]);

/**
 * Quote cache shared by every request and every app instance. A row is fresh until
 * `expiresAt`, which the writer sets from the TTL of the market state at fetch time.
 */
export const quotes = pgTable(
  "quotes",
  {
    symbol: text().primaryKey(),
    price: numeric({ precision: 18, scale: 6 }).notNull(),
    previousClose: numeric({ precision: 18, scale: 6 }),
    marketState: marketState().notNull(),
    source: text().notNull(),
    asOf: tstzNotNull(),
    fetchedAt: tstzNotNull(),
    expiresAt: tstzNotNull(),
  },
  (t) => [check("quotes_price_positive", sql`${t.price} > 0`)],
);

/** Official closes, only ever written once final. A missing row means "no close yet". */
export const eodPrices = pgTable(
  "eod_prices",
  {
    tradingDay: day(),
    symbol: text().notNull(),
    close: numeric({ precision: 18, scale: 6 }).notNull(),
    source: text().notNull(),
    // A split or other corporate action effective on this day voids calls made before the open.
    corporateAction: text(),
    fetchedAt: tstzNow(),
    setBy: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tradingDay, t.symbol] }),
    index("eod_prices_symbol_idx").on(t.symbol, t.tradingDay),
    check("eod_prices_close_positive", sql`${t.close} > 0`),
  ],
);

/**
 * The day's intraday line, from our own quotes: the price-refresh job adds one point per symbol
 * each time a fresh regular-market quote arrives (its `as_of`), so the board draws every
 * symbol's series without asking the provider for charts.
 */
export const priceTicks = pgTable(
  "price_ticks",
  {
    symbol: text().notNull(),
    at: tstzNotNull(),
    price: numeric({ precision: 18, scale: 6 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.at] }),
    check("price_ticks_price_positive", sql`${t.price} > 0`),
  ],
);

export type Quote = typeof quotes.$inferSelect;
export type NewQuote = typeof quotes.$inferInsert;
export type EodPrice = typeof eodPrices.$inferSelect;
export type NewEodPrice = typeof eodPrices.$inferInsert;
