/** How a failed Yahoo call is read: retry or not, with a fresh session or not, and why. */
import type { Failure } from "./retry";

const CRUMB_URL = /\/v1\/test\/getcrumb|^https:\/\/finance\.yahoo\.com\//;

/** A non-2xx answer, raised by our fetch wrapper before yahoo-finance2 sees the response. */
export class UpstreamHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
    readonly retryAfterMs?: number,
  ) {
    super(`Yahoo answered HTTP ${status} for ${url.split("?")[0]}${body ? `: ${body.slice(0, 120)}` : ""}`);
    this.name = "UpstreamHttpError";
  }
}

export class UpstreamTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Yahoo did not answer within ${timeoutMs} ms`);
    this.name = "UpstreamTimeoutError";
  }
}

/** Retry-After is seconds or an HTTP date; we only honour the seconds form (Yahoo's). */
export function parseRetryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function classifyYahooError(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UpstreamHttpError) {
    const { status } = error;
    if (CRUMB_URL.test(error.url))
      return { reason: "upstream_error", message, retryable: true, resetSession: true };
    if (status === 429)
      return { reason: "rate_limited", message, retryable: true, retryAfterMs: error.retryAfterMs };
    if (status >= 500)
      return { reason: "upstream_error", message, retryable: true, retryAfterMs: error.retryAfterMs };
    // Yahoo answers 401 "Invalid Crumb" (or 403) when the session expired: start a new one.
    if (status === 401 || status === 403)
      return { reason: "upstream_error", message, retryable: true, resetSession: true };
    if (status === 404) return { reason: "not_found", message, retryable: false };
    return { reason: "upstream_error", message, retryable: false };
  }
  if (error instanceof UpstreamTimeoutError || (error instanceof Error && error.name === "AbortError")) {
    return { reason: "timeout", message, retryable: true };
  }
  if (error instanceof Error && error.name === "FailedYahooValidationError") {
    const first = (error as { errors?: Array<{ instancePath?: string; message?: string }> }).errors?.[0];
    const detail = first ? ` at ${first.instancePath || "/"}: ${first.message ?? "invalid"}` : "";
    return { reason: "invalid_response", message: `${message}${detail}`, retryable: false };
  }
  if (/crumb|set-cookie|consent|redirect/i.test(message)) {
    return { reason: "upstream_error", message, retryable: true, resetSession: true };
  }
  if (/^Unexpected result|not parsable/i.test(message))
    return { reason: "invalid_response", message, retryable: false };
  if (/no data found|delisted|not found/i.test(message))
    return { reason: "not_found", message, retryable: false };
  // Node's fetch reports network failures (DNS, reset, refused) as TypeError("fetch failed").
  if (error instanceof TypeError && /fetch failed|network|socket|ECONN/i.test(message)) {
    return { reason: "upstream_error", message, retryable: true };
  }
  return { reason: "upstream_error", message, retryable: false };
}
