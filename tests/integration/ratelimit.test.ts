import { describe, expect, it } from "vitest";
import { enforceRateLimit, pruneRateLimits } from "@/lib/ratelimit/rate-limit";
import { useTestDb } from "./support/db";

const t = useTestDb();
const rule = { name: "predictions", limit: 5, windowMs: 60_000 };
const now = new Date("2026-11-27T12:00:10+09:00");

describe("rate limits", () => {
  it("30 concurrent hits with a limit of 5 → exactly 5 pass, the rest 429 with Retry-After", async () => {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => enforceRateLimit(t.db, { rule, subject: "user-1", now })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; status: number; details: { retryAfterSeconds: number } }] : []));
    expect(refused).toHaveLength(25);
    expect(refused[0]).toMatchObject({ code: "rate_limited:predictions", status: 429, details: { retryAfterSeconds: 50 } });
  });

  it("subjects and windows are independent; old windows are pruned", async () => {
    await enforceRateLimit(t.db, { rule, subject: "user-2", now });
    await enforceRateLimit(t.db, { rule, subject: "user-1", now: new Date(now.getTime() + 60_000) });
    expect(await pruneRateLimits(t.db, new Date(now.getTime() + 50_000))).toBe(2);
  });
});
