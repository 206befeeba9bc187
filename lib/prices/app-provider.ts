import "server-only";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { createPriceProvider } from "./index";
import { getSnapshotQuote } from "./quote-cache";
import type { PriceProvider } from "./types";
import type { Database } from "@/db/client";

/** The process's price provider, chosen once from configuration (PRICE_PROVIDER). */
export function appPriceProvider(): PriceProvider {
  return processSingleton("price-provider", () =>
    createPriceProvider(env().PRICE_PROVIDER, { seed: env().SIM_SEED, baseUrl: env().YAHOO_BASE_URL }),
  );
}

/** The snapshot function predictions use: a fresh quote from the shared cache, or null. */
export function snapshotTaker(db: Database, now: Date) {
  return async (symbol: string) => {
    const q = await getSnapshotQuote(db, appPriceProvider(), symbol, now);
    return q ? { price: q.price, at: q.asOf, source: q.source } : null;
  };
}
