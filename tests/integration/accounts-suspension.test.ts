/**
 * Suspension (docs/rules.md, "Suspension and account deletion") through the real route
 * handlers: an admin suspends with a reason (audited), the player's sessions end at once; signed
 * in again they can read their history, but a call, an ad and a redemption are refused with a
 * translated 403 and nothing at all is written; lifting the suspension restores everything.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as liftRoute, POST as suspendRoute } from "@/app/api/admin/users/[id]/suspension/route";
import { POST as adStart } from "@/app/api/ads/start/route";
import { GET as myCalls } from "@/app/api/me/predictions/route";
import { GET as me } from "@/app/api/me/route";
import { POST as submit } from "@/app/api/predictions/route";
import { POST as redeemRoute } from "@/app/api/rewards/redeem/route";
import { rowsOf } from "@/db/client";
import { auditLog, rewardItems } from "@/db/schema";
import { suspendUser } from "@/lib/accounts/suspension";
import { loadSessionUser } from "@/lib/auth/session-user";
import { submitCall } from "@/lib/predictions/service";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { postEntry } from "@/lib/points";
import { openSession } from "@/lib/sessions/transitions";
import { upsertUniverse } from "@/lib/universe";
import ko from "@/messages/ko.json";
import { passedAdminCookie } from "../support/second-factor";
import { sessionCookie } from "../support/session-cookie";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createAdmin, createPlayer } from "./support/players";
import { callRoute } from "./support/requests";

const t = useTestDb();
const DAY = "2026-11-27";
const NOON = new Date(`${DAY}T12:00:00+09:00`);
const undo: Array<() => void> = [];

beforeAll(async () => {
  undo.push(serveAppFrom(t));
  shiftAppClockTo(NOON);
  await upsertUniverse(t.db, { tradingDay: DAY, symbols: ["AAPL", "NVDA", "MSFT"] });
  await openSession(t.db, { tradingDay: DAY, now: NOON });
});
afterAll(() => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
});

/** Row count of every table of the schema: "nothing written" means none of them changed. */
async function everyTableCount(): Promise<Record<string, number>> {
  const tables = rowsOf<{ table_name: string }>(
    await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.table_name);
  const out: Record<string, number> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
    );
    out[name] = Number(row!.n);
  }
  return out;
}

async function newItem() {
  const sku = `S-${randomUUID().slice(0, 8).toUpperCase()}`;
  await t.db
    .insert(rewardItems)
    .values({ sku, nameKo: "테스트", nameEn: "Test", cost: 100, stock: 5, stockTotal: 5 });
  return sku;
}

