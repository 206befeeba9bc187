import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  adViews,
  auditLog,
  errorLog,
  jobRuns,
  pointsLedger,
  predictions,
  priceTicks,
  quotes,
  rateLimits,
  redemptions,
} from "@/db/schema";
import type { Database } from "@/db/client";
import { executeJob } from "@/lib/jobs";
import { pruneHousekeeping } from "@/lib/jobs/retention";
import type { JobDeps } from "@/lib/jobs/types";
import { recordAudit } from "@/lib/ops/audit";
import { postEntry } from "@/lib/points";
import { submitPrediction } from "@/lib/predictions";
import { checkRateLimit } from "@/lib/ratelimit/rate-limit";
import { completeAd, startAd } from "@/lib/slots";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2026-11-27T04:05:00+09:00");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 24 * 3_600_000;
const OLD_DAY = "2026-10-15";
const oldNoon = new Date(`${OLD_DAY}T12:00:00+09:00`);
const noPrices = (): never => {
  throw new Error("prune asks no prices");
};
const deps: JobDeps = {
  priceProvider: {
    id: "simulated",
    label: "none",
    simulated: true,
    getQuotes: noPrices,
    getEodClose: noPrices,
    getEodCloses: noPrices,
    getSeries: noPrices,
    lookupSymbols: noPrices,
    mostActive: noPrices,
  },
};

async function counts(db: Database) {
  const n = async (table: typeof pointsLedger | typeof predictions | typeof redemptions | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    ledger: await n(pointsLedger),
    predictions: await n(predictions),
    redemptions: await n(redemptions),
    audit: await n(auditLog),
  };
}

const quoteRow = (symbol: string, fetchedAt: Date) => ({
  symbol,
  price: "10.000000",
  marketState: "CLOSED" as const,
  source: "simulated",
  asOf: fetchedAt,
  fetchedAt,
  expiresAt: new Date(fetchedAt.getTime() + 60_000),
});
const runRow = (job: string, key: string, status: "SUCCEEDED" | "FAILED" | "RUNNING", startedAt: Date) => ({
  job,
  businessKey: key,
  status,
  trigger: "admin",
  startedAt,
});

