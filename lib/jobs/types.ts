/**
 * The shapes the job modules share. Kept apart from registry.ts, which imports the job
 * bodies (eod-step.ts), so no module needs to import the registry back.
 */
import type { Database } from "@/db/client";
import type { JobProgress } from "@/db/schema";
import type { DayString } from "@/lib/calendar";
import type { PriceProvider } from "@/lib/prices";

export type CooldownRefill = { userId: string; tradingDay: DayString; dueAt: Date };

/** What jobs need from the outside world, as plain values; tests pass fakes. */
export type JobDeps = {
  priceProvider: PriceProvider;
  /** Schedule the next cooldown refill callback when a refill starts a new timer. */
  scheduleRefill?: (refill: CooldownRefill) => Promise<unknown>;
};

export type RunContext = {
  db: Database;
  now: Date;
  deps: JobDeps;
  /** Record how far the run has got (absent when a job body is called outside a recorded run). */
  progress?: (p: JobProgress) => Promise<void>;
};
