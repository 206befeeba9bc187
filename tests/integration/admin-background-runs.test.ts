/**
 * The console's long operations run in the background as job runs: a start answers with the
 * run as soon as it is recorded, the run writes its progress (done of total) while it works, a
 * second start joins the running one, a refusal is given before anything is recorded, and the
 * outcome lands in job_runs.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, eodPrices, jobRuns, predictions } from "@/db/schema";
import { adminStartBackfill, adminStartSettlement } from "@/lib/admin/jobs";
import { settlementDueAt } from "@/lib/calendar";
import { jobRunById, startJobNow } from "@/lib/jobs";
import { SimulatedMarketProvider } from "@/lib/prices";
import { settleTradingDay } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { useTestDb } from "./support/db";
import { providerLike } from "./support/providers";
import { createAdmin, createPlayer, errorCodeOf } from "./support/players";

const t = useTestDb();
const market = new SimulatedMarketProvider("background");

/** The simulated market, except that each day's closes wait until the test lets them through. */
function gatedMarket() {
  const waiting: (() => void)[] = [];
  let arrived: () => void = () => {};
  const provider = providerLike(market, {
    async getEodCloses(symbols, day, now) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        arrived();
      });
      return market.getEodCloses(symbols, day, now);
    },
  });
  return {
    provider,
    /** Resolves once the provider is asked for a day's closes (and holds it). */
    asked: () =>
      new Promise<void>((resolve) => {
        if (waiting.length) resolve();
        else arrived = resolve;
      }),
    /** Let the held day through. */
    release: () => waiting.shift()?.(),
  };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a backfill in the background", () => {
  it("answers with the run at once, shows closes done of total as it goes, and a second start joins it", async () => {
    const a = await createAdmin(t.db);
    const gate = gatedMarket();
    const now = new Date("2026-12-05T00:00:00Z");
    const input = { from: "2026-11-30", to: "2026-12-02", symbols: ["AAPL", "MSFT"] }; // 3 trading days
    const start = () =>
      startJobNow(t.db, {
        actorId: a.id,
        job: "backfill-eod",
        now,
        deps: { priceProvider: gate.provider },
        input,
      });

    const first = await start();
    const runId = first.answer.runs[0]!.runId!;
    expect(first.answer.runs).toMatchObject([{ job: "backfill-eod", status: "RUNNING", fresh: true }]);
    await gate.asked();
    // Held on its first day: nothing done yet of 3 days × 2 symbols.
    expect((await jobRunById(t.db, runId)).progress).toBeNull();

    const second = await start();
    expect(second.answer.runs).toMatchObject([{ runId, status: "RUNNING", fresh: false }]);
    await second.finished;

    gate.release();
    const partway = await until(
      () => jobRunById(t.db, runId),
      (r) => r.progress !== null,
      "the first day's progress",
    );
    expect(partway).toMatchObject({ status: "RUNNING", progress: { done: 2, total: 6, unit: "closes" } });

    // Days two and three, each let through once it is asked for (a release before the ask
    // would be lost, and the last day held for good).
    for (const _day of [2, 3]) {
      await gate.asked();
      gate.release();
    }
    await first.finished;
    const ended = await jobRunById(t.db, runId);
    expect(ended).toMatchObject({
      status: "SUCCEEDED",
      progress: { done: 6, total: 6, unit: "closes" },
      result: { from: "2026-11-30", to: "2026-12-02", days: 3, stored: 6, pending: 0 },
    });
    expect(await t.db.select().from(eodPrices)).toHaveLength(6);
    // One run for the range; each start audited with the run it started or joined.
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, "backfill-eod"))).toHaveLength(1);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.id), eq(auditLog.action, "jobs.run")));
    expect(audits.map((r) => (r.details as { runs: { runId: string; joined: boolean }[] }).runs)).toEqual([
      [expect.objectContaining({ runId, joined: false })],
      [expect.objectContaining({ runId, joined: true })],
    ]);
  });

  it("refuses a bad range before anything is recorded", async () => {
    const a = await createAdmin(t.db);
    const now = new Date("2026-12-05T00:00:00Z");
    const before = await t.db.select().from(jobRuns);
    expect(
      await errorCodeOf(
        adminStartBackfill(t.db, { actorId: a.id, now, from: "2026-12-02", to: "2026-11-30" }),
      ),
    ).toBe("bad_request:date_range");
    expect(
      await errorCodeOf(
        adminStartBackfill(t.db, {
          actorId: a.id,
          now,
          from: "2026-11-30",
          to: "2026-12-02",
          symbols: ["no good"],
        }),
      ),
    ).toBe("bad_request:symbol");
    expect(await t.db.select().from(jobRuns)).toEqual(before);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorId, a.id))).toEqual([]);
  });

  it("a run that cannot be found is a 404, whatever the id looks like", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", ""])
      expect(await errorCodeOf(jobRunById(t.db, id))).toBe("not_found:job_run");
  });
});

describe("a settlement in the background", () => {
  const dueOf = (day: string) => new Date(settlementDueAt(day).getTime() + 60_000);

  async function dayWithCalls(day: string, n: number) {
    await upsertUniverse(t.db, { tradingDay: day, symbols: ["AAPL", "MSFT"] });
    const players = await Promise.all(Array.from({ length: n }, () => createPlayer(t.db)));
    await t.db.insert(predictions).values(
      players.map((p, i) => ({
        userId: p.id,
        tradingDay: day,
        symbol: i % 2 ? "AAPL" : "MSFT",
        choice: i % 3 ? ("UP" as const) : ("DOWN" as const),
        snapshotPrice: "100",
        snapshotAt: new Date(`${day}T03:00:00Z`),
        snapshotSource: "simulated",
        createdAt: new Date(`${day}T03:00:00Z`),
      })),
    );
    await t.db.insert(eodPrices).values(
      ["AAPL", "MSFT"].map((symbol) => ({
        tradingDay: day,
        symbol,
        close: "101",
        source: "simulated",
        fetchedAt: dueOf(day),
      })),
    );
  }

  it("reports calls settled of those pending, batch by batch", async () => {
    const day = "2026-11-23";
    await dayWithCalls(day, 5);
    const seen: [number, number][] = [];
    const r = await settleTradingDay(t.db, {
      tradingDay: day,
      now: dueOf(day),
      batchSize: 2,
      hooks: { progress: async (done, total) => void seen.push([done, total]) },
    });
    expect(r).toMatchObject({ complete: true, settled: 5 });
    expect(seen).toEqual([
      [0, 5],
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it("through the console: the run ends with its progress and outcome; a settled day's re-run answers with that run", async () => {
    const day = "2026-11-24";
    await dayWithCalls(day, 7);
    const a = await createAdmin(t.db);
    const started = await adminStartSettlement(t.db, { actorId: a.id, tradingDay: day, now: dueOf(day) });
    expect(started.answer.runs).toMatchObject([
      { job: "settle", businessKey: day, status: "RUNNING", fresh: true },
    ]);
    await started.finished;
    const run = await jobRunById(t.db, started.answer.runs[0]!.runId!);
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      trigger: "admin",
      progress: { done: 7, total: 7, unit: "calls" },
      result: { settlement: { complete: true, settled: 7, phase: "SETTLED" } },
    });
    const again = await adminStartSettlement(t.db, { actorId: a.id, tradingDay: day, now: dueOf(day) });
    expect(again.answer.runs).toMatchObject([{ runId: run.id, status: "SUCCEEDED", fresh: false }]);
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, "settle"))).toHaveLength(1);
  });
});
