/** Batch quotes from Yahoo's v7 quote endpoint: the whole universe in a few requests. */
import { usablePrice, balancedChunks } from "./price-values";
import type { Failure } from "./retry";
import type { QuoteResult, SymbolInfo } from "./types";
import type { YahooCall } from "./yahoo-call";

/** The fields we read from a validated yahoo-finance2 quote. */
export type RawQuote = {
  symbol: string;
  regularMarketPrice?: number;
  regularMarketTime?: Date;
  regularMarketPreviousClose?: number;
  longName?: string;
  shortName?: string;
  displayName?: string;
  fullExchangeName?: string;
  exchange?: string;
};

export type QuoteAnswer = { quote: RawQuote } | { failure: Failure };

const NOT_FOUND: Failure = {
  reason: "not_found",
  message: "Yahoo returned no quote for this symbol",
  retryable: false,
};

/**
 * One answer per symbol. Symbols are sent in balanced chunks; a chunk that fails schema
 * validation is split in halves until the symbol Yahoo answered in an unexpected shape is
 * isolated, so one odd instrument never costs the others their price.
 */
export async function fetchQuoteBatch(
  call: YahooCall,
  symbols: string[],
  maxPerRequest: number,
): Promise<Map<string, QuoteAnswer>> {
  const answers = new Map<string, QuoteAnswer>();
  await Promise.all(balancedChunks(symbols, maxPerRequest).map((chunk) => fetchChunk(call, chunk, answers)));
  return answers;
}

async function fetchChunk(
  call: YahooCall,
  chunk: string[],
  answers: Map<string, QuoteAnswer>,
): Promise<void> {
  const outcome = await call("quote", (yf) => yf.quote(chunk, { return: "array" }));
  if (outcome.ok) {
    const bySymbol = new Map<string, RawQuote>();
    for (const q of outcome.value as RawQuote[]) bySymbol.set(q.symbol.toUpperCase(), q);
    for (const s of chunk) {
      const quote = bySymbol.get(s);
      answers.set(s, quote ? { quote } : { failure: NOT_FOUND });
    }
    return;
  }
  if (outcome.failure.reason === "invalid_response" && chunk.length > 1) {
    const half = Math.ceil(chunk.length / 2);
    await Promise.all([
      fetchChunk(call, chunk.slice(0, half), answers),
      fetchChunk(call, chunk.slice(half), answers),
    ]);
    return;
  }
  for (const s of chunk) answers.set(s, { failure: outcome.failure });
}

export function toQuoteResult(symbol: string, answer: QuoteAnswer | undefined, now: Date): QuoteResult {
  if (!answer) return { status: "unavailable", symbol, reason: "not_found", message: NOT_FOUND.message };
  if ("failure" in answer)
    return { status: "unavailable", symbol, reason: answer.failure.reason, message: answer.failure.message };
  const q = answer.quote;
  const price = usablePrice(q.regularMarketPrice);
  if (price === null) {
    return {
      status: "unavailable",
      symbol,
      reason: "invalid_price",
      message: `regularMarketPrice is ${String(q.regularMarketPrice)}`,
    };
  }
  const time = q.regularMarketTime;
  const asOf = time instanceof Date && !Number.isNaN(time.getTime()) ? time : now;
  return {
    status: "ok",
    symbol,
    price,
    previousClose: usablePrice(q.regularMarketPreviousClose),
    asOf,
    source: "yahoo",
  };
}

export function toSymbolInfo(symbol: string, answer: QuoteAnswer | undefined): SymbolInfo {
  if (!answer || "failure" in answer) return { name: symbol, exchange: null, valid: false };
  const q = answer.quote;
  return {
    name: q.longName ?? q.shortName ?? q.displayName ?? symbol,
    exchange: q.fullExchangeName ?? q.exchange ?? null,
    valid: true,
  };
}
