import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type RateLimitRule = { name: string; limit: number; windowMs: number };

/**
 * Fixed-window counter in the database, so the limit holds across every app instance.
 * One upsert per request: the returned count decides, nothing is read first.
 */
export async function hitRateLimit(db: Database, input: { rule: RateLimitRule; subject: string; now: Date }): Promise<{ count: number; retryAfterSeconds: number }> {
  const { rule, subject, now } = input;
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: `${rule.name}:${subject}`, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
  return { count: row!.count, retryAfterSeconds };
}

/** Throw 429 when `subject` went over the rule's limit in the current window. */
export async function enforceRateLimit(db: Database, input: { rule: RateLimitRule; subject: string; now: Date }): Promise<void> {
  const { count, retryAfterSeconds } = await hitRateLimit(db, input);
  if (count > input.rule.limit) {
    throw new AppError(`rate_limited:${input.rule.name}`, `Too many requests. Try again in ${retryAfterSeconds} s.`, { details: { retryAfterSeconds } });
  }
}

/** Housekeeping: forget windows older than `before`. */
export async function pruneRateLimits(db: Database, before: Date): Promise<number> {
  const gone = await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key });
  return gone.length;
}
