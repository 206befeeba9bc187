import type { Database, Tx } from "@/db/client";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { enforceRateLimit } from "./rate-limit";
import { rateLimitRule, type RateLimitName } from "./rules";

/** The bucket a request counts against: its signed-in user, else its client IP. */
export function requestSubject(headers: Headers, userId?: string | null): string {
  return userId ? `user:${userId}` : `ip:${clientIp(headers, env().TRUSTED_PROXY_HOPS)}`;
}

/** One named limit for one request (429 with Retry-After when its bucket is empty). */
export async function enforceRequestLimit(
  db: Database | Tx,
  name: RateLimitName,
  input: { headers: Headers; userId?: string | null; now: Date },
): Promise<void> {
  await enforceRateLimit(db, {
    rule: rateLimitRule(name),
    subject: requestSubject(input.headers, input.userId),
    now: input.now,
  });
}
