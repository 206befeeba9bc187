/**
 * A limiter for upstream requests: at most `maxConcurrent` in flight and at least
 * `minIntervalMs` between two starts. One instance per process protects the Yahoo quota
 * whatever the number of callers (quotes refresh, EOD collection, sparklines…).
 */
import { processSingleton } from "@/lib/process-singleton";
import { realSleep, type Sleep } from "./retry";

export type ThrottleOptions = {
  maxConcurrent: number;
  minIntervalMs: number;
  /** Monotonic milliseconds (not wall-clock time). */
  monotonicNow?: () => number;
  sleep?: Sleep;
};

export type Throttle = {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
};

export function createThrottle(opts: ThrottleOptions): Throttle {
  const maxConcurrent = Math.max(1, Math.floor(opts.maxConcurrent));
  const monotonicNow = opts.monotonicNow ?? (() => performance.now());
  const sleep = opts.sleep ?? realSleep;
  const queue: Array<() => void> = [];
  let active = 0;
  let nextStartAt = -Infinity;

  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < maxConcurrent) {
        active++;
        resolve();
      } else queue.push(resolve);
    });

  const release = () => {
    const next = queue.shift();
    // The slot passes straight to the next waiter, so `active` is unchanged.
    if (next) next();
    else active--;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        const now = monotonicNow();
        const startAt = Math.max(now, nextStartAt);
        nextStartAt = startAt + opts.minIntervalMs;
        if (startAt > now) await sleep(startAt - now);
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

export const YAHOO_MAX_CONCURRENT = 4;
export const YAHOO_MIN_INTERVAL_MS = 150;

/** The process-wide Yahoo limiter (one per process, so dev reloads do not multiply it). */
export function processYahooThrottle(): Throttle {
  return processSingleton("yahoo-throttle", () =>
    createThrottle({ maxConcurrent: YAHOO_MAX_CONCURRENT, minIntervalMs: YAHOO_MIN_INTERVAL_MS }),
  );
}
