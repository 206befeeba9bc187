import "server-only";
/**
 * One recorded, idempotent run of a named job for a business key (job_runs).
 *
 * - A SUCCEEDED run exists → nothing runs; the stored answer is returned (duplicate delivery).
 * - A RUNNING run exists → "in progress", or, with `waitForRunningMs`, wait for its answer so
 *   concurrent duplicates all get the same one. A RUNNING row older than `staleAfterMs`
 *   (a crashed process) is marked FAILED and taken over.
 * - Otherwise a RUNNING row is inserted (attempt = previous attempts + 1), `fn` runs, and the
 *   row becomes SUCCEEDED, INCOMPLETE (progress made, run again; with its reason) or FAILED,
 *   with duration, error and result. A failure also goes to
 *   the error log and raises one admin alert per (job, key); a later call retries it.
 *
 * Claiming and finishing take a transaction-scoped advisory lock on (job, key), so "no
 * SUCCEEDED row yet" and "insert RUNNING" can never interleave with another run's finish;
 * the partial unique indexes (one RUNNING, one SUCCEEDED per key) are the backstop.
 */
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { deleteInBatches } from "@/db/batched-delete";
import type { Database, Tx } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/errors";
import { jobRuns, type JobProgress, type JobRun } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordError } from "@/lib/ops/error-log";
import { PG, pgErrorCode } from "@/db/errors";
import { raiseAdminAlert } from "./alerts";

export type JobTrigger = "qstash" | "inprocess" | "admin";
export type JobResult = Record<string, unknown>;
/** `done: false` — the job made progress but must run again later (e.g. closes still missing). */
export type JobOutcome =
  { done: true; result: JobResult } | { done: false; reason: string; result: JobResult };

export const done = (result: JobResult): JobOutcome => ({ done: true, result });
export const incomplete = (reason: string, result: JobResult): JobOutcome => ({
  done: false,
  reason,
  result,
});

export type JobRunStatus = JobRun["status"] | "SKIPPED";

export type JobRunReport = {
  job: string;
  businessKey: string;
  status: JobRunStatus;
  runId: string | null;
  attempt: number | null;
  /** True when this call did the work; false when it answers with another run's outcome. */
  fresh: boolean;
  result: JobResult | null;
  error: string | null;
  /** Why nothing ran (SKIPPED) or what is awaited (RUNNING, INCOMPLETE). */
  reason?: string;
  /** How far the run had got when this report was made. */
  progress: JobProgress | null;
};

export type RunJobInput = {
  job: string;
  businessKey: string;
  trigger: JobTrigger;
  now: Date;
  /** A RUNNING row older than this is considered abandoned (default 15 minutes). */
  staleAfterMs?: number;
  /** After a FAILED run, do not retry before this much time has passed (default 0). */
  retryBackoffMs?: number;
  /** How long a duplicate waits for a concurrent run's answer (default 0: answer "in progress"). */
  waitForRunningMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when this call has claimed the run (RUNNING, recorded), before the work starts. */
  onStart?: (report: JobRunReport) => void;
};

export type JobContext = {
  runId: string;
  attempt: number;
  /** Record how far the run has got (throttled; the console polls it while the run lasts). */
  progress: (p: JobProgress) => Promise<void>;
};

/** Progress written at most every this many milliseconds (the first and the last always). */
const PROGRESS_EVERY_MS = 250;

