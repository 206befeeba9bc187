"use server";

import { deleteOldErrors } from "@/lib/admin/logs";
import { errorCleanupSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";

/** Delete errors older than N days (audited with the count deleted). */
export const cleanupErrorsAction = adminAction(
  errorCleanupSchema,
  async ({ olderThanDays }, { db, now, user }) =>
    deleteOldErrors(db, { actorId: user.id, olderThanDays, now }),
);
