/** How long a quote stays fresh, by the US market state at the moment it was fetched (SPEC §6). */
import { marketStateAt, type MarketState } from "@/lib/calendar";

export const QUOTE_TTL_OPEN_MS = 30_000;
export const QUOTE_TTL_PRE_POST_MS = 5 * 60_000;
export const QUOTE_TTL_CLOSED_MS = 30 * 60_000;

export const QUOTE_TTL_MS: Readonly<Record<MarketState, number>> = {
  OPEN: QUOTE_TTL_OPEN_MS,
  PRE: QUOTE_TTL_PRE_POST_MS,
  POST: QUOTE_TTL_PRE_POST_MS,
  CLOSED: QUOTE_TTL_CLOSED_MS,
};

export function quoteTtlMs(state: MarketState): number {
  return QUOTE_TTL_MS[state];
}

/**
 * When a quote fetched at `fetchedAt` stops being fresh: fetch time + the TTL of the market
 * state then, but never past the next change of market state. Without that cap a quote
 * fetched at 09:29:50 ET (pre-market, 5 min) would still be "fresh" at 09:34, four minutes
 * into the regular session, and a prediction snapshot would use a pre-open price.
 */
export function quoteExpiresAt(fetchedAt: Date): { marketState: MarketState; expiresAt: Date } {
  const marketState = marketStateAt(fetchedAt);
  const start = fetchedAt.getTime();
  let end = start + quoteTtlMs(marketState);
  if (marketStateAt(new Date(end)) !== marketState) {
    // Market states are contiguous intervals, so bisect to the first millisecond of the next one.
    let lo = start;
    while (end - lo > 1) {
      const mid = Math.floor((lo + end) / 2);
      if (marketStateAt(new Date(mid)) === marketState) lo = mid;
      else end = mid;
    }
  }
  return { marketState, expiresAt: new Date(end) };
}
