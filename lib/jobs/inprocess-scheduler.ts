import "server-only";
/**
 * The embedded default's scheduler (SCHEDULER=inprocess): one timer loop in the server
 * process. Every tick asks each job what is due at the app clock's instant — not at the
 * instant a timer was set for, since tests move the app clock — and runs it through the same
 * job functions QStash callbacks use. Because "due" is computed from the clock and every run
 * is keyed and recorded, a tick after a restart catches up on missed opens, closes and
 * settlements (back to CATCH_UP_DAYS), and several instances on one PostgreSQL never run a
 * job twice.
 */
import type { Database } from "@/db/client";
import { appClock } from "@/lib/clock";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/process-singleton";
import { appJobDeps } from "./app-deps";
import { takeDueRefills } from "./cooldown";
import { executeJob, type ExecuteJobResult } from "./execute";
import type { JobName } from "./registry";
import type { JobDeps } from "./types";

export const TICK_INTERVAL_MS = 15_000;

/** Order matters within a tick: a day is opened before it is closed, closed before settled. */
export const TICK_JOBS: readonly JobName[] = [
  "select-universe",
  "open-session",
  "close-session",
  "collect-eod",
  "integrity-check",
  "prune",
  "push-notify",
  "refresh-prices",
];

export type TickReport = { job: JobName; outcome?: ExecuteJobResult; error?: string };

const schedLog = log.child({ module: "scheduler", mode: "inprocess" });

/**
 * One deterministic pass over every job at `now` (tests, and a test clock that just moved, call
 * this directly). `deps` defaults to the app's (configured price provider, refill scheduling).
 */
export async function tickScheduler(
  db: Database,
  now: Date,
  opts: { deps?: JobDeps; jobs?: readonly JobName[] } = {},
): Promise<TickReport[]> {
  const deps = opts.deps ?? appJobDeps();
  const reports: TickReport[] = [];
  // Cooldown refills come from the queue below, never from a plan of their own.
  for (const job of (opts.jobs ?? TICK_JOBS).filter((j) => j !== "cooldown-refill")) {
    try {
      reports.push({ job, outcome: await executeJob(db, { job, trigger: "inprocess", now, deps }) });
    } catch (err) {
      // One job's trouble (e.g. a database error in its plan) never stops the others.
      schedLog.error({ err, job }, "scheduler tick: job could not run");
      reports.push({ job, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (!opts.jobs || opts.jobs.includes("cooldown-refill")) {
    for (const refill of takeDueRefills(now)) {
      const input = {
        userId: refill.userId,
        tradingDay: refill.tradingDay,
        dueAt: refill.dueAt.toISOString(),
      };
      try {
        reports.push({
          job: "cooldown-refill",
          outcome: await executeJob(db, { job: "cooldown-refill", trigger: "inprocess", now, deps, input }),
        });
      } catch (err) {
        reports.push({ job: "cooldown-refill", error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return reports;
}

type SchedulerState = {
  timer: ReturnType<typeof setInterval>;
  current: Promise<void> | null;
  stopped: boolean;
};
const scheduler = processSingleton("inprocess-scheduler", () => ({
  state: undefined as SchedulerState | undefined,
}));

/**
 * Start the loop once per process (development reloads and several route bundles share the
 * process singleton). A tick never overlaps the previous one. Returns a stop function that
 * resolves once a tick in flight has finished.
 */
export function startInprocessScheduler(opts: {
  getDb: () => Promise<Database>;
  deps?: JobDeps;
  intervalMs?: number;
}): () => Promise<void> {
  if (scheduler.state && !scheduler.state.stopped) return () => stopInprocessScheduler();
  const state: SchedulerState = {
    timer: undefined as unknown as ReturnType<typeof setInterval>,
    current: null,
    stopped: false,
  };
  const tick = () => {
    if (state.current || state.stopped) return;
    state.current = runTick().finally(() => {
      state.current = null;
    });
  };
  const runTick = async () => {
    try {
      const reports = await tickScheduler(await opts.getDb(), appClock.now(), {
        deps: opts.deps ?? appJobDeps(),
      });
      const ran = reports.flatMap((r) =>
        (r.outcome?.runs ?? []).filter((x) => x.fresh).map((x) => `${r.job}:${x.businessKey}:${x.status}`),
      );
      if (ran.length) schedLog.info({ ran }, "scheduler tick");
    } catch (err) {
      schedLog.error({ err }, "scheduler tick failed");
    }
  };
  state.timer = setInterval(tick, opts.intervalMs ?? TICK_INTERVAL_MS);
  state.timer.unref?.();
  scheduler.state = state;
  schedLog.info({ intervalMs: opts.intervalMs ?? TICK_INTERVAL_MS }, "in-process scheduler started");
  // Catch up right away rather than one interval after start-up.
  setTimeout(tick, 0).unref?.();
  return () => stopInprocessScheduler();
}

export function isInprocessSchedulerRunning(): boolean {
  return scheduler.state !== undefined && !scheduler.state.stopped;
}

export async function stopInprocessScheduler(): Promise<void> {
  const s = scheduler.state;
  if (!s) return;
  s.stopped = true;
  clearInterval(s.timer);
  scheduler.state = undefined;
  await s.current;
}
