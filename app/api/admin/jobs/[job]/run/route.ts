import { adminRunJob } from "@/lib/admin/jobs";
import { runJobSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Re-run a job now (audited by the domain), optionally for a chosen trading day. */
export const POST = route({ auth: "admin", body: runJobSchema }, async ({ db, now, user, body, params }) =>
  adminRunJob(db, { actorId: user.id, now, job: params.job ?? "", tradingDay: body.tradingDay }),
);
