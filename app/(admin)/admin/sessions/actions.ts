"use server";

import { adminCloseSession, adminOpenSession } from "@/lib/admin/operations";
import { sessionInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";

/** Open or close a day's session; a non-trading day is refused with the next trading day. */
export const sessionAction = adminAction(sessionInputSchema, async ({ day, action }, { db, now, user }) => {
  const input = { actorId: user.id, tradingDay: day, now };
  return action === "open" ? adminOpenSession(db, input) : adminCloseSession(db, input);
});
