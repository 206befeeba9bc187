/** One retried, session-aware call to yahoo-finance2, shared by every Yahoo module. */
import { log } from "@/lib/log";
import {
  DEFAULT_RETRY_POLICY,
  realSleep,
  withRetry,
  type RetryOutcome,
  type RetryPolicy,
  type Sleep,
} from "./retry";
import { processYahooThrottle, type Throttle } from "./throttle";
import { createYahooClient, createYahooFetch, type FetchLike, type YahooClient } from "./yahoo-client";
import { classifyYahooError } from "./yahoo-errors";

export type YahooProviderOptions = {
  /** The fetch underneath yahoo-finance2 (tests inject recorded responses). */
  fetch?: FetchLike;
  /** Test-only: send every request to this origin instead of Yahoo's (YAHOO_BASE_URL). */
  baseUrl?: string;
  /** Per upstream request, headers and body (default 8 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  /** Default: the process-wide Yahoo throttle. */
  throttle?: Throttle;
  /** Symbols per quote request (default 50: 101 symbols → 3 requests). */
  maxSymbolsPerRequest?: number;
};

export const DEFAULT_YAHOO_TIMEOUT_MS = 8_000;
export const DEFAULT_SYMBOLS_PER_REQUEST = 50;

export type YahooCall = <T>(
  what: string,
  op: (client: YahooClient) => Promise<T>,
) => Promise<RetryOutcome<T>>;

const callLog = log.child({ module: "prices", provider: "yahoo" });

export function createYahooCall(opts: YahooProviderOptions): YahooCall {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const fetchFn = createYahooFetch({
    fetch: opts.fetch,
    baseUrl: opts.baseUrl,
    throttle: opts.throttle ?? processYahooThrottle(),
    timeoutMs: opts.timeoutMs ?? DEFAULT_YAHOO_TIMEOUT_MS,
  });
  let client = createYahooClient(fetchFn);

  return async (what, op) => {
    let used = client;
    return withRetry(
      () => {
        used = client;
        return op(used);
      },
      classifyYahooError,
      {
        policy,
        sleep,
        random,
        onRetry: (failure, retry, delayMs) => {
          // A rejected crumb or cookie: drop the whole session, unless another call already did.
          if (failure.resetSession && client === used) client = createYahooClient(fetchFn);
          callLog.info(
            { what, retry, delayMs, reason: failure.reason, error: failure.message },
            "retrying Yahoo call",
          );
        },
      },
    );
  };
}
