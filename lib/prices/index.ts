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

export function createPriceProvider(
  kind: PriceProviderKind,
  opts: CreatePriceProviderOptions = {},
): PriceProvider {
  if (kind === "simulated") return new SimulatedMarketProvider(opts.seed);
  const { seed: _seed, ...yahoo } = opts;
  return new YahooPriceProvider(yahoo);
}

export * from "./types";
export { changePercent } from "./price-values";
export {
  createQuoteCache,
  getQuotes,
  getSnapshotQuote,
  UNAVAILABLE_RETRY_MS,
  type QuoteView,
} from "./quote-cache";
export { collectEod, getEod, getEodForDay, type StoredEod } from "./eod-store";
export { setManualClose } from "./eod-manual";
export { backfillEod, backfillRange } from "./eod-backfill";
export { SimulatedMarketProvider, createSimulatedMarket } from "./simulated-market";
export { type YahooProviderOptions } from "./yahoo-provider";
