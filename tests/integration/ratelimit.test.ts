import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { checkRateLimit, enforceRateLimit, pruneRateLimits } from "@/lib/ratelimit/rate-limit";
import { useTestDb } from "./support/db";

const t = useTestDb();
const rule = { name: "predictions", limit: 5, windowMs: 60_000 };
const now = new Date("2026-11-27T12:00:10+09:00");
const at = (ms: number) => new Date(now.getTime() + ms);

async function allowedCount(name: string, subject: string, instants: Date[], limit = 5) {
  let allowed = 0;
  for (const instant of instants)
    if ((await checkRateLimit(t.db, { rule: { ...rule, name, limit }, subject, now: instant })).allowed)
      allowed += 1;
  return allowed;
}

describe("rate limits (GCRA in the database)", () => {
  it("30 concurrent hits with a limit of 5 → exactly 5 pass, the rest 429 with Retry-After", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => enforceRateLimit(t.db, { rule, subject: "user-1", now })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.flatMap((r) =>
      r.status === "rejected"
        ? [r.reason as { code: string; status: number; details: { retryAfterSeconds: number } }]
        : [],
    );
    expect(refused).toHaveLength(25);
    // One request fits again after window / limit = 12 s.
    expect(refused[0]).toMatchObject({
      code: "rate_limited:predictions",
      status: 429,
      details: { retryAfterSeconds: 12, messageKey: "errors.rateLimited" },
    });
  });

  it("200 concurrent checks against a limit of 37 → exactly 37 allowed", async () => {
    const decisions = await Promise.all(
      Array.from({ length: 200 }, () =>
        checkRateLimit(t.db, { rule: { name: "burst", limit: 37, windowMs: 60_000 }, subject: "s", now }),
      ),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(37);
  });

  it("no 2× burst across a window edge: 10 hits within 400 ms around a minute boundary → 5 pass", async () => {
    const edge = new Date("2026-11-27T12:00:59.800+09:00");
    const instants = Array.from({ length: 10 }, (_, i) => new Date(edge.getTime() + i * 40));
    expect(await allowedCount("edge", "u", instants)).toBe(5);
  });

  it("refills one request per window / limit; a sustained caller gets the limit per window", async () => {
    expect(await allowedCount("refill", "u", [at(0), at(0), at(0), at(0), at(0), at(0)])).toBe(5);
    expect(await allowedCount("refill", "u", [at(11_999)])).toBe(0);
    expect(await allowedCount("refill", "u", [at(12_000), at(12_001)])).toBe(1);
    // Five minutes of one try per second, after the burst: one per 12 s (at 24 s, 36 s, … 312 s).
    const steady = Array.from({ length: 300 }, (_, i) => at(13_000 + i * 1000));
    expect(await allowedCount("refill", "u", steady)).toBe(25);
  });

  it("limits that do not divide the window still allow exactly the limit in a burst", async () => {
    expect(
      await allowedCount(
        "seven",
        "u",
        Array.from({ length: 12 }, () => now),
        7,
      ),
    ).toBe(7);
    expect(
      await allowedCount(
        "three",
        "u",
        Array.from({ length: 12 }, () => now),
        3,
      ),
    ).toBe(3);
  });

  it("a refused request does not push the bucket further (retrying early costs nothing extra)", async () => {
    await allowedCount(
      "norefuse",
      "u",
      Array.from({ length: 5 }, () => now),
    );
    const [before] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "norefuse:u"));
    expect(await allowedCount("norefuse", "u", [at(1000), at(2000), at(3000)])).toBe(0);
    const [after] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "norefuse:u"));
    expect(after!.tat).toEqual(before!.tat);
    expect(after!.allowed).toBe(false);
  });

  it("a clock that stepped back (test clocks, a host's clock fixed by hand) does not lock a subject out", async () => {
    expect(
      await allowedCount(
        "stepback",
        "u",
        Array.from({ length: 6 }, () => at(3_600_000)),
      ),
    ).toBe(5);
    expect(
      await allowedCount(
        "stepback",
        "u",
        Array.from({ length: 6 }, () => now),
      ),
    ).toBe(5);
  });

  it("works inside a caller's transaction and rolls back with it", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enforceRateLimit(tx, { rule, subject: "in-tx", now });
        throw new Error("the caller's write failed");
      }),
    ).rejects.toThrow("the caller's write failed");
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, "predictions:in-tx"))).toEqual([]);
  });

  it("subjects are independent; full buckets are pruned without changing any decision", async () => {
    await enforceRateLimit(t.db, { rule, subject: "user-2", now });
    await enforceRateLimit(t.db, { rule, subject: "user-3", now: at(60_000) });
    const before = (await t.db.select().from(rateLimits)).length;
    // user-2's bucket is full again 12 s later; user-3's is not before 72 s.
    const pruned = await pruneRateLimits(t.db, at(13_000), 2);
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, "predictions:user-2"))).toEqual([]);
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, "predictions:user-3"))).toHaveLength(
      1,
    );
    expect((await t.db.select().from(rateLimits)).length).toBe(before - pruned);
    expect(await pruneRateLimits(t.db, at(13_000))).toBe(0);
  });
});
