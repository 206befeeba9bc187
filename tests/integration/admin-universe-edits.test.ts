import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, predictions, universeEntries } from "@/db/schema";
import { adminUpsertUniverse } from "@/lib/admin/universe";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { cancelPrediction, submitPrediction } from "@/lib/predictions";
import { createSimulatedMarket } from "@/lib/prices";
import { getSlotView } from "@/lib/slots";
import { getUniverse, upsertUniverse } from "@/lib/universe";
import { createAdmin, createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

/** Safe universe edits (docs/rules.md §3): known symbols only, named duplicates, confirmed removals. */
const t = useTestDb();
const DAY = "2026-11-27";
const OTHER_DAY = "2026-11-30";
const noon = new Date("2026-11-27T12:00:00+09:00");
const sim = createSimulatedMarket();

const call = (userId: string, symbol: string, choice: "UP" | "DOWN" = "UP") =>
  submitPrediction(t.db, {
    userId,
    symbol,
    choice,
    now: noon,
    takeSnapshot: async () => ({ price: 10, at: noon, source: "simulated" }),
  });

const edit = (actorId: string, symbols: string[], extra: { confirmRemoval?: boolean } = {}) =>
  adminUpsertUniverse(t.db, { actorId, now: noon, tradingDay: DAY, symbols, provider: sim, ...extra });

async function universeAudits(actorId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, "universe.upsert")));
}

describe("symbols are checked against the price provider", () => {
  it("refuses an unknown symbol by name, writes nothing, and only asks about new symbols", async () => {
    const a = await createAdmin(t.db);
    await edit(a.id, ["NVDA", "AAPL"]);
    const err = await edit(a.id, ["NVDA", "ZZZZ", "AAPL", "QQQQ"]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "unprocessable:universe_unknown_symbol",
      details: { unknown: ["ZZZZ", "QQQQ"] },
    });
    expect((await getUniverse(t.db, DAY)).map((u) => u.symbol)).toEqual(["NVDA", "AAPL"]);
    expect(await universeAudits(a.id)).toHaveLength(1);

    const asked: string[][] = [];
    const spy = {
      lookupSymbols: (s: string[]) => {
        asked.push(s);
        return sim.lookupSymbols(s);
      },
    };
    await adminUpsertUniverse(t.db, {
      actorId: a.id,
      now: noon,
      tradingDay: DAY,
      symbols: ["AAPL", "NVDA", "MSFT"],
      provider: spy,
    });
    expect(asked).toEqual([["MSFT"]]);
  });

  it("a provider that cannot answer refuses the edit instead of letting a symbol in unchecked", async () => {
    const a = await createAdmin(t.db);
    const down = {
      lookupSymbols: async () => {
        const { AppError } = await import("@/lib/errors");
        throw new AppError("unavailable:price_lookup", "The price provider cannot check symbols right now.");
      },
    };
    expect(
      await errorCodeOf(
        adminUpsertUniverse(t.db, {
          actorId: a.id,
          now: noon,
          tradingDay: OTHER_DAY,
          symbols: ["AMD"],
          provider: down,
        }),
      ),
    ).toBe("unavailable:price_lookup");
    expect(
      await t.db.select().from(universeEntries).where(eq(universeEntries.tradingDay, OTHER_DAY)),
    ).toEqual([]);
  });

  it("names each duplicate once", async () => {
    const a = await createAdmin(t.db);
    const err = await edit(a.id, ["NVDA", "AMD", "NVDA", "AAPL", "AMD", "NVDA"]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "unprocessable:universe_duplicate",
      details: { duplicates: ["NVDA", "AMD"] },
    });
  });
});

