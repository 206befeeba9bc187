/**
 * Web Push end to end on the real library path: subscriptions saved through lib/push, the job
 * body sends with `web-push` (VAPID, aes128gcm) to a local push service that decrypts with the
 * subscription's keys. Quiet hours, no-slot days, duplicates and 404/410 answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { predictions, pushDeliveries, pushSubscriptions } from "@/db/schema";
import { settlementDueAt } from "@/lib/calendar";
import { recordDayResults } from "@/lib/loop/record-day";
import { updateLoopSettings } from "@/lib/loop/settings";
import { pushWorkDue, sendDuePushes } from "@/lib/push/due";
import { savePushSubscription } from "@/lib/push/subscriptions";
import { startPushService, type PushService } from "../support/push-service";
import { useTestDb } from "./support/db";
import { createPlayer } from "./support/players";

vi.hoisted(() => {
  process.env.VAPID_PUBLIC_KEY =
    "BNah084GWK99DjftI3XV0VbZobT0vZYsBT5ka9uMuPGALRNo0WYEn9XwQU9coRZ820v3BgeZ4s1slrABAKEAduM";
  process.env.VAPID_PRIVATE_KEY = "7K4275FesC_RrlJVYpZiGe0sAOL3WOMm3vtMBaSfXao";
  process.env.PUSH_TEST_ENDPOINT_ORIGIN = "https://127.0.0.1";
  process.env.PUSH_TEST_CA_FILE = "tests/fixtures/push/cert.pem";
});

const t = useTestDb();
let push: PushService;
beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  await push.close();
});

const DAY = "2026-12-15";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+09:00`);
const json = (text: string) => JSON.parse(text) as { title: string; body: string; url: string };

describe("push reminders and results", () => {
  it("reminds at the chosen time with the calls left, once, in the player's language; honours quiet hours and empty days", async () => {
    const ko = await createPlayer(t.db);
    const en = await createPlayer(t.db);
    const quiet = await createPlayer(t.db);
    const subKo = push.subscription();
    const subEn = push.subscription();
    for (const [p, sub, locale] of [
      [ko, subKo, "ko"],
      [en, subEn, "en"],
      [quiet, push.subscription(), "en"],
    ] as const) {
      await savePushSubscription(t.db, { userId: p.id, subscription: sub, now: at("09:00") });
      await updateLoopSettings(t.db, {
        userId: p.id,
        patch: { reminderAt: "23:00" },
        locale,
        now: at("09:00"),
      });
    }
    await updateLoopSettings(t.db, {
      userId: quiet.id,
      patch: { quiet: { from: "22:00", until: "07:00" } },
      now: at("09:00"),
    });
    // One call made by the English player: 2 calls left to the daily goal (3).
    await t.db.insert(predictions).values({ userId: en.id, tradingDay: DAY, symbol: "AAPL", choice: "UP" });
    // A player whose daily goal (2) is already met gets no reminder; cancelled calls do not count.
    const spent = await createPlayer(t.db);
    await savePushSubscription(t.db, {
      userId: spent.id,
      subscription: push.subscription(),
      now: at("09:00"),
    });
    await updateLoopSettings(t.db, {
      userId: spent.id,
      patch: { reminderAt: "22:30", dailyGoal: 2 },
      locale: "en",
      now: at("09:00"),
    });
    await t.db.insert(predictions).values([
      { userId: spent.id, tradingDay: DAY, symbol: "AAPL", choice: "UP" },
      { userId: spent.id, tradingDay: DAY, symbol: "MSFT", choice: "UP" },
      {
        userId: ko.id,
        tradingDay: DAY,
        symbol: "MSFT",
        choice: "UP",
        status: "CANCELLED",
        cancelledAt: at("10:00"),
      },
    ]);

    expect(await pushWorkDue(t.db, at("22:29"))).toBe(false);
    expect(await pushWorkDue(t.db, at("22:30"))).toBe(true);
    expect(await sendDuePushes(t.db, at("22:30"))).toMatchObject({ sent: 0, skipped: 1 });
    const r = await sendDuePushes(t.db, at("23:00"));
    expect(r).toMatchObject({ sent: 2, skipped: 1, failed: 0 });
    const got = (id: string) => push.received.filter((m) => m.path.endsWith(id.split("/").pop()!));
    const [toEn] = got(subEn.endpoint);
    expect(json(toEn!.text)).toEqual({
      title: "OX Universe",
      body: "59 minutes left, 2 calls unused",
      url: "/",
      tag: "reminder",
    });
    expect(toEn!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=BNah084/);
    expect(toEn!.headers["content-encoding"]).toBe("aes128gcm");
    expect(json(got(subKo.endpoint)[0]!.text).body).toBe("마감까지 59분, 남은 콜 3개");
    const quietRow = await t.db.select().from(pushDeliveries).where(eq(pushDeliveries.userId, quiet.id));
    expect(quietRow).toMatchObject([{ kind: "reminder", status: "skipped", detail: "quiet hours" }]);
    const spentRow = await t.db.select().from(pushDeliveries).where(eq(pushDeliveries.userId, spent.id));
    expect(spentRow).toMatchObject([{ status: "skipped", detail: "daily goal reached" }]);

    // Once per day: a second run (or a second instance) sends nothing.
    expect(await sendDuePushes(t.db, at("23:10"))).toMatchObject({ sent: 0, skipped: 0 });
    expect(push.received).toHaveLength(2);
  });

  it("pushes the day's results after settlement, and drops subscriptions the push service calls gone", async () => {
    const p = await createPlayer(t.db);
    const live = push.subscription();
    const goneId = "gone-subscription";
    const gone = push.subscription(goneId);
    push.answer(goneId, 410);
    for (const sub of [live, gone])
      await savePushSubscription(t.db, { userId: p.id, subscription: sub, now: at("09:00") });
    await updateLoopSettings(t.db, {
      userId: p.id,
      patch: { resultsPush: true },
      locale: "en",
      now: at("09:00"),
    });
    await t.db
      .insert(predictions)
      .values([
        { userId: p.id, tradingDay: DAY, symbol: "MSFT", choice: "UP", status: "VOID", voidReason: "flat" },
      ]);
    const recordedAt = new Date(settlementDueAt(DAY).getTime() + 60_000);
    await t.db.transaction((tx) => recordDayResults(tx, { tradingDay: DAY, now: recordedAt }));

    const before = push.received.length;
    const r = await sendDuePushes(t.db, new Date(recordedAt.getTime() + 60_000));
    expect(r).toMatchObject({ sent: 1, gone: 1 });
    const msg = json(push.received.at(-1)!.text);
    expect(msg).toMatchObject({ title: "Your results of 12/15 are in", body: "0/1 correct · +0P · 🔥 1" });
    expect(push.received.length).toBe(before + 1);
    const left = await t.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, p.id));
    expect(left.map((s) => s.endpoint)).toEqual([live.endpoint]);
  });

  it("refuses endpoints that are not a push service", async () => {
    const p = await createPlayer(t.db);
    const sub = { ...push.subscription(), endpoint: "https://169.254.169.254/latest" };
    await expect(
      savePushSubscription(t.db, { userId: p.id, subscription: sub, now: at("09:00") }),
    ).rejects.toMatchObject({
      code: "unprocessable:push_endpoint",
    });
  });
});
