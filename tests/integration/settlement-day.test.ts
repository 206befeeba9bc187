import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import {
  auditLog,
  eodPrices,
  notifications,
  pointsBalances,
  pointsLedger,
  predictions,
  tradingSessions,
} from "@/db/schema";
import { marketCloseAt, settlementDueAt } from "@/lib/calendar";
import { postEntry } from "@/lib/points";
import {
  lastSettledSummaryForUser,
  settlementSummary,
  settleSymbolManually,
  settleTradingDay,
} from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();

// Tuesday 24 Nov 2026, US winter: close 21:00Z, final (due) 21:20Z = 06:20 KST on the 25th.
const preOpen = (day: string) => new Date(`${day}T03:00:00Z`); // 12:00 KST, US pre-market
const afterOpen = (day: string) => new Date(`${day}T14:45:00Z`); // 23:45 KST, 15 min into the session
const due = (day: string) => new Date(settlementDueAt(day).getTime() + 60_000);
const afterDeadline = (day: string) => new Date(marketCloseAt(day).getTime() + 24 * 3_600_000 + 60_000);

type Call = {
  userId: string;
  symbol: string;
  choice: "UP" | "DOWN";
  snapshot: string | null;
  at?: Date | null;
};

async function calls(db: Database, day: string, list: Call[]) {
  const rows = await db
    .insert(predictions)
    .values(
      list.map((c) => ({
        userId: c.userId,
        tradingDay: day,
        symbol: c.symbol,
        choice: c.choice,
        snapshotPrice: c.snapshot,
        snapshotAt: c.snapshot === null ? null : c.at === undefined ? preOpen(day) : c.at,
        snapshotSource: c.snapshot === null ? null : "simulated",
        createdAt: preOpen(day),
      })),
    )
    .returning();
  return rows;
}

async function closes(
  db: Database,
  day: string,
  list: Record<string, string | { close: string; corporateAction: string }>,
) {
  await db.insert(eodPrices).values(
    Object.entries(list).map(([symbol, v]) => ({
      tradingDay: day,
      symbol,
      close: typeof v === "string" ? v : v.close,
      corporateAction: typeof v === "string" ? null : v.corporateAction,
      source: "simulated",
      fetchedAt: due(day),
    })),
  );
}

