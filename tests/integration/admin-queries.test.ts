import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  adminAlerts,
  auditLog,
  jobRuns,
  errorLog,
  eodPrices,
  predictions,
  redemptions,
  rewardItems,
  tradingSessions,
  universeEntries,
  users,
} from "@/db/schema";
import {
  acknowledgeAlert,
  deleteOldErrors,
  errorCounts,
  listAudit,
  listErrors,
  listOpenAlerts,
} from "@/lib/admin/logs";
import {
  adminCloseSession,
  adminCollectEod,
  adminOpenSession,
  adminSetManualClose,
  calendarDay,
} from "@/lib/admin/operations";
import { adminUpsertUniverse } from "@/lib/admin/universe";
import { adminStartSettlement } from "@/lib/admin/jobs";
import { priceValidation } from "@/lib/admin/prices";
import { universeSymbolsBetween } from "@/lib/universe";
import { searchUsers, userOverview } from "@/lib/admin/users";
import { postEntry } from "@/lib/points";
import { PG, pgErrorCode } from "@/db/errors";
import { createSimulatedMarket } from "@/lib/prices";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer, errorCodeOf } from "./support/players";
import { emailHash } from "@/lib/crypto/fields";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2027-03-10T03:00:00Z"); // 12:00 KST, Wednesday
const DAY = 86_400_000;

async function admin() {
  const [u] = await t.db
    .insert(users)
    .values({ nickname: `adm-${randomUUID().slice(0, 8)}`, role: "admin" })
    .returning();
  return u!;
}

describe("error log", () => {
  it("counts by KST day and kind, lists newest first, and cleans up old rows with an audit entry", async () => {
    const a = await admin();
    await t.db.insert(errorLog).values([
      { kind: "internal:unexpected", message: "old", occurredAt: new Date(NOW.getTime() - 40 * DAY) },
      { kind: "internal:unexpected", message: "recent 1", occurredAt: new Date(NOW.getTime() - 1 * DAY) },
      { kind: "prices:upstream", message: "recent 2", occurredAt: new Date(NOW.getTime() - 1 * DAY + 1000) },
      // 23:30 UTC is 08:30 KST the next day: counted on the KST date.
      { kind: "prices:upstream", message: "kst boundary", occurredAt: new Date("2027-03-08T23:30:00Z") },
    ]);
    const counts = await errorCounts(t.db, { now: NOW, days: 14 });
    expect(counts.byDay).toEqual([{ day: "2027-03-09", n: 3 }]);
    expect(counts.byKind.map((k) => [k.kind, k.n])).toEqual([
      ["prices:upstream", 2],
      ["internal:unexpected", 1],
    ]);
    expect((await listErrors(t.db, { limit: 2 })).map((e) => e.message)).toEqual(["recent 2", "recent 1"]);
    expect((await listErrors(t.db, { kind: "internal:unexpected" })).map((e) => e.message)).toEqual([
      "recent 1",
      "old",
    ]);

    const r = await deleteOldErrors(t.db, { actorId: a.id, olderThanDays: 30, now: NOW });
    expect(r.deleted).toBe(1);
    expect(await listErrors(t.db, { limit: 100 })).toHaveLength(3);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "errors.cleanup"), eq(auditLog.actorId, a.id)));
    expect(audit?.details).toMatchObject({ olderThanDays: 30, deleted: 1 });
    expect(await errorCodeOf(deleteOldErrors(t.db, { actorId: a.id, olderThanDays: 0, now: NOW }))).toBe(
      "unprocessable:older_than_days",
    );
  });
});

describe("alerts and audit", () => {
  it("acknowledges an alert once (one audit row) and lists the audit with the actor's nickname", async () => {
    const a = await admin();
    const [alert] = await t.db
      .insert(adminAlerts)
      .values({ kind: "job_failed", message: "settle failed", dedupeKey: `k-${randomUUID()}` })
      .returning();
    expect((await listOpenAlerts(t.db)).map((x) => x.id)).toContain(alert!.id);
    expect(await acknowledgeAlert(t.db, { actorId: a.id, alertId: alert!.id, now: NOW })).toEqual({
      changed: true,
    });
    expect(await acknowledgeAlert(t.db, { actorId: a.id, alertId: alert!.id, now: NOW })).toEqual({
      changed: false,
    });
    expect((await listOpenAlerts(t.db)).map((x) => x.id)).not.toContain(alert!.id);
    expect(
      await errorCodeOf(acknowledgeAlert(t.db, { actorId: a.id, alertId: randomUUID(), now: NOW })),
    ).toBe("not_found:alert");
    const entries = await listAudit(t.db, { action: "alerts.acknowledge" });
    expect(entries.filter((e) => e.target === `alert:${alert!.id}`)).toEqual([
      expect.objectContaining({ actorId: a.id, actorNickname: a.nickname, details: { kind: "job_failed" } }),
    ]);
  });
});

