import "server-only";
/** Admin side of jobs: the run history, a run to follow, and a start in the background, audited. */
import { and, desc, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { z } from "zod";
import { jobRuns, type JobProgress, type JobRun } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { startJob, type StartedJob } from "./execute";
import type { JobName } from "./registry";
import type { JobTrigger } from "./run-job";
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
 * Start a job now as an admin (trigger "admin": no retry back-off), optionally for a chosen
 * trading day or with its input (a backfill's range), in the background: the answer names the
 * run to follow (`GET /api/admin/jobs/runs/:id`); a second start while it runs joins it. A
 * day already SUCCEEDED answers with its stored result: its work is done and re-running it
 * could change nothing. Audit-logged with the runs it started or joined.
 */
export async function startJobNow(
  db: Database,
  input: {
    actorId: string;
    job: JobName;
    now: Date;
    deps: JobDeps;
    tradingDay?: string;
    input?: Record<string, unknown>;
  },
): Promise<StartedJob> {
  const started = await startJob(db, {
    job: input.job,
    trigger: "admin",
    now: input.now,
    deps: input.deps,
    tradingDay: input.tradingDay,
    input: input.input,
  });
  const { answer } = started;
  await recordAudit(db, {
    actorId: input.actorId,
    action: "jobs.run",
    target: `${input.job}:${answer.runs[0]?.businessKey ?? input.tradingDay ?? "due"}`,
    details: {
      skipped: answer.skipped,
      ...(input.input ? { input: input.input } : {}),
      runs: answer.runs.map((r) => ({
        businessKey: r.businessKey,
        status: r.status,
        runId: r.runId,
        joined: !r.fresh && r.status === "RUNNING",
      })),
    },
    now: input.now,
  });
  return started;
}

/** A run as the console follows it (JSON: instants as ISO strings). */
export type RunView = {
  id: string;
  job: string;
  businessKey: string;
  status: JobRun["status"];
  trigger: string;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  progress: JobProgress | null;
  reason: string | null;
  error: string | null;
  result: Record<string, unknown> | null;
};

export function runView(r: JobRun): RunView {
  return {
    id: r.id,
    job: r.job,
    businessKey: r.businessKey,
    status: r.status,
    trigger: r.trigger,
    attempt: r.attempt,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    progress: r.progress ?? null,
    reason: r.reason,
    error: r.error,
    result: r.result ?? null,
  };
}

/** One run as the console follows it, or 404. */
export async function jobRunById(db: Database, id: string): Promise<RunView> {
  const found = z.uuid().safeParse(id).success
    ? await db.select().from(jobRuns).where(eq(jobRuns.id, id)).limit(1)
    : [];
  if (!found[0]) throw new AppError("not_found:job_run", "There is no such job run.");
  return runView(found[0]);
}

/**
 * What a console page follows: the runs of these jobs (optionally of one key and trigger) that
 * are RUNNING or started since `finishedSince`, newest first, at most five — so an operator who
 * comes back sees the run going on, or how the last one ended.
 */
export async function runsToFollow(
  db: Database,
  input: { jobs: readonly JobName[]; businessKey?: string; trigger?: JobTrigger; finishedSince: Date },
): Promise<RunView[]> {
  const keyed = [
    ...(input.businessKey ? [eq(jobRuns.businessKey, input.businessKey)] : []),
    ...(input.trigger ? [eq(jobRuns.trigger, input.trigger)] : []),
  ];
  const rows = await db
    .select()
    .from(jobRuns)
    .where(
      and(
        inArray(jobRuns.job, [...input.jobs]),
        ...keyed,
        or(eq(jobRuns.status, "RUNNING"), gte(jobRuns.startedAt, input.finishedSince)),
      ),
    )
    .orderBy(desc(jobRuns.startedAt))
    .limit(5);
  return rows.map(runView);
}
