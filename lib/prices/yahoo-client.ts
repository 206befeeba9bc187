/**
 * The yahoo-finance2 v4 client as we use it: our fetch underneath (throttled, optionally
 * pointed at a local fake, non-2xx turned into typed errors), its own cookie jar per
 * session, its chatter routed to our logger, and a hard timeout around every call.
 */
import YahooFinance from "yahoo-finance2";
import { ExtendedCookieJar } from "yahoo-finance2/lib/cookieJar";
import { log } from "@/lib/log";
import type { Throttle } from "./throttle";
import { parseRetryAfterMs, UpstreamHttpError, UpstreamTimeoutError } from "./yahoo-errors";

export type YahooClient = InstanceType<typeof YahooFinance>;
export type FetchLike = typeof fetch;

const libLog = log.child({ module: "yahoo-finance2" });

// Validation problems are reported by the provider with the symbol; the library's own
// multi-line banners and its Node-version warning are kept at debug level.
const yahooLogger = {
  info: (...args: unknown[]) => libLog.debug({ args }, "yahoo-finance2 info"),
  warn: (...args: unknown[]) => libLog.debug({ args }, "yahoo-finance2 warning"),
  error: (...args: unknown[]) => libLog.debug({ args }, "yahoo-finance2 error"),
  debug: () => {},
  dir: () => {},
};

/** The cookie-and-crumb page: its status is the library's business (it follows redirects itself). */
function isCookiePage(url: string): boolean {
  return url.startsWith("https://finance.yahoo.com/");
}

function urlOf(input: Parameters<FetchLike>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export type YahooFetchOptions = {
  fetch?: FetchLike;
  baseUrl?: string;
  throttle: Throttle;
  /** Budget of one upstream request, headers and body included, counted once it leaves the throttle. */
  timeoutMs: number;
};

export function createYahooFetch(opts: YahooFetchOptions): FetchLike {
  const underlying = opts.fetch ?? globalThis.fetch;
  const base = opts.baseUrl?.replace(/\/+$/, "");
  const wrapped = async (input: Parameters<FetchLike>[0], init?: RequestInit): Promise<Response> => {
    const original = urlOf(input);
    // Test-only YAHOO_BASE_URL: same paths, served by a local fake.
    const target = base ? `${base}${new URL(original).pathname}${new URL(original).search}` : original;
    // The timeout starts after the throttle, so a long queue (EOD of 100 symbols) never
    // times requests out before they are sent.
    return opts.throttle.run(() =>
      withTimeout(opts.timeoutMs, async (signal) => {
        const response = await underlying(target, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
        });
        // The body is read here so that a stalled body is covered by the same timeout.
        const body = await response.text();
        if (response.status >= 400 && !isCookiePage(original)) {
          throw new UpstreamHttpError(
            response.status,
            original,
            body.trim(),
            parseRetryAfterMs(response.headers.get("retry-after")),
          );
        }
        return new Response(NULL_BODY_STATUS.has(response.status) ? null : body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }),
    );
  };
  return wrapped as FetchLike;
}

/** A fresh client: new cookie jar, hence a new crumb on first use. */
export function createYahooClient(fetchFn: FetchLike): YahooClient {
  return new YahooFinance({
    fetch: fetchFn,
    versionCheck: false,
    suppressNotices: ["yahooSurvey", "ripHistorical"],
    cookieJar: new ExtendedCookieJar(),
    logger: yahooLogger,
    // Our throttle limits requests; the library's own queue must not add a second limit.
    queue: { concurrency: 64 },
    validation: { logErrors: false, logOptionsErrors: true },
  });
}

/** Run `task` with an abort signal that fires after `ms`; reject with UpstreamTimeoutError then. */
export async function withTimeout<T>(ms: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new UpstreamTimeoutError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
