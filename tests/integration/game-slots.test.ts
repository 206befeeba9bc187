import { describe, expect, it } from "vitest";
import { completeAd, COOLDOWN_MS, getSlotView, refillSlots, startAd } from "@/lib/slots";
import { submitPrediction } from "@/lib/predictions";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const DAY = "2026-11-27";
const noon = new Date("2026-11-27T12:00:00+09:00");
const after = (ms: number) => new Date(noon.getTime() + ms);

async function spendAll(userId: string) {
  for (const symbol of ["NVDA", "AAPL", "MSFT"]) {
    await submitPrediction(t.db, {
      userId,
      symbol,
      choice: "UP",
      now: noon,
      takeSnapshot: async () => ({ price: 10, at: noon, source: "simulated" }),
    });
  }
}

describe("ads", () => {
  it("a token unlocks after the minimum watch time, once, for its owner only", async () => {
    await upsertUniverse(t.db, { tradingDay: DAY });
    const p = await createPlayer(t.db);
    const other = await createPlayer(t.db);
    const ad = await startAd(t.db, { userId: p.id, tradingDay: DAY, now: noon, minWatchSeconds: 15 });
    await expect(
      completeAd(t.db, { userId: p.id, token: ad.token, now: after(14_000) }),
    ).rejects.toMatchObject({
      code: "conflict:ad_not_finished",
      details: { secondsLeft: 1 },
    });
    expect(
      await errorCodeOf(completeAd(t.db, { userId: other.id, token: ad.token, now: after(15_000) })),
    ).toBe("not_found:ad_token");
    const done = await completeAd(t.db, { userId: p.id, token: ad.token, now: after(15_000) });
    expect(done.slots).toMatchObject({ available: 4, adSlotsUsed: 1, adSlotsLeft: 6 });
    expect(await errorCodeOf(completeAd(t.db, { userId: p.id, token: ad.token, now: after(16_000) }))).toBe(
      "conflict:ad_already_redeemed",
    );
    const late = await startAd(t.db, { userId: p.id, tradingDay: DAY, now: noon, minWatchSeconds: 15 });
    expect(
      await errorCodeOf(completeAd(t.db, { userId: p.id, token: late.token, now: after(31 * 60_000) })),
    ).toBe("conflict:ad_expired");
  });

  it("50 concurrent ad completions → at most 7 ad slots", async () => {
    const p = await createPlayer(t.db);
    const tokens = [];
    for (let i = 0; i < 50; i++)
      tokens.push(
        (await startAd(t.db, { userId: p.id, tradingDay: DAY, now: noon, minWatchSeconds: 15 })).token,
      );
    const results = await Promise.allSettled(
      tokens.map((token) => completeAd(t.db, { userId: p.id, token, now: after(20_000) })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(7);
    const refusals = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code: string }).code] : [],
    );
    expect(new Set(refusals)).toEqual(new Set(["conflict:ad_limit"]));
    const view = await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: after(20_000) });
    expect(view).toMatchObject({ available: 10, adSlotsUsed: 7, adSlotsLeft: 0 });
    expect(
      await errorCodeOf(
        startAd(t.db, { userId: p.id, tradingDay: DAY, now: after(30_000), minWatchSeconds: 15 }),
      ),
    ).toBe("conflict:ad_limit");
  });
});

describe("cooldown", () => {
  it("slots are right without any callback (lazy refill on read)", async () => {
    const p = await createPlayer(t.db);
    await spendAll(p.id);
    expect(
      (await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: after(COOLDOWN_MS - 1) })).available,
    ).toBe(0);
    expect(
      (await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: after(COOLDOWN_MS) })).available,
    ).toBe(1);
    expect(
      (await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: after(60 * 60_000) })).available,
    ).toBe(3);
  });

  it("20 duplicate refill callbacks → at most +1 and never above 3; a late one catches up exactly", async () => {
    const p = await createPlayer(t.db);
    await spendAll(p.id);
    const due = after(COOLDOWN_MS);
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => refillSlots(t.db, { userId: p.id, tradingDay: DAY, now: due })),
    );
    expect(runs.reduce((sum, r) => sum + r.added, 0)).toBe(1);
    expect((await getSlotView(t.db, { userId: p.id, tradingDay: DAY, now: due })).available).toBe(1);
    // The next callbacks never arrive; one very late callback settles the rest, capped at 3.
    const late = await refillSlots(t.db, { userId: p.id, tradingDay: DAY, now: after(10 * COOLDOWN_MS) });
    expect(late.added).toBe(2);
    expect(late.slots.available).toBe(3);
    expect(late.slots.nextRefillAt).toBeNull();
  });
});