describe("users", () => {
  it("searches by nickname, whole e-mail or id (LIKE wildcards taken literally) and gives an overview", async () => {
    const p = await createPlayer(t.db, `Searchy_${randomUUID().slice(0, 6)}`);
    const address = `${p.nickname.toLowerCase()}@mail.example`;
    // As sign-in stores it (lib/accounts/provision.ts): the address encrypted, its keyed hash beside it.
    await t.db
      .update(users)
      .set({ email: address, emailHash: emailHash(address) })
      .where(eq(users.id, p.id));
    await postEntry(t.db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
    expect((await searchUsers(t.db, { q: p.nickname.toUpperCase() })).map((u) => u.id)).toEqual([p.id]);
    // E-mails are encrypted at rest: found by the whole address (any case), not by a part of it.
    expect((await searchUsers(t.db, { q: ` ${address.toUpperCase()} ` })).map((u) => u.id)).toEqual([p.id]);
    expect((await searchUsers(t.db, { q: "@mail.example" })).map((u) => u.id)).not.toContain(p.id);
    expect((await searchUsers(t.db, { q: p.id }))[0]).toMatchObject({ id: p.id, balance: 1000 });
    expect(await searchUsers(t.db, { q: "%" })).toEqual([]);

    await upsertUniverse(t.db, { tradingDay: "2027-03-09", symbols: ["NVDA", "AAPL"] });
    await t.db.insert(predictions).values([
      { userId: p.id, tradingDay: "2027-03-09", symbol: "NVDA", choice: "UP" },
      { userId: p.id, tradingDay: "2027-03-09", symbol: "AAPL", choice: "DOWN", status: "CANCELLED" },
    ]);
    const [item] = await t.db
      .insert(rewardItems)
      .values({
        sku: `SKU-${randomUUID().slice(0, 6).toUpperCase()}`,
        nameKo: "커피",
        nameEn: "Coffee",
        cost: 300,
        stock: 4,
        stockTotal: 5,
      })
      .returning();
    const [red] = await t.db
      .insert(redemptions)
      .values({ userId: p.id, itemId: item!.id, cost: 300, requestKey: randomUUID() })
      .returning();
    await postEntry(t.db, { userId: p.id, amount: -300, reason: "REDEMPTION", refId: `redeem:${red!.id}` });

    const o = await userOverview(t.db, p.id);
    expect(o).toMatchObject({
      balance: 700,
      calls: { total: 2, PENDING: 1, CANCELLED: 1, days: 1 },
      redemptions: { total: 1, PENDING: 1, pointsSpent: 300 },
    });
    expect(o!.recentLedger.map((e) => e.reason)).toEqual(["REDEMPTION", "SIGNUP_BONUS"]);
    expect(await userOverview(t.db, randomUUID())).toBeNull();
    expect(await userOverview(t.db, "not-a-uuid")).toBeNull();
  });
});

describe("prices and settlement operations", () => {
  it("validates a day's closes, collects EOD, refuses settlement without EOD, and audits each step", async () => {
    const a = await admin();
    const day = "2027-03-05"; // Friday
    const p = await createPlayer(t.db);
    await upsertUniverse(t.db, { tradingDay: day, symbols: ["NVDA", "AAPL", "TSLA"] });
    await t.db.insert(predictions).values({
      userId: p.id,
      tradingDay: day,
      symbol: "TSLA",
      choice: "UP",
      snapshotPrice: "100",
      snapshotAt: NOW,
      snapshotSource: "simulated",
    });

    const before = await priceValidation(t.db, day);
    expect(before).toMatchObject({ universe: 3, withClose: 0, missing: 3 });
    expect(before.rows.find((r) => r.symbol === "TSLA")).toMatchObject({ pending: 1, missing: true });

    expect(await errorCodeOf(adminStartSettlement(t.db, { actorId: a.id, tradingDay: day, now: NOW }))).toBe(
      "conflict:eod_missing",
    );
    // Refused before anything ran: no run recorded.
    expect(await t.db.select().from(jobRuns)).toEqual([]);
    expect(
      await errorCodeOf(
        adminCollectEod(t.db, createSimulatedMarket(), { actorId: a.id, tradingDay: "2027-03-04", now: NOW }),
      ),
    ).toBe("conflict:universe_missing");

    await adminSetManualClose(t.db, {
      actorId: a.id,
      tradingDay: day,
      symbol: "NVDA",
      close: "150.5",
      now: NOW,
    });
    const collected = await adminCollectEod(t.db, createSimulatedMarket(), {
      actorId: a.id,
      tradingDay: day,
      now: NOW,
    });
    expect(collected).toMatchObject({ stored: 2, alreadyStored: 1, pending: 0 });
    const after = await priceValidation(t.db, day);
    expect(after).toMatchObject({ withClose: 3, missing: 0 });
    expect(after.rows.find((r) => r.symbol === "NVDA")).toMatchObject({
      close: expect.stringMatching(/^150\.5/),
      source: "manual",
      setBy: a.id,
    });

    const started = await adminStartSettlement(t.db, { actorId: a.id, tradingDay: day, now: NOW });
    expect(started.answer.runs).toMatchObject([
      { job: "settle", businessKey: day, status: "RUNNING", fresh: true },
    ]);
    await started.finished;
    const [run] = await t.db.select().from(jobRuns).where(eq(jobRuns.job, "settle"));
    expect(run).toMatchObject({ id: started.answer.runs[0]!.runId, status: "SUCCEEDED", trigger: "admin" });
    expect(run!.result).toMatchObject({ settlement: { complete: true, settled: 1, phase: "SETTLED" } });
    expect(run!.progress).toEqual({ done: 1, total: 1, unit: "calls" });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.actorId, a.id)))
      .map((r) => r.action)
      .sort();
    expect(actions).toEqual(["jobs.run", "prices.collect_eod", "prices.manual_close"]);
  });

  it("writes the audit line in the change's own transaction: a change whose audit cannot be written is undone", async () => {
    // An actor that does not exist makes the audit insert fail (foreign key): the change must go with it.
    const ghost = { actorId: randomUUID(), now: NOW };
    const fkOf = (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (e: unknown) => pgErrorCode(e),
      );
    expect(await fkOf(adminOpenSession(t.db, { ...ghost, tradingDay: "2027-05-03" }))).toBe(
      PG.foreignKeyViolation,
    );
    expect(await fkOf(adminCloseSession(t.db, { ...ghost, tradingDay: "2027-05-04" }))).toBe(
      PG.foreignKeyViolation,
    );
    expect(
      await fkOf(adminUpsertUniverse(t.db, { ...ghost, tradingDay: "2027-05-05", symbols: ["AAPL"] })),
    ).toBe(PG.foreignKeyViolation);
    expect(
      await fkOf(
        adminSetManualClose(t.db, { ...ghost, tradingDay: "2027-03-04", symbol: "AAPL", close: "12.34" }),
      ),
    ).toBe(PG.foreignKeyViolation);
    expect(
      await t.db
        .select()
        .from(tradingSessions)
        .where(inArray(tradingSessions.tradingDay, ["2027-05-03", "2027-05-04"])),
    ).toEqual([]);
    expect(
      await t.db
        .select()
        .from(universeEntries)
        .where(inArray(universeEntries.tradingDay, ["2027-05-03", "2027-05-05"])),
    ).toEqual([]);
    expect(
      await t.db
        .select()
        .from(eodPrices)
        .where(and(eq(eodPrices.tradingDay, "2027-03-04"), eq(eodPrices.symbol, "AAPL"))),
    ).toEqual([]);

    const a = await admin();
    expect(
      await adminUpsertUniverse(t.db, {
        actorId: a.id,
        tradingDay: "2027-05-05",
        symbols: ["AAPL", "MSFT"],
        now: NOW,
      }),
    ).toMatchObject({ tradingDay: "2027-05-05" });
    const [line] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.id), eq(auditLog.action, "universe.upsert")));
    expect(line).toMatchObject({ target: "2027-05-05", createdAt: NOW });
  });

  it("refuses a holiday with the next trading day and bad days with 400/422", async () => {
    const a = await admin();
    const err = await adminOpenSession(t.db, { actorId: a.id, tradingDay: "2027-02-15", now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: "conflict:not_trading_day",
      details: { nextTradingDay: "2027-02-16" },
    });
    expect(() => calendarDay("2027-02-30")).toThrow(
      expect.objectContaining({ code: "bad_request:trading_day" }),
    );
    expect(() => calendarDay("2031-01-02")).toThrow(
      expect.objectContaining({ code: "unprocessable:out_of_calendar" }),
    );
  });

  it("lists the symbols of a range's universes in first-seen order", async () => {
    await upsertUniverse(t.db, { tradingDay: "2027-04-05", symbols: ["MSFT", "AMD"] });
    await upsertUniverse(t.db, { tradingDay: "2027-04-06", symbols: ["AMD", "META"] });
    expect(await universeSymbolsBetween(t.db, { from: "2027-04-05", to: "2027-04-06" })).toEqual([
      "MSFT",
      "AMD",
      "META",
    ]);
  });
});
