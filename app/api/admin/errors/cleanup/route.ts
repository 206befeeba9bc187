import { deleteOldErrors } from "@/lib/admin/logs";
import { errorCleanupSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Delete errors older than N days (audited with the count deleted). */
export const POST = route({ auth: "admin", body: errorCleanupSchema }, async ({ db, now, user, body }) =>
  deleteOldErrors(db, { actorId: user.id, olderThanDays: body.olderThanDays, now }),
);
