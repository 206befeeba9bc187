import { lt, sql, type SQL } from "drizzle-orm";
import { deleteInBatches } from "@/db/batched-delete";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** `limit` requests per `windowMs`: a burst of `limit`, then one every `windowMs / limit`. */
export type RateLimitRule = { name: string; limit: number; windowMs: number };

export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number };

/** The client-facing message key of a 429 (messages/*.json → errors.rateLimited). */
export const RATE_LIMITED_MESSAGE_KEY = "errors.rateLimited";

/**
 * GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp) in the
 * database, so every app instance shares the bucket. `tat` is the theoretical arrival time:
 * a request at `now` is allowed when `max(tat, now) - now <= (limit - 1) × interval`, and
 * then moves `tat` on by one interval (`window / limit`). Decision and update are ONE
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`: the row lock serialises concurrent checks of one key on PostgreSQL,
 * and each re-reads the committed `tat`, so N concurrent checks against a limit of L allow
 * exactly L. Pass a transaction to fold the check into a caller's own writes.
 */
export async function checkRateLimit(
  db: Database | Tx,
  input: { rule: RateLimitRule; subject: string; now: Date },
): Promise<RateLimitDecision> {
  const [row] = rowsOf<RateLimitRow>(await db.execute(rateLimitCheck(input)));
  return rateLimitDecision(row!, input);
}

/** What the check statement returns: the bucket's `tat` after it and whether this request fitted. */
export type RateLimitRow = { tat: Date | string; allowed: boolean };

/**
 * The check as one statement (`… RETURNING tat, allowed`), for `checkRateLimit` and for a
 * caller that runs it as a CTE of its own statement (the submit of a call folds it into the
 * statement that locks the slots, inside its transaction: no round trip of its own).
 */
export function rateLimitCheck(input: { rule: RateLimitRule; subject: string; now: Date }): SQL {
  const { rule, subject, now } = input;
  // Whole microseconds (PostgreSQL's resolution), so L back-to-back checks add up exactly.
  const intervalUs = Math.max(1, Math.round((rule.windowMs * 1000) / rule.limit));
  const toleranceUs = intervalUs * (rule.limit - 1);
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const interval = sql`(${intervalUs}::bigint * interval '1 microsecond')`;
  // `tat` never runs more than limit × interval ahead; further ahead, the clock stepped back: start afresh.
  const window = sql`(${intervalUs * rule.limit}::bigint * interval '1 microsecond')`;
  const start = sql`(case when rate_limits.tat > ${nowTs} + ${window} then ${nowTs} else greatest(rate_limits.tat, ${nowTs}) end)`;
  const fits = sql`(${start} - ${nowTs} <= ${toleranceUs}::bigint * interval '1 microsecond')`;
  return sql`insert into rate_limits (key, tat, allowed) values (${`${rule.name}:${subject}`}, ${nowTs} + ${interval}, true)
    on conflict (key) do update set
      tat = case when ${fits} then ${start} + ${interval} else rate_limits.tat end,
      allowed = ${fits}
    returning tat, allowed`;
}

/** The decision a check's row means: allowed, or refused with the seconds until the next request fits. */
export function rateLimitDecision(
  row: RateLimitRow,
  input: { rule: RateLimitRule; now: Date },
): RateLimitDecision {
  if (row.allowed) return { allowed: true, retryAfterSeconds: 0 };
  const intervalUs = Math.max(1, Math.round((input.rule.windowMs * 1000) / input.rule.limit));
  const toleranceUs = intervalUs * (input.rule.limit - 1);
  // Refused: the next request fits once `tat - tolerance` has passed.
  const waitMs = new Date(row.tat).getTime() - toleranceUs / 1000 - input.now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** The 429 of a refused decision (`rate_limited:<rule>`, with `retryAfterSeconds`). */
export function rateLimitedError(rule: RateLimitRule, retryAfterSeconds: number): AppError {
  return new AppError(
    `rate_limited:${rule.name}`,
    `Too many requests. Try again in ${retryAfterSeconds} s.`,
    {
      details: { retryAfterSeconds, messageKey: RATE_LIMITED_MESSAGE_KEY },
    },
  );
}

/** Throw 429 (`rate_limited:<rule>`, with `retryAfterSeconds`) when the bucket is empty. */
export async function enforceRateLimit(
  db: Database | Tx,
  input: { rule: RateLimitRule; subject: string; now: Date },
): Promise<void> {
  const { allowed, retryAfterSeconds } = await checkRateLimit(db, input);
  if (!allowed) throw rateLimitedError(input.rule, retryAfterSeconds);
}

/**
 * Housekeeping: a bucket whose `tat` is before `before` is full again, exactly as if it had
 * no row, so deleting it changes no decision. Bounded batches keep each delete short.
 */
export async function pruneRateLimits(db: Database, before: Date, batchSize?: number): Promise<number> {
  return deleteInBatches(db, rateLimits, rateLimits.key, lt(rateLimits.tat, before), { batchSize });
}
