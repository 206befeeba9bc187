import "server-only";
/** Admin side of jobs: the run history and a re-run, audited. */
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobRuns, type JobRun } from "@/db/schema";
import { recordAudit } from "@/lib/ops/audit";
import { executeJob, type ExecuteJobResult } from "./execute";
import type { JobName } from "./registry";
import type { JobDeps } from "./types";

export async function listJobRuns(
  db: Database,
  input: { job?: JobName; status?: JobRun["status"]; businessKey?: string; limit?: number } = {},
): Promise<JobRun[]> {
  const where: SQL[] = [];
  if (input.job) where.push(eq(jobRuns.job, input.job));
  if (input.status) where.push(eq(jobRuns.status, input.status));
  if (input.businessKey) where.push(eq(jobRuns.businessKey, input.businessKey));
  return db
    .select()
    .from(jobRuns)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(jobRuns.startedAt))
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500));
}

/**
 * Run a job now as an admin (trigger "admin": no retry back-off), optionally for a chosen
 * trading day. A day already SUCCEEDED answers with its stored result: its work is done and
 * re-running it could change nothing. Audit-logged whatever the outcome.
 */
export async function runJobNow(
  db: Database,
  input: { actorId: string; job: JobName; now: Date; deps: JobDeps; tradingDay?: string },
): Promise<ExecuteJobResult> {
  const outcome = await executeJob(db, {
    job: input.job,
    trigger: "admin",
    now: input.now,
    deps: input.deps,
    tradingDay: input.tradingDay,
  });
  await recordAudit(db, {
    actorId: input.actorId,
    action: "jobs.run",
    target: `${input.job}:${input.tradingDay ?? "due"}`,
    details: {
      skipped: outcome.skipped,
      runs: outcome.runs.map((r) => ({
        businessKey: r.businessKey,
        status: r.status,
        runId: r.runId,
        fresh: r.fresh,
      })),
    },
    now: input.now,
  });
  return outcome;
}
