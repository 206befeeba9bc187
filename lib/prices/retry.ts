/**
 * Bounded retries with exponential backoff and jitter. Sleep and randomness are injected so
 * tests run in microseconds and can assert the simulated time spent.
 */
import type { UnavailableReason } from "./types";

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryPolicy = {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/** What a failed attempt means for the next one. */
export type Failure = {
  reason: UnavailableReason;
  message: string;
  retryable: boolean;
  /** Start a fresh cookie/crumb session before retrying (crumb or 401 failures). */
  resetSession?: boolean;
  /** Server-requested wait (Retry-After), honoured up to maxDelayMs. */
  retryAfterMs?: number;
};

/**
 * Delay before retry number `retry` (1 = first retry): "equal jitter" —
 * half of base·2^(retry−1) fixed, the other half random — capped at maxDelayMs.
 * The fixed half guarantees real spacing; the random half spreads instances apart.
 */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = exponential / 2 + (exponential / 2) * random();
  const wanted = retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
  return Math.round(Math.min(policy.maxDelayMs, wanted));
}

/** The longest a retried call can spend sleeping, whatever the jitter. */
export function maxTotalBackoffMs(policy: RetryPolicy): number {
  let total = 0;
  for (let retry = 1; retry < policy.maxAttempts; retry++)
    total += backoffDelayMs(retry, policy, () => 1, policy.maxDelayMs);
  return total;
}

export type RetryOutcome<T> =
  { ok: true; value: T; attempts: number } | { ok: false; failure: Failure; attempts: number };

export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  classify: (error: unknown) => Failure,
  opts: {
    policy: RetryPolicy;
    sleep: Sleep;
    random: () => number;
    /** Called before each retry (after its delay is chosen): log, reset a session… */
    onRetry?: (failure: Failure, retry: number, delayMs: number) => void;
  },
): Promise<RetryOutcome<T>> {
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (error) {
      const failure = classify(error);
      if (!failure.retryable || n >= opts.policy.maxAttempts) return { ok: false, failure, attempts: n };
      const delay = backoffDelayMs(n, opts.policy, opts.random, failure.retryAfterMs);
      opts.onRetry?.(failure, n, delay);
      await opts.sleep(delay);
    }
  }
}
