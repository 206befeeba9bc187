import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import {
  adminAlerts,
  eodPrices,
  jobRuns,
  notifications,
  pointsBalances,
  predictions,
  tradingSessions,
  universeEntries,
} from "@/db/schema";
import { marketCloseAt, marketOpenAt, settlementDueAt } from "@/lib/calendar";
import {
  isInprocessSchedulerRunning,
  scheduleCooldownRefill,
  startInprocessScheduler,
  tickScheduler,
  type JobDeps,
} from "@/lib/jobs";
import { createPriceProvider, type EodResult } from "@/lib/prices";
import { postEntry } from "@/lib/points";
import { submitPrediction, type TakeSnapshot } from "@/lib/predictions";
import { lastSettledSummaryForUser, outcomeOf } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer } from "./support/players";
import { useTestDb } from "./support/db";
import { providerLike } from "./support/providers";

const t = useTestDb();
const sim = createPriceProvider("simulated", { seed: "jobs-daily-cycle" });
const deps: JobDeps = { priceProvider: sim };
const kst = (iso: string) => new Date(`${iso}+09:00`);
const tick = (db: Database, at: Date) => tickScheduler(db, at, { deps });

const snapshotAt =
  (at: Date): TakeSnapshot =>
  async (symbol) => {
    const q = (await sim.getQuotes([symbol], at)).get(symbol);
    return q?.status === "ok" ? { price: q.price, at: q.asOf, source: q.source } : null;
  };

async function session(db: Database, day: string) {
  const [row] = await db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, day));
  return row?.phase ?? null;
}

function ranIn(reports: Awaited<ReturnType<typeof tick>>, job: string) {
  return reports.filter((r) => r.job === job).flatMap((r) => r.outcome?.runs.filter((x) => x.fresh) ?? []);
}

