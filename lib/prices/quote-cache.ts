import "server-only";
/**
 * Quotes for the app: in-process layer → `quotes` table (shared by every instance) →
 * provider. Freshness follows the market-state TTL (quote-ttl.ts). Concurrent misses for a
 * symbol share one upstream batch (single flight per symbol). When the provider cannot
 * price a symbol now, the last cached quote is returned flagged `stale`, else
 * "unavailable". Stale quotes are for display only: snapshots require a fresh one.
 */
import type { Database } from "@/db/client";
import type { MarketState } from "@/lib/calendar";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/process-singleton";
import { normalizeSymbols, usablePrice } from "./price-values";
import { quoteExpiresAt } from "./quote-ttl";
import { readCachedQuotes, storeQuotes, type CachedEntry } from "./quote-store";
import type { PriceProvider, PriceSource, QuoteResult, Unavailable, UnavailableReason } from "./types";

export type CachedQuote = {
  status: "ok";
  symbol: string;
  price: number;
  previousClose: number | null;
  asOf: Date;
  source: PriceSource;
  marketState: MarketState;
  fetchedAt: Date;
  expiresAt: Date;
  /** True when this is the last known quote, served because a fresh one cannot be had. */
  stale: boolean;
  /** Why no fresh quote could be had (only when stale). */
  staleReason?: UnavailableReason;
  /** Where the answer came from; for diagnostics and tests. */
  origin: "memory" | "database" | "provider";
};

export type QuoteView = CachedQuote | Unavailable;

export type PriceSnapshot = {
  symbol: string;
  price: number;
  asOf: Date;
  source: PriceSource;
  fetchedAt: Date;
};

/** After a failure, a symbol is not asked upstream again for this long (stale/unavailable meanwhile). */
export const UNAVAILABLE_RETRY_MS = 15_000;
const MAX_MEMORY_ENTRIES = 10_000;

type MemoryEntry = {
  good?: CachedEntry;
  failure?: { reason: UnavailableReason; message?: string; at: number };
};

const cacheLog = log.child({ module: "prices", layer: "quote-cache" });

function isFresh(entry: CachedEntry, now: Date): boolean {
  const t = now.getTime();
  // A quote "from the future" (a test or a clock step back) is neither fresh nor a fallback.
  return entry.fetchedAt.getTime() <= t && t < entry.expiresAt.getTime();
}

function view(
  entry: CachedEntry,
  origin: CachedQuote["origin"],
  staleReason?: UnavailableReason,
): CachedQuote {
  return {
    ...entry.quote,
    marketState: entry.marketState,
    fetchedAt: entry.fetchedAt,
    expiresAt: entry.expiresAt,
    stale: staleReason !== undefined,
    ...(staleReason ? { staleReason } : {}),
    origin,
  };
}

export class QuoteCache {
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly inflight = new Map<string, Promise<Map<string, QuoteView>>>();

  async getQuotes(
    db: Database,
    provider: PriceProvider,
    symbols: string[],
    now: Date,
  ): Promise<Map<string, QuoteView>> {
    const list = normalizeSymbols(symbols);
    const out = new Map<string, QuoteView>();
    const waits: Promise<void>[] = [];
    const mine: string[] = [];
    for (const s of list) {
      const key = `${provider.id}:${s}`;
      const entry = this.memory.get(key);
      if (entry?.good && isFresh(entry.good, now)) {
        out.set(s, view(entry.good, "memory"));
      } else if (
        entry?.failure &&
        entry.failure.at <= now.getTime() &&
        now.getTime() - entry.failure.at < UNAVAILABLE_RETRY_MS
      ) {
        out.set(s, fallback(s, entry.good, "memory", entry.failure.reason, now, entry.failure.message));
      } else {
        const pending = this.inflight.get(key);
        if (pending) waits.push(pending.then((answers) => void out.set(s, answers.get(s)!)));
        else mine.push(s);
      }
    }
    if (mine.length > 0) {
      const load = this.load(db, provider, mine, now);
      const keys = mine.map((s) => `${provider.id}:${s}`);
      // Registered before the first await: a concurrent caller now waits for this batch.
      for (const key of keys) this.inflight.set(key, load);
      const cleanup = () =>
        keys.forEach((key) => this.inflight.get(key) === load && this.inflight.delete(key));
      load.then(cleanup, cleanup);
      waits.push(load.then((answers) => mine.forEach((s) => out.set(s, answers.get(s)!))));
    }
    await Promise.all(waits);
    return new Map(list.map((s) => [s, out.get(s)!]));
  }

