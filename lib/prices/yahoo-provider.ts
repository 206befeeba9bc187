/**
 * Real prices from Yahoo Finance through yahoo-finance2 v4. Per-symbol failures are logged
 * and returned as "unavailable", never thrown for a whole batch; schema-validation
 * failures count as unavailable too (results are always validated).
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { eachSymbol, isValidSymbol, normalizeSymbols } from "./price-values";
import type {
  EodResult,
  PriceProvider,
  QuoteResult,
  SeriesPoint,
  SeriesRange,
  SymbolInfo,
  DayString,
} from "./types";
import {
  createYahooCall,
  DEFAULT_SYMBOLS_PER_REQUEST,
  type YahooCall,
  type YahooProviderOptions,
} from "./yahoo-call";
import { fetchEodClose, fetchSeries } from "./yahoo-chart";
import { fetchQuoteBatch, toQuoteResult, toSymbolInfo } from "./yahoo-quotes";

const priceLog = log.child({ module: "prices", provider: "yahoo" });

export class YahooPriceProvider implements PriceProvider {
  readonly id = "yahoo" as const;
  readonly label = "Yahoo Finance";
  readonly simulated = false;
  private readonly call: YahooCall;
  private readonly maxPerRequest: number;

  constructor(opts: YahooProviderOptions = {}) {
    this.call = createYahooCall(opts);
    this.maxPerRequest = opts.maxSymbolsPerRequest ?? DEFAULT_SYMBOLS_PER_REQUEST;
  }

  async getQuotes(symbols: string[], now: Date): Promise<Map<string, QuoteResult>> {
    const list = normalizeSymbols(symbols);
    const valid = list.filter(isValidSymbol);
    const answers = await fetchQuoteBatch(this.call, valid, this.maxPerRequest);
    const results = new Map<string, QuoteResult>();
    for (const s of list) {
      const result: QuoteResult = isValidSymbol(s)
        ? toQuoteResult(s, answers.get(s), now)
        : { status: "unavailable", symbol: s, reason: "not_found", message: "not a valid symbol" };
      if (result.status === "unavailable") {
        priceLog.warn({ symbol: s, reason: result.reason, error: result.message }, "quote unavailable");
      }
      results.set(s, result);
    }
    return results;
  }

  async getEodClose(symbol: string, tradingDay: DayString, now: Date): Promise<EodResult> {
    const s = symbol.trim().toUpperCase();
    const result = await fetchEodClose(this.call, s, tradingDay, now);
    if (result.status === "unavailable") {
      priceLog.warn(
        { symbol: s, tradingDay, reason: result.reason, error: result.message },
        "EOD close unavailable",
      );
    }
    return result;
  }

  async getEodCloses(symbols: string[], tradingDay: DayString, now: Date): Promise<Map<string, EodResult>> {
    // One chart request per symbol (the endpoint has no batch form); the throttle paces them.
    return eachSymbol(symbols, (s) => this.getEodClose(s, tradingDay, now));
  }

  async getSeries(symbol: string, range: SeriesRange, now: Date): Promise<SeriesPoint[]> {
    const s = symbol.trim().toUpperCase();
    if (!isValidSymbol(s)) return [];
    try {
      const { points, failure } = await fetchSeries(this.call, s, range, now);
      if (failure)
        priceLog.warn(
          { symbol: s, range, reason: failure.reason, error: failure.message },
          "series unavailable",
        );
      return points;
    } catch (e) {
      if (e instanceof RangeError) return []; // outside the trading calendar
      throw e;
    }
  }

  /**
   * Name, exchange and validity per symbol. Rejects with AppError "unavailable:price_lookup"
   * when Yahoo cannot answer, so callers can tell "unknown symbol" from "cannot check now".
   */
  async lookupSymbols(symbols: string[]): Promise<Map<string, SymbolInfo>> {
    const list = normalizeSymbols(symbols);
    const answers = await fetchQuoteBatch(this.call, list.filter(isValidSymbol), this.maxPerRequest);
    const failed = [...answers.values()].find((a) => "failure" in a && a.failure.reason !== "not_found");
    if (failed && "failure" in failed) {
      throw new AppError(
        "unavailable:price_lookup",
        "The price provider cannot check symbols right now. Try again shortly.",
        {
          details: { reason: failed.failure.reason },
        },
      );
    }
    return new Map(list.map((s) => [s, toSymbolInfo(s, answers.get(s))]));
  }

  /**
   * Yahoo's "most actives" screener (US region), common stocks only, most traded first. Only the
   * fields we use are checked (our schema, not the library's, which fails on any new field).
   * Rejects with "unavailable:price_screener" when Yahoo cannot answer.
   */
  async mostActive(count: number, _now: Date): Promise<string[]> {
    const outcome = await this.call("screener", (yf) =>
      yf.screener(
        { scrIds: "most_actives", count: Math.min(250, Math.max(1, count)), region: "US", lang: "en-US" },
        undefined,
        { validateResult: false },
      ),
    );
    const parsed = outcome.ok ? screenerAnswer.safeParse(outcome.value) : null;
    if (!parsed?.success) {
      throw new AppError(
        "unavailable:price_screener",
        "The price provider cannot list the most active stocks now.",
        {
          details: { reason: outcome.ok ? "invalid_response" : outcome.failure.reason },
        },
      );
    }
    const stocks = parsed.data.quotes.filter(
      (q) => q.quoteType === "EQUITY" && (q.market ?? "us_market") === "us_market" && isValidSymbol(q.symbol),
    );
    return [...new Set(stocks.map((q) => q.symbol.toUpperCase()))].slice(0, count);
  }
}

const screenerAnswer = z.object({
  quotes: z.array(
    z.object({
      symbol: z.string(),
      quoteType: z.string().optional(),
      market: z.string().optional(),
    }),
  ),
});

export type { YahooProviderOptions };
