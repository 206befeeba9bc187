import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, jobRuns, universeEntries } from "@/db/schema";
import { adminStartJob } from "@/lib/admin/jobs";
import { adminOpenSession, universeQuotes } from "@/lib/admin/operations";
import { adminUpsertUniverse } from "@/lib/admin/universe";
import { createSimulatedMarket } from "@/lib/prices";
import { findSession, recentSessions } from "@/lib/sessions/queries";
import { DEFAULT_SYMBOLS, upsertUniverse } from "@/lib/universe";
import { createAdmin, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

/** The lib functions the admin pages, server actions and JSON routes share (nothing of this lives in app/). */
const t = useTestDb();
const NOW = new Date("2027-03-10T03:00:00Z"); // 12:00 KST, Wednesday

const admin = () => createAdmin(t.db);

describe("sessions", () => {
  it("finds one day's stored session, null before it was opened, and lists the latest days first", async () => {
    const a = await admin();
    expect(await findSession(t.db, "2027-03-08")).toBeNull();
    for (const day of ["2027-03-08", "2027-03-10", "2027-03-09"])
      await adminOpenSession(t.db, { actorId: a.id, tradingDay: day, now: NOW });
    expect(await findSession(t.db, "2027-03-09")).toMatchObject({ tradingDay: "2027-03-09", phase: "OPEN" });
    expect((await recentSessions(t.db, { limit: 2 })).map((s) => s.tradingDay)).toEqual([
      "2027-03-10",
      "2027-03-09",
    ]);
  });
});

describe("universe", () => {
  it("sets the default list for an empty request and audits it", async () => {
    const a = await admin();
    expect(await adminUpsertUniverse(t.db, { actorId: a.id, now: NOW, tradingDay: "2027-03-11" })).toEqual({
      tradingDay: "2027-03-11",
      added: DEFAULT_SYMBOLS.length,
      updated: 0,
      removed: 0,
      total: DEFAULT_SYMBOLS.length,
      voided: 0,
      change: { added: [...DEFAULT_SYMBOLS], removed: [], moved: [] },
    });
    const replaced = await adminUpsertUniverse(t.db, {
      actorId: a.id,
      now: NOW,
      tradingDay: "2027-03-11",
      symbols: ["NVDA", "AMD"],
    });
    expect(replaced).toMatchObject({ total: 2, removed: DEFAULT_SYMBOLS.length - 2 });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.id), eq(auditLog.action, "universe.upsert")));
    expect(audits.map((r) => r.target)).toEqual(["2027-03-11", "2027-03-11"]);
  });

  it.each([
    ["2027-02-30", "unprocessable:invalid_query"],
    ["03/12/2027", "unprocessable:invalid_query"],
    ["2031-01-02", "unprocessable:out_of_calendar"],
    ["2027-02-15", "unprocessable:not_trading_day"],
    ["2027-03-13", "unprocessable:not_trading_day"],
  ])("refuses %s with %s and writes nothing", async (day, code) => {
    const a = await admin();
    const before = await t.db.select().from(universeEntries);
    expect(await errorCodeOf(adminUpsertUniverse(t.db, { actorId: a.id, now: NOW, tradingDay: day }))).toBe(
      code,
    );
    expect(await t.db.select().from(universeEntries)).toEqual(before);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorId, a.id))).toEqual([]);
  });
});

describe("jobs", () => {
  it("refuses an unknown job with 404 before running or auditing anything", async () => {
    const a = await admin();
    expect(await errorCodeOf(adminStartJob(t.db, { actorId: a.id, now: NOW, job: "no-such-job" }))).toBe(
      "not_found:job",
    );
    expect(await t.db.select().from(jobRuns)).toEqual([]);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorId, a.id))).toEqual([]);
  });
});

describe("quotes", () => {
  it("carries each symbol's change from the previous close, computed once in lib/prices", async () => {
    await upsertUniverse(t.db, { tradingDay: "2027-03-10", symbols: ["NVDA", "AAPL", "MSFT"] });
    const { rows } = await universeQuotes(t.db, createSimulatedMarket(), NOW);
    expect(rows.map((r) => r.symbol)).toEqual(["NVDA", "AAPL", "MSFT"]);
    for (const r of rows) {
      expect(r.price).not.toBeNull();
      expect(r.previousClose).not.toBeNull();
      expect(r.changePct).toBeCloseTo(((r.price! - r.previousClose!) / r.previousClose!) * 100, 2);
    }
  });
});
