import { adminStartJob } from "@/lib/admin/jobs";
import { runJobSchema } from "@/lib/admin/schemas";
import { startedResponse } from "@/lib/http/background";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Start a job now in the background (audited), optionally for a chosen trading day: 202 with the run to follow. */
export const POST = route({ auth: "admin", body: runJobSchema }, async ({ db, now, user, body, params }) =>
  startedResponse(
    await adminStartJob(db, { actorId: user.id, now, job: params.job ?? "", tradingDay: body.tradingDay }),
  ),
);
