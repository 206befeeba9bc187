import "server-only";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { appJobDeps, isJobName, runJobNow } from "@/lib/jobs";

/** Re-run a job now (audited by the jobs domain), optionally for a chosen trading day; an unknown job → 404. */
export async function adminRunJob(
  db: Database,
  input: { actorId: string; now: Date; job: string; tradingDay?: string },
) {
  const { job } = input;
  if (!isJobName(job)) throw new AppError("not_found:job", `There is no job named "${job.slice(0, 40)}".`);
  return runJobNow(db, {
    actorId: input.actorId,
    job,
    now: input.now,
    deps: appJobDeps(),
    tradingDay: input.tradingDay,
  });
}
