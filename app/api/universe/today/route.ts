import { route } from "@/lib/http/route";
import { getSessionStatus } from "@/lib/sessions/status";
import { getUniverse } from "@/lib/universe/universe";

export const dynamic = "force-dynamic";

/** Today's universe in order (or the next trading day's when there is no session today). */
export const GET = route({ auth: "public", rateLimit: "public-reads" }, async ({ db, now }) => {
  const status = await getSessionStatus(db, now);
  const tradingDay = status.tradingDay ?? status.nextTradingDay;
  return { tradingDay, isToday: status.tradingDay !== null, symbols: await getUniverse(db, tradingDay) };
});
