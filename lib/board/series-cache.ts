import type { PriceProvider, SeriesRange } from "@/lib/prices/types";

/** Sparklines change slowly; one upstream series per symbol per 5 minutes is plenty. */
const BUCKET_MS = 5 * 60_000;
const MAX_ENTRIES = 2_000;
const g = globalThis as unknown as { __oxSeries?: Map<string, Promise<number[]>> };

export async function sparkline(provider: PriceProvider, symbol: string, range: SeriesRange, now: Date): Promise<number[]> {
  g.__oxSeries ??= new Map();
  const cache = g.__oxSeries;
  const key = `${provider.id}:${symbol}:${range}:${Math.floor(now.getTime() / BUCKET_MS)}`;
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size > MAX_ENTRIES) cache.clear();
    hit = provider
      .getSeries(symbol, range, now)
      .then((points) => points.map((p) => p.price))
      .catch(() => []);
    cache.set(key, hit);
  }
  return hit;
}