describe("the daily prune job", () => {
  it("deletes old housekeeping rows in batches, keeps recent ones and every protected table, and is idempotent", async () => {
    const p = await createPlayer(t.db);
    // Protected history, some of it old.
    await upsertUniverse(t.db, { tradingDay: OLD_DAY, symbols: ["AAPL"] });
    await postEntry(t.db, {
      userId: p.id,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${p.id}`,
      now: oldNoon,
    });
    await submitPrediction(t.db, {
      userId: p.id,
      symbol: "AAPL",
      choice: "UP",
      now: oldNoon,
      takeSnapshot: async () => ({ price: 10, at: oldNoon, source: "simulated" }),
    });
    await recordAudit(t.db, { actorId: null, action: "integrity.run", now: oldNoon });
    const completedOld = await startAd(t.db, {
      userId: p.id,
      tradingDay: OLD_DAY,
      now: oldNoon,
      minWatchSeconds: 15,
    });
    await completeAd(t.db, {
      userId: p.id,
      token: completedOld.token,
      now: new Date(oldNoon.getTime() + 20_000),
    });

    // Housekeeping rows: old and recent of each.
    await checkRateLimit(t.db, {
      rule: { name: "old", limit: 5, windowMs: 60_000 },
      subject: "a",
      now: ago(3_600_000),
    });
    await checkRateLimit(t.db, {
      rule: { name: "live", limit: 5, windowMs: 60_000 },
      subject: "a",
      now: NOW,
    });
    const expiredTokens = [];
    for (let i = 0; i < 7; i++)
      expiredTokens.push(
        (await startAd(t.db, { userId: p.id, tradingDay: OLD_DAY, now: oldNoon, minWatchSeconds: 15 })).token,
      );
    const freshToken = (
      await startAd(t.db, {
        userId: p.id,
        tradingDay: "2026-11-26",
        now: ago(10 * 60_000),
        minWatchSeconds: 15,
      })
    ).token;
    await t.db.insert(quotes).values([quoteRow("OLDQ", ago(8 * DAY)), quoteRow("NEWQ", ago(DAY))]);
    await t.db.insert(priceTicks).values([
      { symbol: "OLDQ", at: ago(6 * DAY), price: "10" },
      { symbol: "OLDQ", at: ago(DAY), price: "11" },
    ]);
    await t.db
      .insert(jobRuns)
      .values([
        runRow("settle", "2026-10-01", "SUCCEEDED", ago(40 * DAY)),
        runRow("settle", "2026-10-02", "FAILED", ago(40 * DAY)),
        runRow("settle", "2026-10-03", "RUNNING", ago(40 * DAY)),
        runRow("settle", "2026-11-20", "SUCCEEDED", ago(7 * DAY)),
      ]);
    await t.db.insert(errorLog).values([
      { kind: "internal:old", message: "old", occurredAt: ago(31 * DAY) },
      { kind: "internal:new", message: "new", occurredAt: ago(DAY) },
    ]);
    const protectedBefore = await counts(t.db);

    const first = await executeJob(t.db, { job: "prune", trigger: "inprocess", now: NOW, deps });
    expect(first.runs).toHaveLength(1);
    expect(first.runs[0]).toMatchObject({ businessKey: "2026-11-27", status: "SUCCEEDED" });
    expect(first.runs[0]!.result).toMatchObject({
      deleted: { rateLimits: 1, adViews: 7, quotes: 1, priceTicks: 1, jobRuns: 2, errorLog: 1 },
    });

    expect((await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key)).toEqual([
      "live:a",
    ]);
    const ads = await t.db.select({ id: adViews.id, status: adViews.status }).from(adViews);
    expect(ads.map((a) => a.id).sort()).toEqual([completedOld.token, freshToken].sort());
    expect((await t.db.select({ s: quotes.symbol }).from(quotes)).map((q) => q.s)).toEqual(["NEWQ"]);
    expect(await t.db.select({ price: priceTicks.price }).from(priceTicks)).toEqual([{ price: "11.000000" }]);
    const runs = await t.db
      .select({ key: jobRuns.businessKey, status: jobRuns.status })
      .from(jobRuns)
      .where(eq(jobRuns.job, "settle"));
    expect(runs.map((r) => r.key).sort()).toEqual(["2026-10-03", "2026-11-20"]);
    expect((await t.db.select({ k: errorLog.kind }).from(errorLog)).map((e) => e.k)).toEqual([
      "internal:new",
    ]);
    expect(await counts(t.db)).toEqual(protectedBefore);
    expect(protectedBefore).toMatchObject({ ledger: 1, predictions: 1, audit: 1 });

    // Idempotent: the day's run is recorded; pruning again deletes nothing.
    const again = await executeJob(t.db, {
      job: "prune",
      trigger: "inprocess",
      now: new Date(NOW.getTime() + 60_000),
      deps,
    });
    expect(again.runs[0]).toMatchObject({ status: "SUCCEEDED", fresh: false });
    expect(await pruneHousekeeping(t.db, NOW)).toEqual({
      rateLimits: 0,
      adViews: 0,
      quotes: 0,
      priceTicks: 0,
      jobRuns: 0,
      errorLog: 0,
    });
    expect(await counts(t.db)).toEqual(protectedBefore);
  });

  it("is not due before 04:00 KST", async () => {
    const early = await executeJob(t.db, {
      job: "prune",
      trigger: "inprocess",
      now: new Date("2026-11-28T03:30:00+09:00"),
      deps,
    });
    expect(early).toMatchObject({ skipped: "not due before 04:00 KST" });
  });
});
