import { z } from "zod";
import { route } from "@/lib/http/route";
import { appPriceProvider } from "@/lib/prices/app-provider";
import { quotesForPublic } from "@/lib/prices/quotable";
import { isoKst } from "@/lib/time-format";
import { symbolSchema } from "@/lib/universe/schemas";

export const dynamic = "force-dynamic";

const query = z
  .object({
    symbols: z
      .string()
      .min(1, "Give one or more symbols, comma-separated")
      .max(2_000)
      .transform((s) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(symbolSchema).min(1).max(200, "At most 200 symbols per request")),
  })
  .strict();

/**
 * `?symbols=AAPL,NVDA` → the shared quote cache's answer per symbol (fresh, stale or
 * unavailable). The game's symbols only (422 naming the others); limited per client IP.
 */
export const GET = route({ auth: "public", query, rateLimit: "quotes" }, async ({ db, now, query: q }) => {
  const provider = appPriceProvider();
  const quotes = await quotesForPublic(db, provider, [...new Set(q.symbols)], now);
  return {
    source: provider.id,
    simulated: provider.simulated,
    quotes: q.symbols.map((symbol) => {
      const v = quotes.get(symbol);
      if (!v || v.status !== "ok") return { symbol, status: "unavailable", reason: v?.reason ?? "no_data" };
      return {
        symbol,
        status: v.stale ? "stale" : "ok",
        price: v.price,
        previousClose: v.previousClose,
        marketState: v.marketState,
        source: v.source,
        asOf: isoKst(v.asOf),
        expiresAt: isoKst(v.expiresAt),
      };
    }),
  };
});
