import { z } from "zod";
import { route, parseWith } from "@/lib/http/route";
import { recordAudit } from "@/lib/ops/audit";
import { getUniverse, upsertUniverse, universeUpsertSchema } from "@/lib/universe";
import { isTradingDay } from "@/lib/calendar";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const daySchema = z.iso.date("day must be YYYY-MM-DD");

function tradingDayOf(params: Record<string, string>): string {
  const day = parseWith(daySchema, params.day, "query");
  let trading = false;
  try {
    trading = isTradingDay(day);
  } catch {
    throw new AppError("unprocessable:out_of_calendar", `${day} is outside the trading calendar (2024–2030).`);
  }
  if (!trading) throw new AppError("unprocessable:not_trading_day", `${day} is not a NYSE trading day.`);
  return day;
}

export const GET = route({ auth: "admin" }, async ({ db, params }) => {
  const tradingDay = tradingDayOf(params);
  return { tradingDay, symbols: await getUniverse(db, tradingDay) };
});

/** Replace a day's universe; an empty or missing list means the default list. */
export const PUT = route({ auth: "admin", body: universeUpsertSchema }, async ({ db, now, user, body, params }) => {
  const tradingDay = tradingDayOf(params);
  const counts = await upsertUniverse(db, { tradingDay, symbols: body.symbols });
  await recordAudit(db, { actorId: user.id, action: "universe.upsert", target: tradingDay, details: { ...counts, now: now.toISOString() }, now });
  return { tradingDay, ...counts };
});