function progressWriter(db: Database, runId: string): JobContext["progress"] {
  let lastWrite = -Infinity;
  return async (p) => {
    const at = performance.now();
    const last = p.total !== null && p.done >= p.total;
    if (!last && at - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = at;
    try {
      await db
        .update(jobRuns)
        .set({ progress: p })
        .where(and(eq(jobRuns.id, runId), eq(jobRuns.status, "RUNNING")));
    } catch (err) {
      // Progress is for the console: a failed write never fails the run (the run's own
      // statements will meet a database that is really gone).
      jobLog.warn({ err, runId }, "could not record a run's progress");
    }
  };
}

const jobLog = log.child({ module: "jobs" });
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Claim =
  | { kind: "claimed"; row: JobRun }
  | { kind: "succeeded"; row: JobRun }
  | { kind: "running"; row: JobRun }
  | { kind: "finished"; row: JobRun }
  | { kind: "backoff"; row: JobRun };

export async function runJob(
  db: Database,
  input: RunJobInput,
  fn: (ctx: JobContext) => Promise<JobOutcome>,
): Promise<JobRunReport> {
  const sleep = input.sleep ?? defaultSleep;
  const pollMs = input.pollMs ?? 100;
  let waited = 0;
  let waitedOn: string | undefined;
  for (;;) {
    const claim = await claimRun(db, input, waitedOn);
    if (claim.kind === "succeeded" || claim.kind === "finished") return reportOf(claim.row, false);
    if (claim.kind === "backoff")
      return { ...reportOf(claim.row, false), status: "SKIPPED", reason: "backoff after a failed run" };
    if (claim.kind === "running") {
      if (waited >= (input.waitForRunningMs ?? 0))
        return { ...reportOf(claim.row, false), reason: "another run is in progress" };
      waitedOn = claim.row.id;
      await sleep(pollMs);
      waited += pollMs;
      continue;
    }
    input.onStart?.(reportOf(claim.row, true));
    return execute(db, input, claim.row, fn);
  }
}

async function lockKey(tx: Tx, job: string, businessKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`job:${job}:${businessKey}`}))`);
}

async function claimRun(db: Database, input: RunJobInput, waitedOn: string | undefined): Promise<Claim> {
  const { job, businessKey, now } = input;
  const staleAfterMs = input.staleAfterMs ?? 15 * 60_000;
  return db.transaction(async (tx) => {
    await lockKey(tx, job, businessKey);
    const key = and(eq(jobRuns.job, job), eq(jobRuns.businessKey, businessKey));
    const live = await tx
      .select()
      .from(jobRuns)
      .where(and(key, inArray(jobRuns.status, ["SUCCEEDED", "RUNNING"])));
    const succeeded = live.find((r) => r.status === "SUCCEEDED");
    if (succeeded) return { kind: "succeeded", row: succeeded };
    const running = live.find((r) => r.status === "RUNNING");
    let tookOver = false;
    if (running) {
      if (running.startedAt.getTime() > now.getTime() - staleAfterMs)
        return { kind: "running", row: running };
      await tx
        .update(jobRuns)
        .set({
          status: "FAILED",
          finishedAt: now,
          error: `abandoned: still RUNNING ${Math.round((now.getTime() - running.startedAt.getTime()) / 1000)} s after its start; taken over`,
        })
        .where(and(eq(jobRuns.id, running.id), eq(jobRuns.status, "RUNNING")));
      jobLog.warn({ job, businessKey, runId: running.id }, "stale job run taken over");
      tookOver = true;
    }
    const [last] = await tx.select().from(jobRuns).where(key).orderBy(desc(jobRuns.attempt)).limit(1);
    // A duplicate that waited on a run which then failed (or stopped incomplete) answers with that
    // outcome instead of piling up attempts; the next scheduled delivery (or an admin) retries it.
    const unfinished = last?.status === "FAILED" || last?.status === "INCOMPLETE";
    if (waitedOn && last && last.id === waitedOn && unfinished) return { kind: "finished", row: last };
    if (
      !tookOver &&
      unfinished &&
      input.retryBackoffMs &&
      last.finishedAt &&
      now.getTime() - last.finishedAt.getTime() < input.retryBackoffMs
    ) {
      return { kind: "backoff", row: last };
    }
    const [row] = await tx
      .insert(jobRuns)
      .values({
        job,
        businessKey,
        status: "RUNNING",
        trigger: input.trigger,
        attempt: (last?.attempt ?? 0) + 1,
        startedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Error(`job ${job} ${businessKey}: RUNNING insert refused under the key lock`);
    return { kind: "claimed", row };
  });
}

async function execute(
  db: Database,
  input: RunJobInput,
  run: JobRun,
  fn: (ctx: JobContext) => Promise<JobOutcome>,
): Promise<JobRunReport> {
  const started = performance.now();
  const { job, businessKey, now } = input;
  let outcome: JobOutcome;
  try {
    outcome = await fn({ runId: run.id, attempt: run.attempt, progress: progressWriter(db, run.id) });
  } catch (err) {
    const durationMs = Math.round(performance.now() - started);
    if (isDatabaseUnavailable(err)) {
      finishWhenDatabaseReturns(
        db,
        run,
        {
          status: "FAILED",
          durationMs,
          error: "unavailable:database: the database became unavailable during the run",
          reason: null,
          result: null,
        },
        now,
      );
      throw err;
    }
    const code = isAppError(err) ? err.code : "internal:job_failed";
    const message = err instanceof Error ? err.message : String(err);
    const error = `${code}: ${message}`.slice(0, 4000);
    const finished = await finishRun(
      db,
      run,
      {
        status: "FAILED",
        durationMs,
        error,
        reason: null,
        result: isAppError(err) && err.details ? { details: err.details } : null,
      },
      now,
    );
    jobLog.error({ err, job, businessKey, attempt: run.attempt, trigger: input.trigger }, "job failed");
    await recordError(
      {
        kind: `job:${job}`,
        message: error,
        context: { job, businessKey, attempt: run.attempt, trigger: input.trigger, runId: run.id },
      },
      db,
    );
    await raiseAdminAlert(db, {
      kind: "job_failed",
      severity: "error",
      message: `Job ${job} (${businessKey}) failed on attempt ${run.attempt}: ${error}`,
      details: { job, businessKey, attempt: run.attempt, runId: run.id, trigger: input.trigger },
      dedupeKey: `job_failed:${job}:${businessKey}`,
      now,
    });
    return reportOf(finished ?? { ...run, status: "FAILED", error }, true);
  }
  const durationMs = Math.round(performance.now() - started);
  const end = outcome.done
    ? ({ status: "SUCCEEDED", durationMs, error: null, reason: null, result: outcome.result } as const)
    : ({
        status: "INCOMPLETE",
        durationMs,
        error: null,
        reason: outcome.reason.slice(0, 4000),
        result: outcome.result,
      } as const);
  let finished: JobRun | null;
  try {
    finished = await finishRun(db, run, end, now);
  } catch (err) {
    if (isDatabaseUnavailable(err)) finishWhenDatabaseReturns(db, run, end, now);
    throw err;
  }
  jobLog.info(
    { job, businessKey, attempt: run.attempt, trigger: input.trigger, durationMs, done: outcome.done },
    "job run finished",
  );
  if (!finished) {
    // Taken over as stale meanwhile (or raced to SUCCEEDED by the run that took over).
    const [winner] = await db
      .select()
      .from(jobRuns)
      .where(
        and(eq(jobRuns.job, job), eq(jobRuns.businessKey, businessKey), eq(jobRuns.status, "SUCCEEDED")),
      );
    if (winner) return reportOf(winner, false);
    return {
      ...reportOf(run, true),
      status: outcome.done ? "SUCCEEDED" : "INCOMPLETE",
      result: outcome.result,
      ...(outcome.done ? {} : { reason: outcome.reason }),
    };
  }
  return reportOf(finished, true);
}

async function finishRun(
  db: Database,
  run: JobRun,
  end: {
    status: "SUCCEEDED" | "INCOMPLETE" | "FAILED";
    durationMs: number;
    error: string | null;
    reason: string | null;
    result: JobResult | null;
  },
  now: Date,
): Promise<JobRun | null> {
  try {
    return await db.transaction(async (tx) => {
      await lockKey(tx, run.job, run.businessKey);
      const [row] = await tx
        .update(jobRuns)
        .set({
          status: end.status,
          finishedAt: new Date(now.getTime() + end.durationMs),
          durationMs: end.durationMs,
          error: end.error,
          reason: end.reason,
          result: end.result,
        })
        .where(and(eq(jobRuns.id, run.id), eq(jobRuns.status, "RUNNING")))
        .returning();
      return row ?? null;
    });
  } catch (err) {
    if (pgErrorCode(err) === PG.uniqueViolation) return null;
    throw err;
  }
}

/**
 * The database went away mid-run, so the row is still RUNNING and would hold off every retry
 * until it goes stale. This process is alive and knows how the run ended: record that as soon
 * as the database answers again (every 2 s, for up to 10 minutes), so the next delivery or
 * tick runs it afresh (FAILED) or returns the stored answer (SUCCEEDED). The caller answers
 * 503 meanwhile.
 */
function finishWhenDatabaseReturns(
  db: Database,
  run: JobRun,
  end: Parameters<typeof finishRun>[2],
  now: Date,
): void {
  const deadline = performance.now() + 10 * 60_000;
  const attempt = () => {
    finishRun(db, run, end, now).then(
      () =>
        jobLog.info(
          { job: run.job, businessKey: run.businessKey, status: end.status },
          "run end recorded after the database returned",
        ),
      (err) => {
        if (performance.now() < deadline && isDatabaseUnavailable(err)) setTimeout(attempt, 2_000).unref?.();
        else
          jobLog.error(
            { err, job: run.job, businessKey: run.businessKey },
            "could not record the end of a run",
          );
      },
    );
  };
  setTimeout(attempt, 2_000).unref?.();
}

function reportOf(row: JobRun, fresh: boolean): JobRunReport {
  return {
    job: row.job,
    businessKey: row.businessKey,
    status: row.status,
    runId: row.id,
    attempt: row.attempt,
    fresh,
    result: row.result ?? null,
    error: row.error ?? null,
    ...(row.reason ? { reason: row.reason } : {}),
    progress: row.progress ?? null,
  };
}

/**
 * Retention: finished runs (SUCCEEDED or FAILED) that started before `before`. A RUNNING row
 * is never deleted (its claim is what keeps a second runner out). Keep `before` well behind
 * every catch-up window: a SUCCEEDED row is also what makes a re-delivered run a no-op.
 */
export async function pruneJobRuns(db: Database, before: Date): Promise<number> {
  return deleteInBatches(
    db,
    jobRuns,
    jobRuns.id,
    and(ne(jobRuns.status, "RUNNING"), lt(jobRuns.startedAt, before)),
  );
}
