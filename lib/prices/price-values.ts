/** The one place that decides whether a number may be used as a price. */
import { SYMBOL_PATTERN } from "@/lib/universe/schemas";

/** Stored prices have 6 decimals (numeric(18,6)); anything that rounds to 0 is not a price. */
export const PRICE_DECIMALS = 6;
const MAX_PRICE = 1e12;

/**
 * A usable price, rounded to storage precision, or null. Null, undefined, strings, NaN,
 * ±Infinity, zero, negatives and absurd magnitudes are never prices (never read as 0).
 */
export function usablePrice(value: unknown): number | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= MAX_PRICE) return null;
  const rounded = Number(value.toFixed(PRICE_DECIMALS));
  return rounded > 0 ? rounded : null;
}

/** Numeric column text (exact) → a usable price or null. */
export function priceFromColumn(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return usablePrice(Number(value));
}

/** The change from the previous close in percent, to two decimals; null without a previous close. */
export function changePercent(price: number | null, previousClose: number | null): number | null {
  if (price === null || !previousClose) return null;
  return Math.round(((price - previousClose) / previousClose) * 10_000) / 100;
}

export function isValidSymbol(symbol: string): boolean {
  return SYMBOL_PATTERN.test(symbol);
}

/** Trimmed, upper-cased, de-duplicated, in first-seen order. */
export function normalizeSymbols(symbols: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of symbols) {
    const s = raw.trim().toUpperCase();
    if (s) seen.add(s);
  }
  return [...seen];
}

/** One answer per distinct symbol, each asked on its own and all at once (the provider paces them). */
export async function eachSymbol<T>(
  symbols: readonly string[],
  one: (symbol: string) => Promise<T>,
): Promise<Map<string, T>> {
  return new Map(await Promise.all(normalizeSymbols(symbols).map(async (s) => [s, await one(s)] as const)));
}

/** Split into `maxPerChunk`-bounded chunks of near-equal size (101 by 50 → 34, 34, 33). */
export function balancedChunks<T>(items: readonly T[], maxPerChunk: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / Math.max(1, maxPerChunk));
  const size = Math.ceil(items.length / count);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