async function withBonus(db: Database) {
  const p = await createPlayer(db);
  await postEntry(db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
  return p;
}

async function dayState(db: Database, day: string) {
  const rows = await db
    .select()
    .from(predictions)
    .where(eq(predictions.tradingDay, day))
    .orderBy(asc(predictions.id));
  const ledger = rowsOf(
    await db.execute(sql`select l.ref_id, l.amount, l.balance_after from points_ledger l
    join predictions p on l.ref_id = 'settle:' || p.id::text where p.trading_day = ${day} order by l.ref_id`),
  );
  return { rows: rows.map(({ updatedAt: _u, ...r }) => r), ledger };
}

const SYMBOLS = ["UPW", "DNW", "FLAT", "NOSNAP", "BADSNAP", "CORP", "HALT", "BADCLOSE", "HALF"];

describe("settleTradingDay", () => {
  const DAY = "2026-11-24";

  it("settles every outcome with the right status, reason, close, points and ledger rows", async () => {
    await upsertUniverse(t.db, { tradingDay: DAY, symbols: SYMBOLS });
    const a = await withBonus(t.db);
    const b = await withBonus(t.db);
    const made = await calls(t.db, DAY, [
      { userId: a.id, symbol: "UPW", choice: "UP", snapshot: "100.000000" }, // close 101 → CORRECT
      { userId: b.id, symbol: "UPW", choice: "DOWN", snapshot: "100.000000" }, // INCORRECT
      { userId: a.id, symbol: "DNW", choice: "DOWN", snapshot: "50.000000" }, // close 49.5 → CORRECT
      { userId: b.id, symbol: "DNW", choice: "UP", snapshot: "50.000000" }, // INCORRECT
      { userId: a.id, symbol: "FLAT", choice: "UP", snapshot: "20.004000" }, // close 20.001 → same cent → VOID flat
      { userId: a.id, symbol: "NOSNAP", choice: "UP", snapshot: null }, // VOID no_snapshot
      { userId: a.id, symbol: "BADSNAP", choice: "UP", snapshot: "0.000000" }, // VOID bad_snapshot
      { userId: b.id, symbol: "BADSNAP", choice: "DOWN", snapshot: "NaN" }, // VOID bad_snapshot
      { userId: a.id, symbol: "CORP", choice: "UP", snapshot: "300.000000" }, // split that day, called pre-open → VOID
      { userId: b.id, symbol: "CORP", choice: "DOWN", snapshot: "31.000000", at: afterOpen(DAY) }, // after the open → normal: CORRECT
      { userId: a.id, symbol: "HALT", choice: "UP", snapshot: "10.000000" }, // no close → PENDING, then VOID no_close
      { userId: b.id, symbol: "BADCLOSE", choice: "UP", snapshot: "10.000000" }, // close NaN → VOID bad_close
      { userId: b.id, symbol: "HALF", choice: "UP", snapshot: "1.004000" }, // close 1.005 → 1.01 > 1.00 at cents → CORRECT
    ]);
    await closes(t.db, DAY, {
      UPW: "101",
      DNW: "49.5",
      FLAT: "20.001",
      NOSNAP: "5",
      BADSNAP: "7",
      CORP: { close: "30.5", corporateAction: "split 10:1" },
      BADCLOSE: "NaN",
      HALF: "1.005",
    });
    const id = (symbol: string, userId: string) =>
      made.find((m) => m.symbol === symbol && m.userId === userId)!.id;

    // Not final yet: the exact close instant, and 19 minutes after.
    expect(await errorCodeOf(settleTradingDay(t.db, { tradingDay: DAY, now: marketCloseAt(DAY) }))).toBe(
      "conflict:not_final",
    );

    const first = await settleTradingDay(t.db, { tradingDay: DAY, now: due(DAY), batchSize: 4 });
    expect(first).toMatchObject({
      complete: false,
      settled: 12,
      pending: 1,
      waitingForClose: ["HALT"],
      awards: 4,
      pointsAwarded: 200,
      phase: "SETTLING",
    });
    expect(first.byStatus).toEqual({ CORRECT: 4, INCORRECT: 2, VOID: 6 });
    expect(first.voidReasons).toEqual({
      flat: 1,
      no_snapshot: 1,
      bad_snapshot: 2,
      corporate_action: 1,
      bad_close: 1,
    });

    const byId = new Map(
      (await t.db.select().from(predictions).where(eq(predictions.tradingDay, DAY))).map((r) => [r.id, r]),
    );
    const expectRow = (
      pid: string,
      status: string,
      voidReason: string | null,
      points: number,
      close: string | null,
    ) =>
      expect(byId.get(pid)).toMatchObject({ status, voidReason, pointsAwarded: points, closePrice: close });
    expectRow(id("UPW", a.id), "CORRECT", null, 50, "101.000000");
    expectRow(id("UPW", b.id), "INCORRECT", null, 0, "101.000000");
    expectRow(id("DNW", a.id), "CORRECT", null, 50, "49.500000");
    expectRow(id("DNW", b.id), "INCORRECT", null, 0, "49.500000");
    expectRow(id("FLAT", a.id), "VOID", "flat", 0, "20.001000");
    expectRow(id("NOSNAP", a.id), "VOID", "no_snapshot", 0, "5.000000");
    expectRow(id("BADSNAP", a.id), "VOID", "bad_snapshot", 0, "7.000000");
    expectRow(id("BADSNAP", b.id), "VOID", "bad_snapshot", 0, "7.000000");
    expectRow(id("CORP", a.id), "VOID", "corporate_action", 0, "30.500000");
    expectRow(id("CORP", b.id), "CORRECT", null, 50, "30.500000");
    expectRow(id("HALT", a.id), "PENDING", null, 0, null);
    expectRow(id("BADCLOSE", b.id), "VOID", "bad_close", 0, null);
    expectRow(id("HALF", b.id), "CORRECT", null, 50, "1.005000");
    expect(byId.get(id("UPW", a.id))!.settledAt).toEqual(due(DAY));

    const awards = await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.reason, "PREDICTION_CORRECT"))
      .orderBy(asc(pointsLedger.id));
    expect(awards.map((l) => l.refId).sort()).toEqual(
      [id("UPW", a.id), id("DNW", a.id), id("CORP", b.id), id("HALF", b.id)].map((p) => `settle:${p}`).sort(),
    );
    expect(awards.every((l) => l.amount === 50)).toBe(true);
    const balance = async (userId: string) =>
      (await t.db.select().from(pointsBalances).where(eq(pointsBalances.userId, userId)))[0]!.balance;
    expect(await balance(a.id)).toBe(1100);
    expect(await balance(b.id)).toBe(1100);
    // Not complete: nobody is told yet.
    expect(await t.db.select().from(notifications).where(eq(notifications.kind, "settlement"))).toHaveLength(
      0,
    );

    // Still inside the 24 h: re-running changes nothing.
    const again = await settleTradingDay(t.db, {
      tradingDay: DAY,
      now: new Date(due(DAY).getTime() + 3_600_000),
    });
    expect(again).toMatchObject({ settled: 0, pending: 1, awards: 0 });

    // 24 h after the close the halted symbol is void and the day is done.
    const last = await settleTradingDay(t.db, { tradingDay: DAY, now: afterDeadline(DAY) });
    expect(last).toMatchObject({
      complete: true,
      settled: 1,
      phase: "SETTLED",
      voidReasons: { no_close: 1 },
      pending: 0,
      notified: 2,
    });
    expect(
      (
        await t.db
          .select()
          .from(predictions)
          .where(eq(predictions.id, id("HALT", a.id)))
      )[0],
    ).toMatchObject({
      status: "VOID",
      voidReason: "no_close",
      closePrice: null,
    });
    const [session] = await t.db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, DAY));
    expect(session).toMatchObject({ phase: "SETTLED", settledAt: afterDeadline(DAY) });

    const notes = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "settlement"), eq(notifications.userId, a.id)));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      dedupeKey: `settlement:${DAY}:${a.id}`,
      payload: { tradingDay: DAY, correct: 2, incorrect: 0, void: 5, points: 100 },
    });

    // Settling a settled day again changes nothing at all.
    const before = await dayState(t.db, DAY);
    const repeat = await settleTradingDay(t.db, {
      tradingDay: DAY,
      now: new Date(afterDeadline(DAY).getTime() + 86_400_000),
    });
    expect(repeat).toMatchObject({ complete: true, settled: 0, awards: 0, notified: 0 });
    expect(await dayState(t.db, DAY)).toEqual(before);

    const summary = await settlementSummary(t.db, { tradingDay: DAY });
    expect(summary).toMatchObject({
      phase: "SETTLED",
      pointsPaid: 200,
      ledgerPoints: 200,
      counts: { CORRECT: 4, INCORRECT: 2, VOID: 7, PENDING: 0, total: 13 },
    });
    expect(summary.voidReasons).toEqual({
      flat: 1,
      no_snapshot: 1,
      bad_snapshot: 2,
      corporate_action: 1,
      bad_close: 1,
      no_close: 1,
    });
    expect(summary.symbols.map((s) => s.symbol)).toEqual(SYMBOLS);
    expect(summary.symbols.find((s) => s.symbol === "CORP")).toMatchObject({
      corporateAction: "split 10:1",
      counts: { CORRECT: 1, VOID: 1 },
      voidReasons: { corporate_action: 1 },
      pointsPaid: 50,
    });

    const mine = await lastSettledSummaryForUser(t.db, { userId: a.id, now: afterDeadline(DAY) });
    expect(mine).toMatchObject({
      tradingDay: DAY,
      correct: 2,
      incorrect: 0,
      void: 5,
      pending: 0,
      points: 100,
    });
    expect(mine!.calls.find((c) => c.symbol === "FLAT")).toMatchObject({
      status: "VOID",
      voidReason: "flat",
      closePrice: "20.001000",
    });
  });

  it("missing universe, missing EOD, a holiday and a day not yet final are specific errors", async () => {
    const day = "2026-11-23";
    const now = due(day);
    await expect(settleTradingDay(t.db, { tradingDay: day, now })).rejects.toMatchObject({
      code: "conflict:universe_missing",
      status: 409,
    });
    await upsertUniverse(t.db, { tradingDay: day });
    await expect(settleTradingDay(t.db, { tradingDay: day, now })).rejects.toMatchObject({
      code: "conflict:eod_missing",
      details: { runFirst: "collect-eod" },
    });
    expect(await errorCodeOf(settleTradingDay(t.db, { tradingDay: "2026-11-26", now }))).toBe(
      "unprocessable:not_trading_day",
    );
    expect(
      await errorCodeOf(
        settleTradingDay(t.db, { tradingDay: day, now: new Date(settlementDueAt(day).getTime() - 1) }),
      ),
    ).toBe("conflict:not_final");
    // Nothing was written by the refusals.
    expect(await t.db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, day))).toHaveLength(
      0,
    );
  });

  it("a player with 30 correct calls in one batch, racing other ledger writes, keeps a valid balance_after chain", async () => {
    const day = "2026-11-20";
    const symbols = Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(2, "0")}`);
    await upsertUniverse(t.db, { tradingDay: day, symbols });
    const p = await withBonus(t.db);
    const others = await Promise.all(Array.from({ length: 5 }, () => withBonus(t.db)));
    await calls(t.db, day, [
      ...symbols.map((symbol) => ({ userId: p.id, symbol, choice: "UP" as const, snapshot: "10" })),
      ...others.flatMap((o) =>
        symbols
          .slice(0, 10)
          .map((symbol) => ({ userId: o.id, symbol, choice: "UP" as const, snapshot: "10" })),
      ),
    ]);
    await closes(t.db, day, Object.fromEntries(symbols.map((s) => [s, "11"])));
    const [settled] = await Promise.all([
      settleTradingDay(t.db, { tradingDay: day, now: due(day) }),
      ...Array.from({ length: 20 }, (_, i) =>
        postEntry(t.db, {
          userId: p.id,
          amount: i % 2 ? -7 : 13,
          reason: "ADMIN_ADJUST",
          refId: `adjust:${randomUUID()}`,
        }),
      ),
    ]);
    expect(settled).toMatchObject({ complete: true, awards: 80, batches: 1 });
    const chain = await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.userId, p.id))
      .orderBy(asc(pointsLedger.id));
    expect(chain.filter((l) => l.reason === "PREDICTION_CORRECT")).toHaveLength(30);
    let running = 0;
    for (const l of chain) {
      running += l.amount;
      expect(l.balanceAfter).toBe(running);
    }
    expect(running).toBe(1000 + 30 * 50 + 10 * 13 - 10 * 7);
  });

  it("two settlement runs at once pay each correct call once", async () => {
    const day = "2026-11-19";
    const symbols = ["AAA", "BBB", "CCC", "DDD"];
    await upsertUniverse(t.db, { tradingDay: day, symbols });
    const players = await Promise.all(Array.from({ length: 25 }, () => withBonus(t.db)));
    await calls(
      t.db,
      day,
      players.flatMap((p, i) =>
        symbols.map((symbol, j) => ({
          userId: p.id,
          symbol,
          choice: (i + j) % 2 ? ("UP" as const) : ("DOWN" as const),
          snapshot: "10",
        })),
      ),
    );
    await closes(t.db, day, { AAA: "11", BBB: "9", CCC: "10.5", DDD: "9.99" });
    const runs = await Promise.all(
      [0, 1, 2].map(() => settleTradingDay(t.db, { tradingDay: day, now: due(day), batchSize: 7 })),
    );
    expect(runs.reduce((s, r) => s + r.settled, 0)).toBe(100);
    // Per symbol 12 of the 25 players called it right.
    expect(runs.reduce((s, r) => s + r.awards, 0)).toBe(48);
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from points_ledger l
      join predictions p on l.ref_id = 'settle:' || p.id::text where p.trading_day = ${day}`),
    );
    expect(Number(row!.n)).toBe(48);
    expect(
      (await t.db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, day)))[0]!.phase,
    ).toBe("SETTLED");
  });

  it("a crash after half the batches, then a re-run, ends exactly like one clean run", async () => {
    const [crashDay, cleanDay] = ["2026-11-17", "2026-11-18"];
    const symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"];
    const players = await Promise.all(Array.from({ length: 12 }, () => withBonus(t.db)));
    const closesOf = { AAA: "11", BBB: "9", CCC: "10", DDD: "10.004", EEE: "12" };
    for (const day of [crashDay, cleanDay]) {
      await upsertUniverse(t.db, { tradingDay: day, symbols });
      await calls(
        t.db,
        day,
        players.flatMap((p, i) =>
          symbols.map((symbol, j) => ({
            userId: p.id,
            symbol,
            choice: (i * 3 + j) % 2 ? ("UP" as const) : ("DOWN" as const),
            snapshot: j === 4 && i % 5 === 0 ? null : "10",
          })),
        ),
      );
      await closes(t.db, day, closesOf);
    }
    const balancesBefore = new Map(
      (await t.db.select().from(pointsBalances)).map((b) => [b.userId, b.balance]),
    );

    const crash = settleTradingDay(t.db, {
      tradingDay: crashDay,
      now: due(crashDay),
      batchSize: 6,
      hooks: {
        afterBatch: ({ batch }) => {
          if (batch === 5) throw new Error("injected crash");
        },
      },
    });
    await expect(crash).rejects.toThrow("injected crash");
    const half = await t.db
      .select()
      .from(predictions)
      .where(and(eq(predictions.tradingDay, crashDay), eq(predictions.status, "PENDING")));
    expect(half).toHaveLength(60 - 30);
    const resumed = await settleTradingDay(t.db, { tradingDay: crashDay, now: due(crashDay), batchSize: 6 });
    expect(resumed).toMatchObject({ complete: true, settled: 30 });
    await settleTradingDay(t.db, { tradingDay: cleanDay, now: due(cleanDay), batchSize: 6 });

    const outcome = async (day: string) =>
      (await t.db.select().from(predictions).where(eq(predictions.tradingDay, day)))
        .map((r) => `${r.userId}|${r.symbol}|${r.status}|${r.voidReason}|${r.pointsAwarded}|${r.closePrice}`)
        .sort();
    expect(await outcome(crashDay)).toEqual(await outcome(cleanDay));
    const awardsPerUser = async (day: string) =>
      rowsOf(
        await t.db.execute(sql`select p.user_id::text as u, count(l.id)::int as n from predictions p
        join points_ledger l on l.ref_id = 'settle:' || p.id::text where p.trading_day = ${day} group by p.user_id order by 1`),
      );
    expect(await awardsPerUser(crashDay)).toEqual(await awardsPerUser(cleanDay));
    for (const b of await t.db.select().from(pointsBalances)) {
      const start = balancesBefore.get(b.userId) ?? 0;
      expect((b.balance - start) % 100).toBe(0); // both days paid the same per player
    }
  });

  it("a crash inside a batch (after the awards, before commit) leaves the batch exactly as before", async () => {
    const day = "2026-11-16";
    await upsertUniverse(t.db, { tradingDay: day, symbols: ["AAA"] });
    const players = await Promise.all(Array.from({ length: 4 }, () => withBonus(t.db)));
    await calls(
      t.db,
      day,
      players.map((p) => ({ userId: p.id, symbol: "AAA", choice: "UP" as const, snapshot: "10" })),
    );
    await closes(t.db, day, { AAA: "11" });
    const snapshot = async () => ({
      rows: (await t.db.select().from(predictions).where(eq(predictions.tradingDay, day)))
        .map((r) => [r.id, r.status, r.pointsAwarded, r.closePrice])
        .sort(),
      ledger: (await t.db.select().from(pointsLedger)).length,
      balances: (await t.db.select().from(pointsBalances)).map((b) => [b.userId, b.balance]).sort(),
    });
    const before = await snapshot();
    for (const stage of ["settled", "awarded"] as const) {
      const crash = settleTradingDay(t.db, {
        tradingDay: day,
        now: due(day),
        hooks: {
          duringBatch: (s) => {
            if (s === stage) throw new Error(`crash after ${s}`);
          },
        },
      });
      await expect(crash).rejects.toThrow(`crash after ${stage}`);
      expect(await snapshot()).toEqual(before);
    }
    expect(await settleTradingDay(t.db, { tradingDay: day, now: due(day) })).toMatchObject({
      complete: true,
      awards: 4,
    });
  });

  it("manual settlement of a symbol pays exactly as the automatic run, and is audited", async () => {
    const [manualDay, autoDay] = ["2026-11-12", "2026-11-13"];
    const symbols = ["HALT", "OK"];
    const players = await Promise.all(Array.from({ length: 6 }, () => withBonus(t.db)));
    const admin = await createPlayer(t.db);
    for (const day of [manualDay, autoDay]) {
      await upsertUniverse(t.db, { tradingDay: day, symbols });
      await calls(
        t.db,
        day,
        players.flatMap((p, i) => [
          {
            userId: p.id,
            symbol: "HALT",
            choice: i % 2 ? ("UP" as const) : ("DOWN" as const),
            snapshot: i === 5 ? "42.42" : "42",
          },
          { userId: p.id, symbol: "OK", choice: "UP" as const, snapshot: "10" },
        ]),
      );
    }
    await closes(t.db, manualDay, { OK: "11" });
    await closes(t.db, autoDay, { OK: "11", HALT: "42.42" });

    const partial = await settleTradingDay(t.db, { tradingDay: manualDay, now: due(manualDay) });
    expect(partial).toMatchObject({ complete: false, waitingForClose: ["HALT"] });
    const manual = await settleSymbolManually(t.db, {
      actorId: admin.id,
      tradingDay: manualDay,
      symbol: "halt",
      close: "42.42",
      now: due(manualDay),
    });
    expect(manual).toMatchObject({
      symbol: "HALT",
      settled: 6,
      complete: true,
      phase: "SETTLED",
      byStatus: { CORRECT: 2, INCORRECT: 3, VOID: 1 },
    });
    expect(manual.close).toMatchObject({ source: "manual", setBy: admin.id, close: 42.42 });
    await settleTradingDay(t.db, { tradingDay: autoDay, now: due(autoDay) });

    const outcome = async (day: string) =>
      (await t.db.select().from(predictions).where(eq(predictions.tradingDay, day)))
        .map((r) => `${r.userId}|${r.symbol}|${r.status}|${r.voidReason}|${r.pointsAwarded}|${r.closePrice}`)
        .sort();
    expect(await outcome(manualDay)).toEqual(await outcome(autoDay));
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "settlement.manual_symbol"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      target: `${manualDay}:HALT`,
      details: { settled: 6, pointsAwarded: 100 },
    });

    // Settled calls are final: a second manual close for the symbol is refused and stores nothing.
    expect(
      await errorCodeOf(
        settleSymbolManually(t.db, {
          actorId: admin.id,
          tradingDay: manualDay,
          symbol: "HALT",
          close: 1,
          now: due(manualDay),
        }),
      ),
    ).toBe("conflict:symbol_already_settled");
    expect(
      await errorCodeOf(
        settleSymbolManually(t.db, {
          actorId: admin.id,
          tradingDay: manualDay,
          symbol: "NOPE",
          close: 1,
          now: due(manualDay),
        }),
      ),
    ).toBe("unprocessable:symbol_not_in_universe");
  });
});
