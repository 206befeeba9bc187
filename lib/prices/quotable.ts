import "server-only";
import type { Database } from "@/db/client";
import { sessionWindowAt } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { knownSymbols } from "@/lib/universe/universe";
import { getQuotes, type QuoteView } from "./quote-cache";
import type { PriceProvider } from "./types";

/**
 * The public quote endpoint serves the game's symbols only: today's and the next trading
 * day's universe, and symbols already in `instruments`. Anything else is refused before the
 * cache or the provider is asked, so an anonymous caller can neither make us store rows nor
 * spend our provider quota on symbols of their choosing.
 */
export async function quotesForPublic(
  db: Database,
  provider: PriceProvider,
  symbols: string[],
  now: Date,
): Promise<Map<string, QuoteView>> {
  const w = sessionWindowAt(now);
  const days = [w.tradingDay, w.nextTradingDay].filter((d): d is string => d !== null);
  const known = await knownSymbols(db, symbols, days);
  const unknown = symbols.filter((s) => !known.has(s));
  if (unknown.length) {
    const named =
      unknown.slice(0, 20).join(", ") + (unknown.length > 20 ? ` and ${unknown.length - 20} more` : "");
    throw new AppError(
      "unprocessable:unknown_symbols",
      `Quotes are served for the game's symbols only; not for ${named}.`,
      { details: { symbols: unknown } },
    );
  }
  return getQuotes(db, provider, symbols, now);
}
