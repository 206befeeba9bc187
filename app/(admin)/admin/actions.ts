"use server";

import { acknowledgeAlert } from "@/lib/admin/logs";
import { alertInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";

/** The dashboard's one write: acknowledge an open alert (audited by the domain). */
export const acknowledgeAlertAction = adminAction(alertInputSchema, async ({ alertId }, { db, now, user }) =>
  acknowledgeAlert(db, { actorId: user.id, alertId, now }),
);
