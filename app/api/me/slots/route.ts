import { slotsJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { getSessionStatus } from "@/lib/sessions/status";
import { getSlotView } from "@/lib/slots/slots";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user" }, async ({ db, now, user }) => {
  const status = await getSessionStatus(db, now);
  if (!status.tradingDay) return { tradingDay: null, slots: null };
  return {
    tradingDay: status.tradingDay,
    slots: slotsJson(await getSlotView(db, { userId: user.id, tradingDay: status.tradingDay, now })),
  };
});
