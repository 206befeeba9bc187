import { runJobSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { appJobDeps, isJobName, runJobNow } from "@/lib/jobs";

export const dynamic = "force-dynamic";

/** Re-run a job now (audited by the domain), optionally for a chosen trading day. */
export const POST = route({ auth: "admin", body: runJobSchema }, async ({ db, now, user, body, params }) => {
  const job = params.job ?? "";
  if (!isJobName(job)) throw new AppError("not_found:job", `There is no job named "${job.slice(0, 40)}".`);
  return runJobNow(db, { actorId: user.id, job, now, deps: appJobDeps(), tradingDay: body.tradingDay });
});
