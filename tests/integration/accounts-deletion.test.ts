/**
 * "Players own their data" (docs/rules.md, "Your data") through the real route handlers:
 * the export holds every row of the player and nothing of anyone else, and is rate limited;
 * deleting the account refunds pending redemptions first, unlinks identities, ends sessions,
 * drops push subscriptions and anonymises the user, while the ledger, calls and redemptions
 * stay under the tombstone so the TESTPLAN invariants still hold; signing in again with the
 * same provider account makes a new player without a second signup bonus.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/me/export/route";
import { DELETE as deleteRoute, GET as me } from "@/app/api/me/route";
import {
  accounts,
  notifications,
  pointsLedger,
  predictions,
  pushSubscriptions,
  redemptions,
  rewardItems,
  userSessions,
  users,
} from "@/db/schema";
import { provisionOAuthUser, type ProvisionInput } from "@/lib/accounts";
import { deleteAccount } from "@/lib/accounts/deletion";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { notify } from "@/lib/notifications/notify";
import { loadLeaderboard } from "@/lib/loop/leaderboard";
import { PERIODS } from "@/lib/loop/periods";
import { recordDayResults } from "@/lib/loop/record-day";
import { getBalance } from "@/lib/points";
import { submitCall } from "@/lib/predictions/service";
import { markIssued, redeem } from "@/lib/rewards";
import { openSession } from "@/lib/sessions/transitions";
import { upsertUniverse } from "@/lib/universe";
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

function google(providerAccountId: string, over: Partial<ProvisionInput> = {}): ProvisionInput {
  return {
    provider: "google",
    providerAccountId,
    email: `${providerAccountId}@example.com`,
    emailVerified: true,
    nickname: `n${providerAccountId.slice(0, 8)}`,
    image: null,
    adminEmails: [],
    now: NOON,
    ...over,
  };
}

async function newItem(cost = 100) {
  const sku = `D-${randomUUID().slice(0, 8).toUpperCase()}`;
  await t.db
    .insert(rewardItems)
    .values({ sku, nameKo: "테스트", nameEn: "Test", cost, stock: 5, stockTotal: 5 });
  return sku;
}

/** A player with a bit of everything: a call, an issued and a pending redemption, a notification, a push subscription. */
async function busyPlayer(admin: string, tag: string) {
  const providerAccountId = `${tag}-${randomUUID()}`;
  const { user } = await provisionOAuthUser(t.db, google(providerAccountId));
  await submitCall(t.db, {
    userId: user.id,
    symbol: "AAPL",
    choice: "UP",
    now: NOON,
    scheduleRefill: async () => {},
  });
  const issued = await redeem(t.db, {
    userId: user.id,
    sku: await newItem(),
    requestKey: randomUUID(),
    now: NOON,
  });
  await markIssued(t.db, {
    actorId: admin,
    redemptionId: issued.redemption.id,
    code: `CODE-${tag}`,
    now: NOON,
  });
  const pending = await redeem(t.db, {
    userId: user.id,
    sku: await newItem(250),
    requestKey: randomUUID(),
    now: NOON,
  });
  await notify(t.db, { userId: user.id, kind: "welcome", payload: { tag }, now: NOON });
  await t.db.insert(pushSubscriptions).values({
    userId: user.id,
    endpoint: `https://push.example/${randomUUID()}`,
    p256dh: "p",
    auth: "a",
    createdAt: NOON,
  });
  return { user, providerAccountId, pendingId: pending.redemption.id };
}

const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id)).sort();

describe("export", () => {
  it("holds every row of the player and nothing of anyone else; a third download within the minute is refused", async () => {
    const admin = await createAdmin(t.db);
    const a = await busyPlayer(admin.id, "a");
    const b = await busyPlayer(admin.id, "b");
    const cookie = await sessionCookie(t.db, a.user.id, env().AUTH_SECRET, NOON);

    const res = await callRoute(exportRoute, { path: "/api/me/export", cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="ox-universe-.*\.json"/);
    const data = res.body as {
      profile: { id: string; nickname: string; email: string; balance: number; identities: unknown[] };
      calls: { id: string }[];
      ledger: { id: number }[];
      redemptions: { id: string; code: string | null }[];
      notifications: { id: string }[];
    };
    expect(data.profile).toMatchObject({
      id: a.user.id,
      nickname: a.user.nickname,
      email: a.user.email,
      balance: await getBalance(t.db, a.user.id),
    });
    expect(data.profile.identities).toHaveLength(1);
    const mine = <T extends { id: unknown }>(rows: T[]) => ids(rows);
    expect(mine(data.calls)).toEqual(
      ids(await t.db.select().from(predictions).where(eq(predictions.userId, a.user.id))),
    );
    expect(mine(data.ledger)).toEqual(
      ids(await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, a.user.id))),
    );
    expect(mine(data.redemptions)).toEqual(
      ids(await t.db.select().from(redemptions).where(eq(redemptions.userId, a.user.id))),
    );
    expect(mine(data.notifications)).toEqual(
      ids(await t.db.select().from(notifications).where(eq(notifications.userId, a.user.id))),
    );
    expect(data.ledger.length).toBeGreaterThanOrEqual(3);
    expect(data.redemptions.map((r) => r.code)).toContain("CODE-a");

    // Nothing of the other player: none of their ids, names, codes or e-mail anywhere in the file.
    const text = JSON.stringify(data);
    const theirs = [
      b.user.id,
      b.user.nickname,
      b.user.email!,
      "CODE-b",
      ...ids(await t.db.select().from(predictions).where(eq(predictions.userId, b.user.id))),
      ...ids(await t.db.select().from(redemptions).where(eq(redemptions.userId, b.user.id))),
      ...ids(await t.db.select().from(notifications).where(eq(notifications.userId, b.user.id))),
    ];
    for (const s of theirs) expect(text).not.toContain(s);

    expect((await callRoute(exportRoute, { path: "/api/me/export", cookie })).status).toBe(200);
    const third = await callRoute(exportRoute, { path: "/api/me/export", cookie });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBeTruthy();
    expect((await callRoute(exportRoute, { path: "/api/me/export" })).status).toBe(401);
  });
});

