import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adViews, dailySlots } from "@/db/schema";
import { beginAd, finishAd } from "@/lib/predictions/service";
import { closeSession, openSession } from "@/lib/sessions/transitions";
import { completeAd, startAd } from "@/lib/slots";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const DAY = "2026-11-27";
const kst = (time: string, day = DAY) => new Date(`${day}T${time}+09:00`);

async function stateOf(userId: string, token: string) {
  const [view] = await t.db.select().from(adViews).where(eq(adViews.id, token));
  const [slots] = await t.db
    .select()
    .from(dailySlots)
    .where(and(eq(dailySlots.userId, userId), eq(dailySlots.tradingDay, DAY)));
  return {
    status: view!.status,
    completedAt: view!.completedAt,
    adSlots: slots?.adSlots ?? 0,
    available: slots?.available ?? 3,
  };
}

describe("ads obey the session", () => {
  it("an ad finished at 23:58:59 gives its slot; one finished at 23:59:00 or 23:59:30 → 409 and nothing written", async () => {
    await upsertUniverse(t.db, { tradingDay: DAY });
    const onTime = await createPlayer(t.db);
    const ad = await startAd(t.db, {
      userId: onTime.id,
      tradingDay: DAY,
      now: kst("23:58:40"),
      minWatchSeconds: 15,
    });
    const done = await completeAd(t.db, { userId: onTime.id, token: ad.token, now: kst("23:58:59") });
    expect(done.slots.adSlotsUsed).toBe(1);

    for (const late of ["23:59:00", "23:59:30"]) {
      const p = await createPlayer(t.db);
      const lateAd = await startAd(t.db, {
        userId: p.id,
        tradingDay: DAY,
        now: kst("23:58:40"),
        minWatchSeconds: 15,
      });
      const before = await stateOf(p.id, lateAd.token);
      await expect(
        completeAd(t.db, { userId: p.id, token: lateAd.token, now: kst(late) }),
      ).rejects.toMatchObject({ code: "conflict:past_cutoff", status: 409 });
      expect(await stateOf(p.id, lateAd.token)).toEqual(before);
      expect(before).toMatchObject({ status: "STARTED", completedAt: null, adSlots: 0 });
    }
  });

  it("an ad of yesterday's session cannot be redeemed the next morning (its token has not expired)", async () => {
    const p = await createPlayer(t.db);
    const ad = await startAd(t.db, {
      userId: p.id,
      tradingDay: DAY,
      now: kst("23:58:50"),
      minWatchSeconds: 5,
    });
    // 06:00 the next trading day: a new session is open, but not the ad's.
    expect(
      await errorCodeOf(
        completeAd(t.db, { userId: p.id, token: ad.token, now: kst("06:00:10", "2026-11-30") }),
      ),
    ).toBe("conflict:past_cutoff");
  });

  it("a session closed early by an admin → 409 session_closed, nothing written", async () => {
    const day = "2026-12-01";
    await upsertUniverse(t.db, { tradingDay: day });
    await openSession(t.db, { tradingDay: day, now: kst("06:00:00", day) });
    const p = await createPlayer(t.db);
    const ad = await startAd(t.db, {
      userId: p.id,
      tradingDay: day,
      now: kst("12:00:00", day),
      minWatchSeconds: 15,
    });
    await closeSession(t.db, { tradingDay: day, now: kst("12:00:05", day) });
    await expect(
      completeAd(t.db, { userId: p.id, token: ad.token, now: kst("12:00:20", day) }),
    ).rejects.toMatchObject({ code: "conflict:session_closed", status: 409 });
    const [view] = await t.db.select().from(adViews).where(eq(adViews.id, ad.token));
    expect(view).toMatchObject({ status: "STARTED", completedAt: null });
    expect(
      await t.db
        .select()
        .from(dailySlots)
        .where(and(eq(dailySlots.userId, p.id), eq(dailySlots.tradingDay, day))),
    ).toMatchObject([{ adSlots: 0 }]);
  });

  it("ad start and complete are rate limited per player (429 with Retry-After), before any row is written", async () => {
    const day = "2026-12-02";
    await upsertUniverse(t.db, { tradingDay: day });
    const p = await createPlayer(t.db);
    const now = kst("10:00:00", day);
    // The default limit is 10 a minute: a burst of 200 starts writes 10 ad tokens, not 200.
    const outcomes = [];
    for (let i = 0; i < 200; i++)
      outcomes.push(
        await beginAd(t.db, { userId: p.id, now }).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(10);
    expect(outcomes.slice(10).every((o) => o === "rate_limited:ad-start")).toBe(true);
    expect(await t.db.select().from(adViews).where(eq(adViews.userId, p.id))).toHaveLength(10);
    const bogus = "00000000-0000-4000-8000-000000000000";
    const completes = [];
    for (let i = 0; i < 11; i++)
      completes.push(
        await finishAd(t.db, { userId: p.id, token: bogus, now }).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    expect(completes.slice(0, 10).every((c) => c === "not_found:ad_token")).toBe(true);
    await expect(finishAd(t.db, { userId: p.id, token: bogus, now })).rejects.toMatchObject({
      status: 429,
      details: { retryAfterSeconds: 6 },
    });
  });
});
