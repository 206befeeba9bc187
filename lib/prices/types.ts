/**
 * The price provider contract. Every provider (Yahoo, the simulated market, a future one)
 * answers in these shapes; nothing outside lib/prices knows which one is plugged in.
 */
import type { DayString } from "@/lib/calendar";

export type PriceSource = "yahoo" | "simulated" | "manual";

/** Why a price could not be had. Stable strings: logged, stored in reports, shown to admins. */
export type UnavailableReason =
  | "not_found" // the provider does not know the symbol
  | "no_data" // known symbol, but no bar / no price for the instant or day asked about
  | "invalid_price" // null, zero, negative or non-finite price in the answer
  | "invalid_response" // the answer failed schema validation
  | "rate_limited" // 429 after every retry
  | "upstream_error" // 5xx, crumb/cookie failure or network error after every retry
  | "timeout"
  | "not_trading_day"
  | "out_of_range"; // outside the calendar the provider can answer for

export type Unavailable = {
  status: "unavailable";
  symbol: string;
  reason: UnavailableReason;
  message?: string;
};

export type QuoteOk = {
  status: "ok";
  symbol: string;
  /** Latest regular-market price (pre/post-market trades are not used). */
  price: number;
  previousClose: number | null;
  /** The instant the price was traded / published. */
  asOf: Date;
  source: PriceSource;
};

export type QuoteResult = QuoteOk | Unavailable;

export type EodOk = {
  status: "ok";
  symbol: string;
  tradingDay: DayString;
  close: number;
  asOf: Date;
  source: PriceSource;
  /** A split (or other corporate action) effective that day, e.g. "split 10:1"; settlement voids pre-open calls. */
  corporateAction?: string | null;
};
/** The close exists or will exist, but may still change: never settle on it. */
export type EodNotFinal = { status: "not_final"; symbol: string; tradingDay: DayString; finalAt: Date };
export type EodResult = EodOk | EodNotFinal | (Unavailable & { tradingDay: DayString });

export type SeriesRange = "1d" | "5d";
export type SeriesPoint = { asOf: Date; price: number; source: PriceSource };

export type SymbolInfo = { name: string; exchange: string | null; valid: boolean };

export interface PriceProvider {
  /** Stable identifier, also the `source` of every price it returns. */
  readonly id: "yahoo" | "simulated";
  /** Human label, e.g. for the admin health page and the "simulated prices" badge. */
  readonly label: string;
  /** True when prices are not real market data; the UI must say so. */
  readonly simulated: boolean;

  /** One answer per requested symbol (upper-cased). Never rejects for a per-symbol failure. */
  getQuotes(symbols: string[], now: Date): Promise<Map<string, QuoteResult>>;
  /** The official close of `tradingDay`, only `ok` once final (now >= settlementDueAt). */
  getEodClose(symbol: string, tradingDay: DayString, now: Date): Promise<EodResult>;
  getEodCloses(symbols: string[], tradingDay: DayString, now: Date): Promise<Map<string, EodResult>>;
  /** Regular-session points up to `now`, oldest first; empty when nothing can be had. */
  getSeries(symbol: string, range: SeriesRange, now: Date): Promise<SeriesPoint[]>;
  lookupSymbols(symbols: string[]): Promise<Map<string, SymbolInfo>>;
  /**
   * The most traded US stocks (common equity, no funds) of the last session before `now`, most
   * active first, at most `count`. Rejects when the provider cannot answer.
   */
  mostActive(count: number, now: Date): Promise<string[]>;
}

export type { DayString };