describe("export as CSV", () => {
  it("one part per file: a header and one row per ledger entry, quoted; a formula-like text is defused", async () => {
    const admin = await createAdmin(t.db);
    const a = await busyPlayer(admin.id, "csv");
    const odd = await redeem(t.db, {
      userId: a.user.id,
      sku: await newItem(),
      requestKey: randomUUID(),
      now: NOON,
    });
    await markIssued(t.db, {
      actorId: admin.id,
      redemptionId: odd.redemption.id,
      code: 'say "hi"',
      note: "=HYPERLINK(1)",
      now: NOON,
    });
    const cookie = await sessionCookie(t.db, a.user.id, env().AUTH_SECRET, NOON);
    const ledger = await callRoute(exportRoute, { path: "/api/me/export?format=csv&part=ledger", cookie });
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(ledger.headers.get("content-disposition")).toMatch(/-ledger\.csv"$/);
    const lines = String(ledger.body.text)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const rows = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, a.user.id));
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toBe('"id","amount","reason","balanceAfter","refId","memo","createdAt"');
    expect(lines[1]).toContain(`"SIGNUP_BONUS"`);
    const redeemed = await callRoute(exportRoute, {
      path: "/api/me/export?format=csv&part=redemptions",
      cookie,
    });
    expect(String(redeemed.body.text)).toContain(`"'=HYPERLINK(1)"`);
    expect(String(redeemed.body.text)).toContain(`"say ""hi"""`);
    // (Another player: two downloads a minute are this one's budget.)
    const fresh = await sessionCookie(t.db, (await createPlayer(t.db)).id, env().AUTH_SECRET, NOON);
    const partless = await callRoute(exportRoute, { path: "/api/me/export?format=csv", cookie: fresh });
    expect(partless.status).toBe(422);
  });
});

