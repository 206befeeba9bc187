/**
 * Auth.js's route handlers behind the per-IP limits, called as Next calls them. The app's
 * database is this test's database; no provider is contacted (the limit answers first, and
 * the callbacks that get through fail Auth.js's own state check before any token request).
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { authRateLimitFor } from "@/lib/auth/auth-rate-limit";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";

// A small limit (one request per 15 s): no token refills while the test runs, however slow
// the machine.
vi.hoisted(() => {
  process.env.RATE_LIMIT_AUTH_PER_MINUTE = "4";
});

const t = useTestDb();
const undo: Array<() => void> = [];
beforeAll(() => {
  undo.push(serveAppFrom(t));
  shiftAppClockTo(new Date("2026-11-27T12:00:00+09:00"));
});
afterAll(() => {
  for (const u of undo.splice(0)) u();
  resetAppClock();
});

const req = (method: string, path: string, ip: string) =>
  new NextRequest(`http://localhost${path}`, {
    method,
    headers: {
      "x-forwarded-for": ip,
      ...(method === "POST"
        ? { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" }
        : {}),
    },
    ...(method === "POST" ? { body: "csrfToken=x" } : {}),
  });

describe("Auth.js endpoints are rate limited per client IP", () => {
  it("only sign-in starts and callbacks count", () => {
    expect(authRateLimitFor("POST", "/api/auth/signin/google")).toBe("auth-signin");
    expect(authRateLimitFor("GET", "/api/auth/callback/kakao")).toBe("auth-callback");
    expect(authRateLimitFor("POST", "/api/auth/callback/dev")).toBe("auth-callback");
    expect(authRateLimitFor("GET", "/api/auth/session")).toBeNull();
    expect(authRateLimitFor("GET", "/api/auth/csrf")).toBeNull();
    expect(authRateLimitFor("GET", "/api/auth/signin")).toBeNull();
  });

  it("the 5th callback in a minute (limit 4) from one IP → 429 with Retry-After; another IP and session reads are unaffected", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < 4; i++)
      expect((await GET(req("GET", "/api/auth/callback/google?code=c&state=s", ip))).status).not.toBe(429);
    const refused = await GET(req("GET", "/api/auth/callback/google?code=c&state=s", ip));
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as {
      code: string;
      details: { retryAfterSeconds: number; messageKey: string };
    };
    expect(body).toMatchObject({
      code: "rate_limited:auth-callback",
      details: { messageKey: "errors.rateLimited" },
    });
    expect(body.details.retryAfterSeconds).toBeGreaterThanOrEqual(10);
    expect(refused.headers.get("retry-after")).toBe(String(body.details.retryAfterSeconds));
    expect(
      (await GET(req("GET", "/api/auth/callback/google?code=c&state=s", "203.0.113.51"))).status,
    ).not.toBe(429);
    for (let i = 0; i < 30; i++) expect((await GET(req("GET", "/api/auth/session", ip))).status).toBe(200);
  });

  it("sign-in starts have their own bucket", async () => {
    const ip = "203.0.113.60";
    for (let i = 0; i < 4; i++)
      expect((await POST(req("POST", "/api/auth/signin/google", ip))).status).not.toBe(429);
    const refused = await POST(req("POST", "/api/auth/signin/google", ip));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
