import "server-only";
/**
 * Run a named job at an instant: ask it which runs are due, then run each through runJob.
 * The same function serves QStash callbacks, the in-process scheduler and admin re-runs.
 */
import type { Database } from "@/db/client";
import { parseTradingDay } from "@/lib/calendar";
import { assertReadyToSettle, assertSettleableDay } from "@/lib/settlement";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { jobDefinition, type JobName, type Plan } from "./registry";
import type { JobDeps } from "./types";
import { runJob, type JobRunReport, type JobTrigger } from "./run-job";

export type ExecuteJobInput = {
  job: JobName;
  trigger: JobTrigger;
  now: Date;
  deps: JobDeps;
  /** The message body (only jobs that take one read it, after the signature was verified). */
  input?: unknown;
  /** Admin re-run of one day: the trading day to act on. Refused for other triggers. */
  tradingDay?: string;
  waitForRunningMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told as each planned run is claimed (recorded RUNNING), before its work starts. */
  onStart?: (report: JobRunReport) => void;
};

export type ExecuteJobResult =
  | { job: JobName; skipped: string; retryLater: boolean; runs: [] }
  | { job: JobName; skipped: null; retryLater: false; runs: JobRunReport[] };

const DAY_JOBS: readonly JobName[] = [
  "select-universe",
  "open-session",
  "close-session",
  "collect-eod",
  "settle",
];

export async function executeJob(db: Database, input: ExecuteJobInput): Promise<ExecuteJobResult> {
  const def = jobDefinition(input.job);
  let plan: Plan;
  if (input.tradingDay !== undefined) {
    if (input.trigger !== "admin")
      throw new AppError("forbidden:job_day", "Only an admin re-run may choose the day a job acts on.");
    if (!DAY_JOBS.includes(input.job))
      throw new AppError("unprocessable:job_day", `${input.job} cannot be run for a chosen day.`);
    // Refused before anything is recorded: a re-run that cannot succeed is not a failed job.
    if (input.job === "settle") await assertReadyToSettle(db, input.tradingDay, input.now);
    else if (input.job === "collect-eod") assertSettleableDay(input.tradingDay, input.now);
    else parseTradingDay(input.tradingDay);
    plan = { runs: [{ businessKey: input.tradingDay }] };
  } else {
    plan = await def.plan(db, input.now, input.input);
  }
  if ("skip" in plan)
    return { job: input.job, skipped: plan.skip, retryLater: plan.retryLater ?? false, runs: [] };

  const runs: JobRunReport[] = [];
  // Days in order: an older day's EOD step never waits behind a newer one's.
  for (const planned of plan.runs) {
    runs.push(
      await runJob(
        db,
        {
          job: def.name,
          businessKey: planned.businessKey,
          trigger: input.trigger,
          now: input.now,
          staleAfterMs: def.staleAfterMs,
          retryBackoffMs: input.trigger === "inprocess" ? def.retryBackoffMs : 0,
          waitForRunningMs: input.waitForRunningMs,
          sleep: input.sleep,
          onStart: input.onStart,
        },
        ({ progress }) => def.run({ db, now: input.now, deps: input.deps, progress }, planned),
      ),
    );
  }
  return { job: input.job, skipped: null, retryLater: false, runs };
}

export type StartedJob = {
  /**
   * The answer to give now: the first run just claimed (RUNNING, `fresh`, its id to follow),
   * a run of the same key already RUNNING (joined: not `fresh`), or the whole result when
   * nothing had to wait (nothing due, already SUCCEEDED, a back-off).
   */
  answer: ExecuteJobResult;
  /** Settles when every planned run has ended (its outcome is in job_runs); never rejects. */
  finished: Promise<void>;
};

const startLog = log.child({ module: "jobs" });

/**
 * Start a job in the background (the console's long operations: settling a day, a backfill, a
 * re-run): answers as soon as the work is recorded and goes on after the answer. A refusal
 * (an unknown day, a day not ready to settle, a bad range) is thrown before anything runs.
 * The process keeps the work alive (`after()` in a request); should it die, the RUNNING row
 * goes stale and the next start takes it over.
 */
export async function startJob(db: Database, input: Omit<ExecuteJobInput, "onStart">): Promise<StartedJob> {
  let started: (r: JobRunReport) => void = () => {};
  const first = new Promise<JobRunReport>((resolve) => (started = resolve));
  const whole = executeJob(db, { ...input, onStart: (r) => started(r) });
  const answer = await Promise.race([
    whole,
    first.then((r): ExecuteJobResult => ({ job: input.job, skipped: null, retryLater: false, runs: [r] })),
  ]);
  const finished = whole.then(
    () => undefined,
    (err: unknown) => {
      // Reached only after the answer was given (a refusal rejects the race above and never gets
      // here): runJob has recorded how the run ended, so the error is only logged.
      startLog.error({ err, job: input.job }, "background job run ended with an error");
    },
  );
  return { answer, finished };
}
