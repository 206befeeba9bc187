import { describe, expect, it } from "vitest";
import {
  classifyYahooError,
  parseRetryAfterMs,
  UpstreamHttpError,
  UpstreamTimeoutError,
} from "./yahoo-errors";

const QUOTE_URL = "https://query2.finance.yahoo.com/v7/finance/quote?symbols=AAPL";

describe("classifyYahooError", () => {
  it.each([
    [
      new UpstreamHttpError(429, QUOTE_URL, "Too Many Requests", 2_000),
      { reason: "rate_limited", retryable: true, retryAfterMs: 2_000 },
    ],
    [new UpstreamHttpError(503, QUOTE_URL, ""), { reason: "upstream_error", retryable: true }],
    [
      new UpstreamHttpError(401, QUOTE_URL, "Invalid Crumb"),
      { reason: "upstream_error", retryable: true, resetSession: true },
    ],
    [
      new UpstreamHttpError(500, "https://query1.finance.yahoo.com/v1/test/getcrumb", ""),
      { retryable: true, resetSession: true },
    ],
    [new UpstreamHttpError(404, QUOTE_URL, ""), { reason: "not_found", retryable: false }],
    [new UpstreamHttpError(400, QUOTE_URL, ""), { reason: "upstream_error", retryable: false }],
    [new UpstreamTimeoutError(5_000), { reason: "timeout", retryable: true }],
    [new TypeError("fetch failed"), { reason: "upstream_error", retryable: true }],
    [new Error("No set-cookie header present in Yahoo's response."), { retryable: true, resetSession: true }],
    [
      Object.assign(new Error("Failed Yahoo Schema validation"), { name: "FailedYahooValidationError" }),
      { reason: "invalid_response", retryable: false },
    ],
    [new Error("something else"), { reason: "upstream_error", retryable: false }],
  ] as const)("%s", (error, expected) => {
    expect(classifyYahooError(error)).toMatchObject(expected);
  });

  it("reads Retry-After seconds", () => {
    expect(parseRetryAfterMs("3")).toBe(3_000);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).toBeUndefined();
  });
});
