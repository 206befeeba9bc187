import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dailySlots, predictions } from "@/db/schema";
import { cancelPrediction, changePrediction, submitPrediction, type TakeSnapshot } from "@/lib/predictions";
import { getSlotView } from "@/lib/slots";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const DAY = "2026-11-27";
const noon = new Date("2026-11-27T12:00:00+09:00");
const snap =
  (price: number): TakeSnapshot =>
  async () => ({ price, at: noon, source: "simulated" });
const many = Array.from({ length: 200 }, (_, i) => `SYM${String(i + 1).padStart(3, "0")}`);

async function withUniverse(symbols?: string[]) {
  await upsertUniverse(t.db, { tradingDay: DAY, symbols });
}

describe("predictions", () => {
  it("submit takes a slot and stores the snapshot; the same symbol twice is refused", async () => {
    await withUniverse();
    const p = await createPlayer(t.db);
    const r = await submitPrediction(t.db, {
      userId: p.id,
      symbol: "NVDA",
      choice: "UP",
      now: noon,
      takeSnapshot: snap(181.25),
    });
    expect(r.prediction).toMatchObject({
      status: "PENDING",
      choice: "UP",
      tradingDay: DAY,
      snapshotSource: "simulated",
    });
    expect(Number(r.prediction.snapshotPrice)).toBe(181.25);
    expect(r.slots.available).toBe(2);
    expect(r.refillDueAt).toEqual(new Date(noon.getTime() + 5 * 60_000));
    expect(
      await errorCodeOf(
        submitPrediction(t.db, {
          userId: p.id,
          symbol: "NVDA",
          choice: "DOWN",
          now: noon,
          takeSnapshot: snap(1),
        }),
      ),
    ).toBe("conflict:already_predicted");
  });

  it("no valid price → accepted with a null snapshot", async () => {
    const p = await createPlayer(t.db);
    for (const bad of [
      null,
      { price: 0, at: noon, source: "x" },
      { price: Number.NaN, at: noon, source: "x" },
      { price: -3, at: noon, source: "x" },
    ]) {
      await t.db.delete(predictions).where(eq(predictions.userId, p.id));
      await t.db.delete(dailySlots).where(eq(dailySlots.userId, p.id));
      const r = await submitPrediction(t.db, {
        userId: p.id,
        symbol: "AAPL",
        choice: "UP",
        now: noon,
        takeSnapshot: async () => bad,
      });
      expect(r.prediction.snapshotPrice).toBeNull();
      expect(r.prediction.snapshotAt).toBeNull();
    }
  });

  it("refusals are specific: not in universe, holiday, past cutoff, not yours", async () => {
    const p = await createPlayer(t.db);
    const other = await createPlayer(t.db);
    const base = { userId: p.id, choice: "UP" as const, takeSnapshot: snap(10) };
    expect(await errorCodeOf(submitPrediction(t.db, { ...base, symbol: "ZZZZ", now: noon }))).toBe(
      "unprocessable:symbol_not_in_universe",
    );
    const thanksgiving = submitPrediction(t.db, {
      ...base,
      symbol: "NVDA",
      now: new Date("2026-11-26T12:00:00+09:00"),
    });
    await expect(thanksgiving).rejects.toMatchObject({
      code: "conflict:no_session",
      details: { nextOpenAt: "2026-11-26T21:00:00.000Z" },
    });
    const ok = await submitPrediction(t.db, {
      ...base,
      symbol: "TSLA",
      now: new Date("2026-11-27T23:58:59+09:00"),
    });
    expect(ok.prediction.status).toBe("PENDING");
    expect(
      await errorCodeOf(
        submitPrediction(t.db, { ...base, symbol: "AMD", now: new Date("2026-11-27T23:59:00+09:00") }),
      ),
    ).toBe("conflict:past_cutoff");
    expect(
      await errorCodeOf(
        cancelPrediction(t.db, { userId: other.id, predictionId: ok.prediction.id, now: noon }),
      ),
    ).toBe("forbidden:not_your_prediction");
    expect(
      await errorCodeOf(
        cancelPrediction(t.db, {
          userId: p.id,
          predictionId: ok.prediction.id,
          now: new Date("2026-11-27T23:59:00+09:00"),
        }),
      ),
    ).toBe("conflict:past_cutoff");
  });

  it("change takes a new snapshot; cancel returns the slot; a cancelled symbol can be called again", async () => {
    const p = await createPlayer(t.db);
    const r = await submitPrediction(t.db, {
      userId: p.id,
      symbol: "META",
      choice: "UP",
      now: noon,
      takeSnapshot: snap(600),
    });
    const later = new Date(noon.getTime() + 60_000);
    const changed = await changePrediction(t.db, {
      userId: p.id,
      predictionId: r.prediction.id,
      choice: "DOWN",
      now: later,
      takeSnapshot: async () => ({ price: 601.5, at: later, source: "simulated" }),
    });
    expect(changed.choice).toBe("DOWN");
    expect(Number(changed.snapshotPrice)).toBe(601.5);
    expect(changed.snapshotAt).toEqual(later);
    const c = await cancelPrediction(t.db, { userId: p.id, predictionId: r.prediction.id, now: later });
    expect(c.prediction.status).toBe("CANCELLED");
    expect(c.slots.available).toBe(3);
    expect(c.slots.nextRefillAt).toBeNull();
    expect(
      await errorCodeOf(cancelPrediction(t.db, { userId: p.id, predictionId: r.prediction.id, now: later })),
    ).toBe("conflict:not_pending");
    const again = await submitPrediction(t.db, {
      userId: p.id,
      symbol: "META",
      choice: "UP",
      now: later,
      takeSnapshot: snap(602),
    });
    expect(again.prediction.id).toBe(r.prediction.id);
    expect(again.prediction.status).toBe("PENDING");
    expect(again.slots.available).toBe(2);
  });

  it("200 concurrent submits with 3 slots → exactly 3 accepted, 197 refused with no_slot", async () => {
    await withUniverse(many);
    const p = await createPlayer(t.db);
    const results = await Promise.allSettled(
      many.map((symbol) =>
        submitPrediction(t.db, { userId: p.id, symbol, choice: "UP", now: noon, takeSnapshot: snap(50) }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const codes = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code?: string }).code] : [],
    );
    expect(ok).toHaveLength(3);
    expect(codes).toHaveLength(197);
    expect(new Set(codes)).toEqual(new Set(["conflict:no_slot"]));
    const rows = await t.db.select().from(predictions).where(eq(predictions.userId, p.id));
    expect(rows).toHaveLength(3);
    expect((await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: noon })).available).toBe(0);
  });

  it("a cancel racing submits never yields negative or double slots", async () => {
    const p = await createPlayer(t.db);
    const first = await submitPrediction(t.db, {
      userId: p.id,
      symbol: "SYM001",
      choice: "UP",
      now: noon,
      takeSnapshot: snap(1),
    });
    await submitPrediction(t.db, {
      userId: p.id,
      symbol: "SYM002",
      choice: "UP",
      now: noon,
      takeSnapshot: snap(1),
    });
    await submitPrediction(t.db, {
      userId: p.id,
      symbol: "SYM003",
      choice: "UP",
      now: noon,
      takeSnapshot: snap(1),
    });
    const racers = await Promise.allSettled([
      cancelPrediction(t.db, { userId: p.id, predictionId: first.prediction.id, now: noon }),
      cancelPrediction(t.db, { userId: p.id, predictionId: first.prediction.id, now: noon }),
      ...many
        .slice(10, 40)
        .map((symbol) =>
          submitPrediction(t.db, { userId: p.id, symbol, choice: "DOWN", now: noon, takeSnapshot: snap(1) }),
        ),
    ]);
    const cancels = racers.slice(0, 2).filter((r) => r.status === "fulfilled");
    const submits = racers.slice(2).filter((r) => r.status === "fulfilled");
    expect(cancels).toHaveLength(1);
    expect(submits.length).toBeLessThanOrEqual(1);
    const pending = await t.db.select().from(predictions).where(eq(predictions.userId, p.id));
    const live = pending.filter((r) => r.status === "PENDING").length;
    const view = await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: noon });
    expect(view.available).toBeGreaterThanOrEqual(0);
    expect(live + view.available).toBe(3);
  });
});
