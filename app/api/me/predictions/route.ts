import { z } from "zod";
import { route } from "@/lib/http/route";
import { listPredictions } from "@/lib/predictions/queries";
import { getSessionStatus } from "@/lib/sessions/status";

export const dynamic = "force-dynamic";

const query = z.object({ day: z.iso.date("day must be YYYY-MM-DD").optional() }).strict();

/** The player's calls of one trading day (default: today's, or the next one). */
export const GET = route({ auth: "user", query }, async ({ db, now, user, query: q }) => {
  const status = await getSessionStatus(db, now);
  const tradingDay = q.day ?? status.tradingDay ?? status.nextTradingDay;
  return { tradingDay, predictions: await listPredictions(db, { userId: user.id, tradingDay }) };
});
