import { adminCloseSession, adminOpenSession, calendarDay } from "@/lib/admin/operations";
import { sessionActionSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";
import { findSession } from "@/lib/sessions/queries";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin" }, async ({ db, params }) => {
  const tradingDay = calendarDay(params.day ?? "");
  return { tradingDay, session: await findSession(db, tradingDay) };
});

/** Open or close a day's session. A non-trading day → 409 conflict:not_trading_day with the next trading day. */
export const POST = route(
  { auth: "admin", body: sessionActionSchema },
  async ({ db, now, user, body, params }) => {
    const input = { actorId: user.id, tradingDay: params.day ?? "", now };
    return body.action === "open" ? adminOpenSession(db, input) : adminCloseSession(db, input);
  },
);