describe("suspension", () => {
  it("refuses calls, ads and redemptions with a translated 403 and writes nothing; lifting restores them", async () => {
    const admin = await createAdmin(t.db);
    const player = await createPlayer(t.db);
    await postEntry(t.db, {
      userId: player.id,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${player.id}`,
    });
    const sku = await newItem();
    const adminCookie = (await passedAdminCookie(t.db, admin.id, env().AUTH_SECRET, NOON)).cookie;
    const before = await sessionCookie(t.db, player.id, env().AUTH_SECRET, NOON);
    const [oldSid] = rowsOf<{ id: string }>(
      await t.db.execute(sql`select id from user_sessions where user_id = ${player.id}`),
    );

    const suspended = await callRoute(suspendRoute, {
      method: "POST",
      path: `/api/admin/users/${player.id}/suspension`,
      cookie: adminCookie,
      params: { id: player.id },
      body: { reason: "abusive nickname" },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ suspended: true, changed: true, sessionsEnded: 1 });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.suspended"), eq(auditLog.target, `user:${player.id}`)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, details: { reason: "abusive nickname" } });

    // Their sessions ended at once: the cookie they had is refused.
    await expect(loadSessionUser(t.db, { userId: player.id, sessionId: oldSid!.id })).rejects.toMatchObject({
      status: 401,
    });
    expect((await callRoute(me, { path: "/api/me", cookie: before })).status).toBe(401);

    // Signed in again: history is readable.
    const cookie = await sessionCookie(t.db, player.id, env().AUTH_SECRET, NOON);
    expect((await callRoute(me, { path: "/api/me", cookie })).status).toBe(200);
    expect((await callRoute(myCalls, { path: "/api/me/predictions", cookie })).status).toBe(200);

    const snapshot = await everyTableCount();
    const refused = [
      await callRoute(submit, {
        method: "POST",
        path: "/api/predictions",
        cookie,
        body: { symbol: "AAPL", choice: "UP" },
        locale: "ko",
      }),
      await callRoute(adStart, { method: "POST", path: "/api/ads/start", cookie, locale: "ko" }),
      await callRoute(redeemRoute, {
        method: "POST",
        path: "/api/rewards/redeem",
        cookie,
        body: { sku, requestKey: randomUUID() },
        locale: "ko",
      }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({
        code: "forbidden:suspended",
        message: ko.serverErrors.forbidden.suspended,
      });
    }
    expect(await everyTableCount()).toEqual(snapshot);

    // A player cannot lift it; an admin can, audited.
    const self = await callRoute(liftRoute, {
      method: "DELETE",
      path: `/api/admin/users/${player.id}/suspension`,
      cookie,
      params: { id: player.id },
    });
    expect(self.status).toBe(403);
    const lifted = await callRoute(liftRoute, {
      method: "DELETE",
      path: `/api/admin/users/${player.id}/suspension`,
      cookie: adminCookie,
      params: { id: player.id },
    });
    expect(lifted).toMatchObject({ status: 200, body: { suspended: false, changed: true } });
    expect(
      await t.db.select().from(auditLog).where(eq(auditLog.action, "user.suspension_lifted")),
    ).toHaveLength(1);

    const call = await callRoute(submit, {
      method: "POST",
      path: "/api/predictions",
      cookie,
      body: { symbol: "AAPL", choice: "UP" },
    });
    expect(call.status).toBe(201);
    expect((await callRoute(adStart, { method: "POST", path: "/api/ads/start", cookie })).status).toBe(200);
    const redeemed = await callRoute(redeemRoute, {
      method: "POST",
      path: "/api/rewards/redeem",
      cookie,
      body: { sku, requestKey: randomUUID() },
    });
    expect(redeemed.status).toBe(201);
  });

  it("the call's own transaction refuses a suspended player too (a suspension committed after the guard read): no call, no slot, no rate-limit count", async () => {
    const admin = await createAdmin(t.db);
    const player = await createPlayer(t.db);
    await suspendUser(t.db, { actorId: admin.id, userId: player.id, reason: "race", now: NOON });
    const count = async (table: string) =>
      rowsOf<{ n: number }>(
        await t.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${player.id}`,
        ),
      )[0]!.n;
    await expect(
      submitCall(t.db, {
        userId: player.id,
        symbol: "NVDA",
        choice: "DOWN",
        now: NOON,
        scheduleRefill: async () => {},
      }),
    ).rejects.toMatchObject({ code: "forbidden:suspended", status: 403 });
    expect(await count("predictions")).toBe(0);
    expect(await count("daily_slots")).toBe(0);
    expect(
      rowsOf<{ n: number }>(
        await t.db.execute(
          sql`select count(*)::int as n from rate_limits where key like ${"%" + player.id + "%"}`,
        ),
      )[0]!.n,
    ).toBe(0);
  });

  it("a reason is required; an admin cannot suspend themselves or another admin; a player is refused", async () => {
    const admin = await createAdmin(t.db);
    const other = await createAdmin(t.db);
    const player = await createPlayer(t.db);
    const adminCookie = (await passedAdminCookie(t.db, admin.id, env().AUTH_SECRET, NOON)).cookie;
    const post = (id: string, body: unknown, cookie = adminCookie) =>
      callRoute(suspendRoute, {
        method: "POST",
        path: `/api/admin/users/${id}/suspension`,
        cookie,
        params: { id },
        body,
      });
    expect((await post(player.id, { reason: "  " })).status).toBe(422);
    expect((await post(admin.id, { reason: "x" })).body).toMatchObject({ code: "conflict:suspend_self" });
    expect((await post(other.id, { reason: "x" })).body).toMatchObject({ code: "conflict:suspend_admin" });
    expect((await post(randomUUID(), { reason: "x" })).status).toBe(404);
    const playerCookie = await sessionCookie(t.db, player.id, env().AUTH_SECRET, NOON);
    expect((await post(player.id, { reason: "x" }, playerCookie)).status).toBe(403);
    expect((await post(player.id, { reason: "x" }, "")).status).toBe(401);
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.target, `user:${player.id}`)),
    ).toHaveLength(0);
  });
});
