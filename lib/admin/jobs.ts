import "server-only";
/**
 * The console's long operations — a job re-run, settling a day, a backfill of closes — started
 * in the background as job runs (lib/jobs: audited there, one run per key, a second start
 * joins the running one). Each answers with the run to follow.
 */
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { appJobDeps, isJobName, startJobNow, type StartedJob } from "@/lib/jobs";
import { calendarDay } from "./operations";

type Actor = { actorId: string; now: Date };

/** Start a job now, optionally for a chosen trading day; an unknown job → 404. */
export async function adminStartJob(
  db: Database,
  input: Actor & { job: string; tradingDay?: string },
): Promise<StartedJob> {
  const { job } = input;
  if (!isJobName(job)) throw new AppError("not_found:job", `There is no job named "${job.slice(0, 40)}".`);
  return startJobNow(db, {
    actorId: input.actorId,
    job,
    now: input.now,
    deps: appJobDeps(),
    tradingDay: input.tradingDay,
  });
}

/** Settle (or re-run, retry) a day. Missing universe or closes, or a close not final yet → 409 naming the step to run first. */
export async function adminStartSettlement(
  db: Database,
  input: Actor & { tradingDay: string },
): Promise<StartedJob> {
  return startJobNow(db, {
    actorId: input.actorId,
    job: "settle",
    now: input.now,
    deps: appJobDeps(),
    tradingDay: calendarDay(input.tradingDay),
  });
}

/** Backfill a past range: the given symbols, else every symbol of the range's universes, else the default list. */
export async function adminStartBackfill(
  db: Database,
  input: Actor & { from: string; to: string; symbols?: string[] },
): Promise<StartedJob> {
  const range = {
    from: input.from,
    to: input.to,
    ...(input.symbols?.length ? { symbols: input.symbols } : {}),
  };
  return startJobNow(db, {
    actorId: input.actorId,
    job: "backfill-eod",
    now: input.now,
    deps: appJobDeps(),
    input: range,
  });
}
