/**
 * Prices (SPEC §6): the provider interface, the Yahoo and simulated providers, the quote
 * cache and the EOD store. `createPriceProvider` is the one place that picks a provider.
 */
import { SimulatedMarketProvider } from "./simulated-market";
import type { PriceProvider } from "./types";
import { YahooPriceProvider, type YahooProviderOptions } from "./yahoo-provider";

export type PriceProviderKind = "yahoo" | "simulated";

export type CreatePriceProviderOptions = YahooProviderOptions & {
  /** Seed of the simulated market (SIM_SEED); ignored by Yahoo. */
  seed?: string;
};

export function createPriceProvider(kind: PriceProviderKind, opts: CreatePriceProviderOptions = {}): PriceProvider {
  if (kind === "simulated") return new SimulatedMarketProvider(opts.seed);
  const { seed: _seed, ...yahoo } = opts;
  return new YahooPriceProvider(yahoo);
}

export * from "./types";
export { usablePrice, normalizeSymbols, isValidSymbol } from "./price-values";
export { QUOTE_TTL_MS, QUOTE_TTL_OPEN_MS, QUOTE_TTL_PRE_POST_MS, QUOTE_TTL_CLOSED_MS, quoteTtlMs, quoteExpiresAt } from "./quote-ttl";
export {
  QuoteCache,
  createQuoteCache,
  processQuoteCache,
  getQuotes,
  getSnapshotQuote,
  UNAVAILABLE_RETRY_MS,
  type CachedQuote,
  type QuoteView,
  type PriceSnapshot,
} from "./quote-cache";
export { collectEod, getEod, getEodForDay, type CollectEodResult, type EodPending, type StoredEod } from "./eod-store";
export { setManualClose, type ManualCloseInput } from "./eod-manual";
export { backfillEod, MAX_BACKFILL_TRADING_DAYS, type BackfillEodResult } from "./eod-backfill";
export { assertEodDay } from "./eod-days";
export { SimulatedMarketProvider, createSimulatedMarket } from "./simulated-market";
export { YahooPriceProvider, createYahooProvider, type YahooProviderOptions } from "./yahoo-provider";
export { DEFAULT_RETRY_POLICY, backoffDelayMs, maxTotalBackoffMs, type RetryPolicy, type Sleep } from "./retry";
export { createThrottle, processYahooThrottle, type Throttle } from "./throttle";
export { lastSessionDayAt, lastClosedDayAt } from "./sessions";
