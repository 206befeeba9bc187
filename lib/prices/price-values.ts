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

/** Split into `maxPerChunk`-bounded chunks of near-equal size (101 by 50 → 34, 34, 33). */
export function balancedChunks<T>(items: readonly T[], maxPerChunk: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / Math.max(1, maxPerChunk));
  const size = Math.ceil(items.length / count);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
