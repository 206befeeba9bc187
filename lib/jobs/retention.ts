import "server-only";
import type { Database } from "@/db/client";
import { pruneJobRuns } from "@/lib/jobs/run-job";
import { pruneErrorLog } from "@/lib/ops/error-log";
import { pruneQuotes } from "@/lib/prices/quote-store";
import { pruneTicks } from "@/lib/prices/tick-store";
import { pruneRateLimits } from "@/lib/ratelimit/rate-limit";
import { pruneExpiredAdTokens } from "@/lib/slots/ads";

const DAY_MS = 24 * 60 * 60_000;

/**
 * How long the housekeeping tables keep their rows (docs/operations.md, "Retention"). The
 * ledger, predictions, redemptions and the audit log are never pruned; each table's own
 * module deletes its rows, in bounded batches.
 */
export const RETENTION = {
  /** A bucket whose `tat` has passed is full again: deleting it changes no decision. */
  rateLimitsMs: 0,
  /** Ad tokens never completed, one day after they expired. */
  expiredAdTokensMs: DAY_MS,
  /** Quotes nobody asked for in a week (the universe's are refreshed every 5 minutes). */
  quotesMs: 7 * DAY_MS,
  /** Intraday points: the board draws the latest session only; a few days cover any holiday. */
  priceTicksMs: 5 * DAY_MS,
  /** Finished job runs: 30 days, well behind the 10-day catch-up window. */
  jobRunsMs: 30 * DAY_MS,
  errorLogMs: 30 * DAY_MS,
} as const;

export type PruneCounts = {
  rateLimits: number;
  adViews: number;
  quotes: number;
  priceTicks: number;
  jobRuns: number;
  errorLog: number;
};

export async function pruneHousekeeping(db: Database, now: Date): Promise<PruneCounts> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    rateLimits: await pruneRateLimits(db, before(RETENTION.rateLimitsMs)),
    adViews: await pruneExpiredAdTokens(db, before(RETENTION.expiredAdTokensMs)),
    quotes: await pruneQuotes(db, before(RETENTION.quotesMs)),
    priceTicks: await pruneTicks(db, before(RETENTION.priceTicksMs)),
    jobRuns: await pruneJobRuns(db, before(RETENTION.jobRunsMs)),
    errorLog: await pruneErrorLog(db, before(RETENTION.errorLogMs)),
  };
}