describe("in-process scheduler through a whole trading day (US winter)", () => {
  const DAY = "2026-11-24";

  it("selects, opens, closes, collects EOD from the simulated market and settles; the player sees the outcome", async () => {
    const early = await tick(t.db, kst("2026-11-24T05:25:00"));
    expect(ranIn(early, "select-universe")).toHaveLength(0);
    expect(await t.db.select().from(universeEntries).where(eq(universeEntries.tradingDay, DAY))).toHaveLength(
      0,
    );

    const selecting = await tick(t.db, kst("2026-11-24T05:30:10"));
    expect(ranIn(selecting, "select-universe")).toMatchObject([
      { businessKey: DAY, status: "SUCCEEDED", result: { action: "selected", rule: "KEEP", symbols: 101 } },
    ]);
    expect(await session(t.db, DAY)).toBeNull();

    const opening = await tick(t.db, kst("2026-11-24T06:00:05"));
    expect(ranIn(opening, "open-session")).toMatchObject([{ businessKey: DAY, status: "SUCCEEDED" }]);
    expect(await session(t.db, DAY)).toBe("OPEN");

    // Players call during the session; the scheduler keeps the quote cache warm meanwhile.
    const noon = kst("2026-11-24T12:00:00");
    const player = await createPlayer(t.db);
    await postEntry(t.db, {
      userId: player.id,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${player.id}`,
    });
    const calls = [
      await submitPrediction(t.db, {
        userId: player.id,
        symbol: "NVDA",
        choice: "UP",
        now: noon,
        takeSnapshot: snapshotAt(noon),
      }),
      await submitPrediction(t.db, {
        userId: player.id,
        symbol: "AAPL",
        choice: "DOWN",
        now: noon,
        takeSnapshot: snapshotAt(noon),
      }),
      await submitPrediction(t.db, {
        userId: player.id,
        symbol: "TSLA",
        choice: "UP",
        now: noon,
        takeSnapshot: snapshotAt(noon),
      }),
    ];
    const midday = await tick(t.db, noon);
    expect(ranIn(midday, "refresh-prices")).toMatchObject([
      { businessKey: `${DAY}@12:00`, status: "SUCCEEDED", result: { symbols: 101 } },
    ]);
    expect(ranIn(await tick(t.db, kst("2026-11-24T12:01:00")), "refresh-prices")).toHaveLength(0);

    await tick(t.db, kst("2026-11-24T23:58:59"));
    expect(await session(t.db, DAY)).toBe("OPEN");
    const closing = await tick(t.db, kst("2026-11-24T23:59:01"));
    expect(ranIn(closing, "close-session")).toMatchObject([{ businessKey: DAY, status: "SUCCEEDED" }]);
    expect(await session(t.db, DAY)).toBe("CLOSED");

    // 06:19 KST: 19 minutes after the close (16:00 EST) the close is not final yet.
    await tick(t.db, kst("2026-11-25T06:19:00"));
    expect(await session(t.db, DAY)).toBe("CLOSED");
    expect(await t.db.select().from(eodPrices).where(eq(eodPrices.tradingDay, DAY))).toHaveLength(0);

    const settling = await tick(t.db, kst("2026-11-25T06:20:30"));
    const [eodRun] = ranIn(settling, "collect-eod");
    expect(eodRun).toMatchObject({
      businessKey: DAY,
      status: "SUCCEEDED",
      result: { eod: { stored: 101 }, settlement: { complete: true, settled: 3 } },
    });
    expect(await session(t.db, DAY)).toBe("SETTLED");

    // Each call settled against the simulated close exactly as the rules say.
    let points = 0;
    for (const c of calls) {
      const [row] = await t.db.select().from(predictions).where(eq(predictions.id, c.prediction.id));
      const close = await sim.getEodClose(c.prediction.symbol, DAY, kst("2026-11-25T06:20:30"));
      expect(close.status).toBe("ok");
      const expected = outcomeOf({
        choice: c.prediction.choice,
        snapshotPrice: Number(c.prediction.snapshotPrice),
        snapshotAt: c.prediction.snapshotAt,
        close: close.status === "ok" ? close.close : undefined,
        corporateAction: null,
        marketOpenAt: marketOpenAt(DAY),
      });
      expect(row).toMatchObject({
        status: expected.status,
        voidReason: expected.voidReason,
        pointsAwarded: expected.points,
      });
      expect(Number(row!.closePrice)).toBeCloseTo(close.status === "ok" ? close.close : NaN, 6);
      points += expected.points;
    }
    const [balance] = await t.db.select().from(pointsBalances).where(eq(pointsBalances.userId, player.id));
    expect(balance!.balance).toBe(1000 + points);
    const board = await lastSettledSummaryForUser(t.db, {
      userId: player.id,
      now: kst("2026-11-25T07:00:00"),
    });
    expect(board).toMatchObject({ tradingDay: DAY, points, pending: 0 });
    expect(board!.correct + board!.incorrect + board!.void).toBe(3);
    expect(
      await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, player.id), eq(notifications.kind, "settlement"))),
    ).toHaveLength(1);

    // Ticks keep coming: nothing runs twice.
    const later = await tick(t.db, kst("2026-11-25T06:45:00"));
    expect(ranIn(later, "collect-eod")).toHaveLength(0);
    expect(
      await t.db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, "collect-eod"), eq(jobRuns.businessKey, DAY))),
    ).toHaveLength(1);
    expect(ranIn(await tick(t.db, kst("2026-11-25T07:00:30")), "integrity-check")).toMatchObject([
      { businessKey: "2026-11-25", result: { problems: 0 } },
    ]);
  });
});

describe("DST, holidays and catch-up", () => {
  it("US summer: the EOD step settles at 05:20 KST, not before", async () => {
    const day = "2026-07-14";
    expect(settlementDueAt(day)).toEqual(kst("2026-07-15T05:20:00"));
    await tick(t.db, kst("2026-07-14T06:00:05"));
    expect(await session(t.db, day)).toBe("OPEN");
    await tick(t.db, kst("2026-07-14T23:59:00"));
    expect(await session(t.db, day)).toBe("CLOSED");
    await tick(t.db, kst("2026-07-15T05:19:59"));
    expect(await session(t.db, day)).toBe("CLOSED");
    await tick(t.db, kst("2026-07-15T05:20:00"));
    expect(await session(t.db, day)).toBe("SETTLED");
  });

  it("no session opens on a holiday", async () => {
    const reports = await tick(t.db, kst("2026-11-26T06:05:00"));
    expect(reports.find((r) => r.job === "open-session")?.outcome).toMatchObject({
      skipped: "not a trading day",
    });
    expect(await session(t.db, "2026-11-26")).toBeNull();
  });

  it("after a restart, missed closes and settlements of recent days are caught up in one tick, oldest first", async () => {
    const days = ["2026-03-09", "2026-03-10"];
    const player = await createPlayer(t.db);
    for (const day of days) {
      await upsertUniverse(t.db, { tradingDay: day });
      await t.db.insert(tradingSessions).values({
        tradingDay: day,
        phase: "OPEN",
        opensAt: kst(`${day}T06:00:00`),
        closesAt: kst(`${day}T23:59:00`),
      });
      await t.db.insert(predictions).values({
        userId: player.id,
        tradingDay: day,
        symbol: "MSFT",
        choice: "UP",
        snapshotPrice: "400",
        snapshotAt: kst(`${day}T12:00:00`),
      });
    }
    const reports = await tick(t.db, kst("2026-03-12T09:00:00"));
    expect(ranIn(reports, "close-session").map((r) => r.businessKey)).toEqual(days);
    expect(ranIn(reports, "collect-eod").map((r) => [r.businessKey, r.status])).toEqual(
      days.map((d) => [d, "SUCCEEDED"]),
    );
    for (const day of days) expect(await session(t.db, day)).toBe("SETTLED");
    // 2026-03-11 was due too, but nobody opened or played it: left alone.
    expect(await session(t.db, "2026-03-11")).toBeNull();
  });

  it("closes still missing: retried with back-off, operators alerted after 2 h, void (no_close) after 24 h", async () => {
    const day = "2026-04-14";
    const player = await createPlayer(t.db);
    await upsertUniverse(t.db, { tradingDay: day, symbols: ["MSFT", "HALTD"] });
    await t.db.insert(tradingSessions).values({
      tradingDay: day,
      phase: "CLOSED",
      opensAt: kst(`${day}T06:00:00`),
      closesAt: kst(`${day}T23:59:00`),
    });
    await t.db.insert(predictions).values([
      {
        userId: player.id,
        tradingDay: day,
        symbol: "MSFT",
        choice: "UP",
        snapshotPrice: "1",
        snapshotAt: kst(`${day}T12:00:00`),
      },
      {
        userId: player.id,
        tradingDay: day,
        symbol: "HALTD",
        choice: "UP",
        snapshotPrice: "1",
        snapshotAt: kst(`${day}T12:00:00`),
      },
    ]);
    const halted = providerLike(sim, {
      getEodCloses: async (symbols, d, now) => {
        const answers = await sim.getEodCloses(
          symbols.filter((s) => s !== "HALTD"),
          d,
          now,
        );
        answers.set("HALTD", {
          status: "unavailable",
          symbol: "HALTD",
          tradingDay: d,
          reason: "no_data",
        } satisfies EodResult);
        return answers;
      },
    });
    const only = { deps: { priceProvider: halted }, jobs: ["collect-eod"] as const };
    const due = settlementDueAt(day);
    const at = (ms: number) => new Date(due.getTime() + ms);

    const [first] = (await tickScheduler(t.db, at(0), only))[0]!.outcome!.runs;
    expect(first).toMatchObject({
      status: "INCOMPLETE",
      attempt: 1,
      result: { settlement: { pending: 1, waitingForClose: ["HALTD"], settled: 1 } },
    });
    expect(first!.reason).toMatch(/HALTD/);
    expect((await tickScheduler(t.db, at(60_000), only))[0]!.outcome!.runs[0]).toMatchObject({
      status: "SKIPPED",
      reason: "backoff after a failed run",
    });
    expect((await tickScheduler(t.db, at(6 * 60_000), only))[0]!.outcome!.runs[0]).toMatchObject({
      status: "INCOMPLETE",
      attempt: 2,
    });
    expect(
      await t.db
        .select()
        .from(adminAlerts)
        .where(eq(adminAlerts.dedupeKey, `eod_pending:${day}`)),
    ).toHaveLength(0);
    await tickScheduler(t.db, at(2 * 3_600_000 + 60_000), only);
    expect(
      await t.db
        .select()
        .from(adminAlerts)
        .where(eq(adminAlerts.dedupeKey, `eod_pending:${day}`)),
    ).toHaveLength(1);
    expect(await session(t.db, day)).toBe("SETTLING");

    const final = (
      await tickScheduler(t.db, new Date(marketCloseAt(day).getTime() + 24 * 3_600_000), only)
    )[0]!.outcome!.runs[0];
    expect(final).toMatchObject({
      status: "SUCCEEDED",
      result: { settlement: { complete: true, voidReasons: { no_close: 1 } } },
    });
    expect(await session(t.db, day)).toBe("SETTLED");
    expect(
      await t.db
        .select()
        .from(jobRuns)
        .where(
          and(eq(jobRuns.job, "collect-eod"), eq(jobRuns.businessKey, day), eq(jobRuns.status, "SUCCEEDED")),
        ),
    ).toHaveLength(1);
  });
});

describe("integrity check", () => {
  it("a problem found raises one critical admin alert for the day", async () => {
    const player = await createPlayer(t.db);
    // A balance that disagrees with its (empty) ledger: I1 is broken on purpose, then repaired.
    await t.db.insert(pointsBalances).values({ userId: player.id, balance: 70 });
    try {
      const only = { deps, jobs: ["integrity-check"] as const };
      const [report] = await tickScheduler(t.db, kst("2026-06-01T07:00:30"), only);
      expect(report!.outcome!.runs[0]).toMatchObject({
        businessKey: "2026-06-01",
        status: "SUCCEEDED",
        result: { problems: 1 },
      });
      await tickScheduler(t.db, kst("2026-06-01T07:05:00"), only);
      const alerts = await t.db
        .select()
        .from(adminAlerts)
        .where(eq(adminAlerts.dedupeKey, "integrity:2026-06-01"));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: "integrity", severity: "critical" });
      expect(alerts[0]!.message).toContain("I1 balance equals ledger sum");
    } finally {
      await t.db.delete(pointsBalances).where(eq(pointsBalances.userId, player.id));
    }
  });
});

describe("cooldown refills", () => {
  it("in-process: queued when a timer starts, run by the tick once due, recorded; the chain continues", async () => {
    const day = "2026-05-12";
    await upsertUniverse(t.db, { tradingDay: day });
    const player = await createPlayer(t.db);
    const at = kst(`${day}T10:00:00`);
    const r = await submitPrediction(t.db, {
      userId: player.id,
      symbol: "AMD",
      choice: "UP",
      now: at,
      takeSnapshot: snapshotAt(at),
    });
    await submitPrediction(t.db, {
      userId: player.id,
      symbol: "AMZN",
      choice: "UP",
      now: at,
      takeSnapshot: snapshotAt(at),
    });
    expect(r.refillDueAt).toEqual(new Date(at.getTime() + 5 * 60_000));
    const config = { scheduler: "inprocess" as const };
    const scheduled = await scheduleCooldownRefill(
      { userId: player.id, tradingDay: day, dueAt: r.refillDueAt! },
      { config },
    );
    expect(scheduled.via).toBe("inprocess");
    const chained: unknown[] = [];
    const withChain = {
      deps: { priceProvider: sim, scheduleRefill: async (x: unknown) => chained.push(x) },
      jobs: ["cooldown-refill"] as const,
    };

    expect(await tickScheduler(t.db, new Date(r.refillDueAt!.getTime() - 1000), withChain)).toEqual([]);
    const [run] = await tickScheduler(t.db, new Date(r.refillDueAt!.getTime() + 2000), withChain);
    expect(run!.outcome!.runs[0]).toMatchObject({
      status: "SUCCEEDED",
      businessKey: `${player.id}:${day}:${r.refillDueAt!.toISOString()}`,
      result: { added: 1, available: 2 },
    });
    // Still below 3: the next timer was handed on to be scheduled.
    expect(chained).toEqual([
      { userId: player.id, tradingDay: day, dueAt: new Date(r.refillDueAt!.getTime() + 5 * 60_000) },
    ]);
    // The queue is drained: a later tick runs nothing more for it.
    expect(await tickScheduler(t.db, new Date(r.refillDueAt!.getTime() + 60_000), withChain)).toEqual([]);
  });

  it("QStash: a delayed message not before the due instant, deduplicated by the business key", async () => {
    const sent: unknown[] = [];
    const dueAt = new Date("2026-05-12T01:05:00Z");
    const userId = "00000000-0000-4000-8000-000000000001";
    const r = await scheduleCooldownRefill(
      { userId, tradingDay: "2026-05-12", dueAt },
      {
        config: { scheduler: "qstash", publicBaseUrl: "https://ox.example.test/", qstashToken: "token" },
        publish: async (m) => {
          sent.push(m);
          return { messageId: "msg_1" };
        },
      },
    );
    expect(r).toMatchObject({ via: "qstash", messageId: "msg_1" });
    expect(sent).toEqual([
      {
        url: "https://ox.example.test/api/cron/cooldown-refill",
        body: { userId, tradingDay: "2026-05-12", dueAt: dueAt.toISOString() },
        notBefore: dueAt.getTime() / 1000,
        deduplicationId: `cooldown-refill_${userId}_2026-05-12_2026-05-12T01_05_00.000Z`,
      },
    ]);
    const failing = await scheduleCooldownRefill(
      { userId, tradingDay: "2026-05-12", dueAt },
      {
        config: { scheduler: "qstash", publicBaseUrl: "https://ox.example.test", qstashToken: "token" },
        publish: async () => Promise.reject(new Error("QStash down")),
      },
    );
    expect(failing).toMatchObject({ via: "qstash", error: "QStash down" });
  });
});

describe("the in-process loop", () => {
  it("starts once per process, ticks from the app clock, never overlaps, and stops", async () => {
    // Every tick starts by asking for the database; here that takes three intervals, so a loop
    // that started a tick while one is running would have two of them in flight.
    let dbAsked = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const getDb = async () => {
      dbAsked += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 120));
      inFlight -= 1;
      return t.db;
    };
    const stop = startInprocessScheduler({ getDb, deps, intervalMs: 40 });
    const again = startInprocessScheduler({ getDb, deps, intervalMs: 40 });
    expect(isInprocessSchedulerRunning()).toBe(true);
    await vi.waitFor(() => expect(dbAsked).toBeGreaterThanOrEqual(3), { timeout: 20_000 });
    expect(maxInFlight).toBe(1);
    // Either handle stops the one loop, and waits for a tick in flight.
    await again();
    expect(inFlight).toBe(0);
    expect(isInprocessSchedulerRunning()).toBe(false);
    const asked = dbAsked;
    await new Promise((r) => setTimeout(r, 200));
    expect(dbAsked).toBe(asked);
    await stop();
  });
});
