"use server";

import { adminStartJob } from "@/lib/admin/jobs";
import { runJobInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";
import { inBackground } from "@/lib/http/background";

/** Start a job now in the background, optionally for a chosen trading day (audited by the domain). */
export const runJobAction = adminAction(runJobInputSchema, async (input, { db, now, user }) =>
  inBackground(await adminStartJob(db, { actorId: user.id, now, ...input })),
);
