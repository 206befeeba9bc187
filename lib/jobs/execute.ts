import "server-only";
/**
 * Run a named job at an instant: ask it which runs are due, then run each through runJob.
 * The same function serves QStash callbacks, the in-process scheduler and admin re-runs.
 */
import type { Database } from "@/db/client";
import { parseTradingDay } from "@/lib/calendar";
import { assertSettleableDay } from "@/lib/settlement";
import { AppError } from "@/lib/errors";
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
    if (input.job === "collect-eod" || input.job === "settle")
      assertSettleableDay(input.tradingDay, input.now);
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
        },
        () => def.run({ db, now: input.now, deps: input.deps }, planned),
      ),
    );
  }
  return { job: input.job, skipped: null, retryLater: false, runs };
}
