import { env } from "@/lib/env";
import type { RateLimitRule } from "./rate-limit";

/**
 * Every rate limit of the app, in one place (docs/rules.md lists them). Each is a token
 * bucket of `limit` requests per minute: a burst of `limit`, then one every 60 s / `limit`.
 * The subject is the player (or admin) where one is signed in, else the client IP
 * (lib/http/client-ip.ts). Limits are read from the environment so an operator can tune them
 * without a release.
 */
export type RateLimitName =
  | "predictions"
  | "redemptions"
  | "ad-start"
  | "ad-complete"
  | "quotes"
  | "auth-signin"
  | "auth-callback"
  | "admin-writes"
  | "public-reads"
  | "data-export";

const MINUTE = 60_000;

export function rateLimitRule(name: RateLimitName): RateLimitRule {
  const e = env();
  const perMinute: Record<RateLimitName, number> = {
    predictions: e.RATE_LIMIT_PREDICTIONS_PER_MINUTE,
    redemptions: e.RATE_LIMIT_REDEMPTIONS_PER_MINUTE,
    "ad-start": e.RATE_LIMIT_ADS_PER_MINUTE,
    "ad-complete": e.RATE_LIMIT_ADS_PER_MINUTE,
    quotes: e.RATE_LIMIT_QUOTES_PER_MINUTE,
    "auth-signin": e.RATE_LIMIT_AUTH_PER_MINUTE,
    "auth-callback": e.RATE_LIMIT_AUTH_PER_MINUTE,
    "admin-writes": e.RATE_LIMIT_ADMIN_WRITES_PER_MINUTE,
    "public-reads": e.RATE_LIMIT_PUBLIC_READS_PER_MINUTE,
    "data-export": e.RATE_LIMIT_EXPORTS_PER_MINUTE,
  };
  return { name, limit: perMinute[name], windowMs: MINUTE };
}