  /** Forget the in-process layer (tests; an admin "refresh now"). The database layer stays. */
  clearMemory(): void {
    this.memory.clear();
  }

  private async load(
    db: Database,
    provider: PriceProvider,
    symbols: string[],
    now: Date,
  ): Promise<Map<string, QuoteView>> {
    const answers = new Map<string, QuoteView>();
    let stored = new Map<string, CachedEntry>();
    try {
      stored = await readCachedQuotes(db, symbols);
    } catch (error) {
      cacheLog.error({ err: error }, "reading the quotes table failed; asking the provider");
    }
    const missing: string[] = [];
    for (const s of symbols) {
      const row = stored.get(s);
      if (row && row.quote.source === provider.id && isFresh(row, now)) {
        this.remember(provider, s, { good: row });
        answers.set(s, view(row, "database"));
      } else missing.push(s);
    }
    if (missing.length === 0) return answers;

    let fetched: Map<string, QuoteResult>;
    try {
      fetched = await provider.getQuotes(missing, now);
    } catch (error) {
      cacheLog.error({ err: error, provider: provider.id }, "price provider failed for a whole batch");
      fetched = new Map();
    }
    const { marketState, expiresAt } = quoteExpiresAt(now);
    const fresh: CachedEntry[] = [];
    for (const s of missing) {
      const result = fetched.get(s) ?? {
        status: "unavailable",
        symbol: s,
        reason: "upstream_error" as const,
      };
      const inMemory = this.memory.get(`${provider.id}:${s}`)?.good;
      const previous = inMemory ?? sameSource(stored.get(s), provider);
      const previousOrigin = inMemory ? "memory" : "database";
      const price = result.status === "ok" ? usablePrice(result.price) : null;
      if (result.status === "ok" && price !== null) {
        const entry: CachedEntry = {
          quote: { ...result, symbol: s, price },
          marketState,
          fetchedAt: now,
          expiresAt,
        };
        fresh.push(entry);
        this.remember(provider, s, { good: entry });
        answers.set(s, view(entry, "provider"));
      } else {
        const reason = result.status === "ok" ? "invalid_price" : result.reason;
        const message = result.status === "ok" ? undefined : result.message;
        this.remember(provider, s, { good: previous, failure: { reason, message, at: now.getTime() } });
        answers.set(s, fallback(s, previous, previousOrigin, reason, now, message));
      }
    }
    try {
      await storeQuotes(db, fresh);
    } catch (error) {
      cacheLog.error({ err: error }, "writing the quotes table failed; quotes served from memory");
    }
    return answers;
  }

  private remember(provider: PriceProvider, symbol: string, entry: MemoryEntry): void {
    if (this.memory.size >= MAX_MEMORY_ENTRIES) this.memory.clear();
    this.memory.set(`${provider.id}:${symbol}`, entry);
  }
}

function fallback(
  symbol: string,
  last: CachedEntry | undefined,
  origin: "memory" | "database",
  reason: UnavailableReason,
  now: Date,
  message?: string,
): QuoteView {
  if (last && last.fetchedAt.getTime() <= now.getTime()) return view(last, origin, reason);
  return { status: "unavailable", symbol, reason, ...(message ? { message } : {}) };
}

function sameSource(entry: CachedEntry | undefined, provider: PriceProvider): CachedEntry | undefined {
  return entry && entry.quote.source === provider.id ? entry : undefined;
}

export function createQuoteCache(): QuoteCache {
  return new QuoteCache();
}

/** The process-wide cache (one per process, so development reloads keep one). */
export function processQuoteCache(): QuoteCache {
  return processSingleton("quote-cache", () => new QuoteCache());
}

export function getQuotes(
  db: Database,
  provider: PriceProvider,
  symbols: string[],
  now: Date,
): Promise<Map<string, QuoteView>> {
  return processQuoteCache().getQuotes(db, provider, symbols, now);
}

/**
 * The price a prediction is measured from: a fresh quote per the TTL rules, or null when no
 * valid price can be had (the prediction is then accepted with a null snapshot → VOID).
 */
export async function getSnapshotQuote(
  db: Database,
  provider: PriceProvider,
  symbol: string,
  now: Date,
  cache: QuoteCache = processQuoteCache(),
): Promise<PriceSnapshot | null> {
  const [answer] = (await cache.getQuotes(db, provider, [symbol], now)).values();
  if (!answer || answer.status !== "ok" || answer.stale) return null;
  return {
    symbol: answer.symbol,
    price: answer.price,
    asOf: answer.asOf,
    source: answer.source,
    fetchedAt: answer.fetchedAt,
  };
}
