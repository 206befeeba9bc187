"use server";

import { adminRunJob } from "@/lib/admin/jobs";
import { runJobInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";

/** Re-run a job now, optionally for a chosen trading day (audited by the domain). */
export const runJobAction = adminAction(runJobInputSchema, async (input, { db, now, user }) =>
  adminRunJob(db, { actorId: user.id, now, ...input }),
);