describe("account deletion", () => {
  it("refunds pending redemptions, unlinks, ends sessions, anonymises; the ledger stays and adds up", async () => {
    const admin = await createAdmin(t.db);
    const a = await busyPlayer(admin.id, "del");
    const other = await busyPlayer(admin.id, "keep");
    const cookie = await sessionCookie(t.db, a.user.id, env().AUTH_SECRET, NOON);
    const otherDevice = await sessionCookie(t.db, a.user.id, env().AUTH_SECRET, NOON);
    const ledgerBefore = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, a.user.id));
    const balanceBefore = await getBalance(t.db, a.user.id);
    const del = (body: unknown) =>
      callRoute(deleteRoute, { method: "DELETE", path: "/api/me", cookie, body });

    expect((await del({})).status).toBe(400);
    expect((await del({ confirm: "yes" })).body).toMatchObject({ code: "unprocessable:delete_confirmation" });
    expect((await t.db.select().from(users).where(eq(users.id, a.user.id)))[0]!.deletedAt).toBeNull();

    const done = await del({ confirm: "삭제" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      deleted: true,
      refundedRedemptions: 1,
      refundedPoints: 250,
      identitiesUnlinked: 1,
    });
    expect(done.headers.get("set-cookie")).toMatch(/authjs\.session-token=;/);

    const [tomb] = await t.db.select().from(users).where(eq(users.id, a.user.id));
    expect(tomb).toMatchObject({ email: null, emailVerified: null, image: null });
    expect(tomb!.nickname).not.toBe(a.user.nickname);
    expect(tomb!.nickname).toMatch(/^deleted·/);
    expect(tomb!.deletedAt).toBeInstanceOf(Date);
    expect(await t.db.select().from(accounts).where(eq(accounts.userId, a.user.id))).toEqual([]);
    expect(
      await t.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, a.user.id)),
    ).toEqual([]);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, a.user.id))).toEqual([]);
    const sessions = await t.db.select().from(userSessions).where(eq(userSessions.userId, a.user.id));
    expect(sessions.every((s) => s.endedAt !== null)).toBe(true);
    for (const c of [cookie, otherDevice])
      expect((await callRoute(me, { path: "/api/me", cookie: c })).status).toBe(401);

    // Refunded first, through the rewards refund path; everything earlier is still there.
    const [pending] = await t.db.select().from(redemptions).where(eq(redemptions.id, a.pendingId));
    expect(pending).toMatchObject({ status: "CANCELLED", failureReason: "account_deleted" });
    const ledgerAfter = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, a.user.id));
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    expect(ledgerAfter.slice(ledgerBefore.length)).toMatchObject([
      { reason: "REDEMPTION_REFUND", amount: 250 },
    ]);
    expect(await getBalance(t.db, a.user.id)).toBe(balanceBefore + 250);
    expect(await t.db.select().from(predictions).where(eq(predictions.userId, a.user.id))).toHaveLength(1);
    expect(await t.db.select().from(redemptions).where(eq(redemptions.userId, a.user.id))).toHaveLength(2);
    expect(await runIntegrityChecks(t.db)).toEqual([]);

    // The other player is untouched.
    expect(await t.db.select().from(accounts).where(eq(accounts.userId, other.user.id))).toHaveLength(1);
    expect(
      (await t.db.select().from(redemptions).where(eq(redemptions.id, other.pendingId)))[0]!.status,
    ).toBe("PENDING");
  });

  it("signing in again with the same provider account makes a new player without a second signup bonus", async () => {
    const admin = await createAdmin(t.db);
    const a = await busyPlayer(admin.id, "again");
    const cookie = await sessionCookie(t.db, a.user.id, env().AUTH_SECRET, NOON);
    expect(
      (
        await callRoute(deleteRoute, {
          method: "DELETE",
          path: "/api/me",
          cookie,
          body: { confirm: "DELETE" },
        })
      ).status,
    ).toBe(200);

    const again = await provisionOAuthUser(t.db, google(a.providerAccountId));
    expect(again.created).toBe(true);
    expect(again.user.id).not.toBe(a.user.id);
    expect(await getBalance(t.db, again.user.id)).toBe(0);
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, again.user.id))).toEqual([]);
    // The same provider account id at another provider is another identity: it gets its bonus.
    const kakao = await provisionOAuthUser(t.db, google(a.providerAccountId, { provider: "kakao" }));
    expect(await getBalance(t.db, kakao.user.id)).toBe(1000);
    // The database keeps no readable trace of the identity.
    const retired = await t.db.execute(`select identity_hash from retired_identities`);
    expect(JSON.stringify(retired)).not.toContain(a.providerAccountId);
  });

  it("a deleted player leaves every board at once, the rows already recorded included", async () => {
    const { user } = await provisionOAuthUser(t.db, google(`boards-${randomUUID()}`));
    const played = "2026-11-25";
    await t.db
      .execute(sql`insert into predictions (user_id, trading_day, symbol, choice, status, points_awarded, snapshot_price, close_price)
      values (${user.id}, ${played}, 'AAPL', 'UP', 'INCORRECT', 0, 100, 99)`);
    await t.db.transaction((tx) => recordDayResults(tx, { tradingDay: played, now: NOON }));
    const onBoards = async () => {
      const found: string[] = [];
      for (const period of PERIODS) {
        const board = await loadLeaderboard(t.db, { period, by: "points", day: played, limit: 1000 });
        if (board.entries.some((e) => e.userId === user.id)) found.push(period);
      }
      return found;
    };
    expect(await onBoards()).toEqual(["day", "week", "month", "all"]);
    await deleteAccount(t.db, { userId: user.id, confirm: "DELETE", now: NOON });
    expect(await onBoards()).toEqual([]);
  });

  it("an admin cannot delete their account; a deleted account cannot be deleted twice", async () => {
    const admin = await createAdmin(t.db);
    const cookie = await sessionCookie(t.db, admin.id, env().AUTH_SECRET, NOON);
    const res = await callRoute(deleteRoute, {
      method: "DELETE",
      path: "/api/me",
      cookie,
      body: { confirm: "DELETE" },
    });
    expect(res).toMatchObject({ status: 409, body: { code: "conflict:admin_account" } });
    expect((await t.db.select().from(users).where(eq(users.id, admin.id)))[0]!.deletedAt).toBeNull();

    const { user } = await provisionOAuthUser(t.db, google(`twice-${randomUUID()}`));
    await deleteAccount(t.db, { userId: user.id, confirm: "DELETE", now: NOON });
    await expect(
      deleteAccount(t.db, { userId: user.id, confirm: "DELETE", now: NOON }),
    ).rejects.toMatchObject({
      code: "not_found:user",
    });
  });
});
