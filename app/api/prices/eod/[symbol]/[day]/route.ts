import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseWith, route } from "@/lib/http/route";
import { getEod } from "@/lib/prices/eod-store";
import { isoKst } from "@/lib/time-format";
import { symbolSchema } from "@/lib/universe/schemas";

export const dynamic = "force-dynamic";

const params = z.object({ symbol: symbolSchema, day: z.iso.date("day must be YYYY-MM-DD") });

/** The stored official close of a symbol for a trading day (404 until it is final and collected). */
export const GET = route({ auth: "public", rateLimit: "public-reads" }, async ({ db, params: raw }) => {
  const { symbol, day } = parseWith(params, raw, "query");
  const eod = await getEod(db, day, symbol);
  if (!eod) throw new AppError("not_found:eod", `No official close of ${symbol} for ${day} is stored yet.`);
  return {
    symbol,
    tradingDay: day,
    close: eod.close,
    source: eod.source,
    fetchedAt: isoKst(eod.fetchedAt),
    corporateAction: eod.corporateAction ?? null,
  };
});