describe("removing a symbol with pending calls", () => {
  it("needs a confirmation, then voids exactly those calls, returns their slots and tells their players", async () => {
    const a = await createAdmin(t.db);
    await edit(a.id, ["NVDA", "AAPL", "MSFT", "AMD"]);
    const [p1, p2, p3] = [await createPlayer(t.db), await createPlayer(t.db), await createPlayer(t.db)];
    // p1: NVDA and AAPL (both removed) and MSFT (kept); p2: AMD (kept) and a cancelled NVDA; p3: AAPL.
    await call(p1.id, "NVDA");
    await call(p1.id, "AAPL", "DOWN");
    const kept = await call(p1.id, "MSFT");
    await call(p2.id, "AMD");
    const cancelled = await call(p2.id, "NVDA");
    await cancelPrediction(t.db, { userId: p2.id, predictionId: cancelled.prediction.id, now: noon });
    await call(p3.id, "AAPL");
    const slotsBefore = await getSlotView(t.db, { userId: p1.id, tradingDay: DAY, now: noon });
    expect(slotsBefore.available).toBe(0);

    const refused = await edit(a.id, ["MSFT", "AMD", "TSLA"]).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "conflict:universe_removal_unconfirmed",
      details: { affected: 3, symbols: ["NVDA", "AAPL"] },
    });
    expect((await getUniverse(t.db, DAY)).map((u) => u.symbol)).toEqual(["NVDA", "AAPL", "MSFT", "AMD"]);
    expect(await t.db.select().from(predictions).where(eq(predictions.status, "VOID"))).toEqual([]);
    expect(await universeAudits(a.id)).toHaveLength(1);

    const done = await edit(a.id, ["MSFT", "AMD", "TSLA"], { confirmRemoval: true });
    expect(done).toMatchObject({
      added: 1,
      removed: 2,
      updated: 2,
      total: 3,
      voided: 3,
      change: { added: ["TSLA"], removed: ["NVDA", "AAPL"], moved: ["MSFT", "AMD"] },
    });

    const all = await t.db.select().from(predictions);
    const voided = all.filter((p) => p.status === "VOID");
    expect(voided.map((p) => `${p.userId}:${p.symbol}`).sort()).toEqual(
      [`${p1.id}:NVDA`, `${p1.id}:AAPL`, `${p3.id}:AAPL`].sort(),
    );
    for (const v of voided)
      expect(v).toMatchObject({ voidReason: "removed_from_universe", pointsAwarded: 0, settledAt: noon });
    expect(all.find((p) => p.id === kept.prediction.id)?.status).toBe("PENDING");
    expect(all.find((p) => p.id === cancelled.prediction.id)?.status).toBe("CANCELLED");
    expect(
      all
        .filter((p) => p.status === "PENDING")
        .map((p) => p.symbol)
        .sort(),
    ).toEqual(["AMD", "MSFT"]);

    // Two slots back for p1 (0 → 2), one for p3 (2 → 3); p2 untouched.
    expect((await getSlotView(t.db, { userId: p1.id, tradingDay: DAY, now: noon })).available).toBe(2);
    expect((await getSlotView(t.db, { userId: p3.id, tradingDay: DAY, now: noon })).available).toBe(3);
    expect((await getSlotView(t.db, { userId: p2.id, tradingDay: DAY, now: noon })).available).toBe(2);

    const notes = (
      await t.db.select().from(notifications).where(eq(notifications.kind, "calls_voided"))
    ).filter((n) => [p1.id, p2.id, p3.id].includes(n.userId));
    expect(notes.map((n) => [n.userId, n.payload]).sort()).toEqual(
      [
        [p1.id, { tradingDay: DAY, symbols: ["AAPL", "NVDA"], reason: "removed_from_universe" }],
        [p3.id, { tradingDay: DAY, symbols: ["AAPL"], reason: "removed_from_universe" }],
      ].sort(),
    );

    const audits = await universeAudits(a.id);
    expect(audits).toHaveLength(2);
    expect(audits.find((r) => (r.details as { voided?: number }).voided === 3)?.details).toMatchObject({
      added: ["TSLA"],
      removed: ["NVDA", "AAPL"],
      moved: ["MSFT", "AMD"],
      voided: 3,
    });

    // A voided call is final: the player may call the symbol again only if it comes back, and
    // settlement never sees it as pending; the ledger and every invariant still hold.
    expect(await runIntegrityChecks(t.db)).toEqual([]);
  });

  it("removing symbols without pending calls needs no confirmation", async () => {
    const a = await createAdmin(t.db);
    await upsertUniverse(t.db, { tradingDay: DAY, symbols: ["NVDA", "AAPL"] });
    const p = await createPlayer(t.db);
    await call(p.id, "NVDA");
    expect(await edit(a.id, ["NVDA"])).toMatchObject({ removed: 1, voided: 0 });
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, p.id))).toEqual([]);
    expect((await t.db.select().from(predictions).where(eq(predictions.userId, p.id)))[0]?.status).toBe(
      "PENDING",
    );
  });
});
