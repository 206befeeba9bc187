/**
 * The admin's second factor against the real database and the app's own route handlers: an
 * admin whose session has not passed it is refused (403) by every admin route; set-up takes
 * one code and returns ten recovery codes (stored hashed); a wrong, reused or expired code is
 * refused and writes nothing; a recovery code works once; it is asked again after 12 hours,
 * and within 5 minutes before a role change or a point adjustment; 5 attempts in 15 minutes;
 * the development sign-in skips it outside production only.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as adjustRoute } from "@/app/api/admin/points/adjust/route";
import { GET as setUpRoute, POST as secondFactorRoute } from "@/app/api/admin/second-factor/route";
import { PUT as roleRoute } from "@/app/api/admin/users/[id]/role/route";
import { DELETE as resetRoute } from "@/app/api/admin/users/[id]/second-factor/route";
import { GET as whoami } from "@/app/api/admin/whoami/route";
import { adminRecoveryCodes, adminTotp, auditLog, userSessions, users } from "@/db/schema";
import { assertSecondFactor, enrolmentOf, RECOVERY_CODE_COUNT } from "@/lib/auth/second-factor";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { getBalance } from "@/lib/points";
import { passedAdminCookie } from "../support/second-factor";
import { stepOf, totpCode } from "../support/totp";
import { openSessionCookie } from "../support/session-cookie";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createAdmin, createPlayer } from "./support/players";
import { callRoute } from "./support/requests";

const t = useTestDb();
const undo: Array<() => void> = [];
/** At the start of a 30-second step, so "this step" and "the next step" are unambiguous. */
const T0 = new Date(Math.ceil(Date.parse("2026-11-27T09:00:00+09:00") / 30_000) * 30_000);

beforeAll(() => {
  undo.push(serveAppFrom(t));
});
beforeEach(() => {
  shiftAppClockTo(T0);
});
afterAll(() => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
});

const secret = () => env().AUTH_SECRET;
const pass = (cookie: string, code: string) =>
  callRoute(secondFactorRoute, { method: "POST", path: "/api/admin/second-factor", cookie, body: { code } });
const who = (cookie: string) => callRoute(whoami, { path: "/api/admin/whoami", cookie });

async function sessionRow(sid: string) {
  return (await t.db.select().from(userSessions).where(eq(userSessions.id, sid)))[0]!;
}

describe("an admin without the second factor", () => {
  it("is refused 403 second_factor_required, in the request's language; a player still gets admin_only", async () => {
    const admin = await createAdmin(t.db);
    const { cookie } = await openSessionCookie(t.db, admin.id, secret(), T0);
    const res = await who(cookie);
    expect(res).toMatchObject({ status: 403, body: { code: "forbidden:second_factor_required" } });
    const ko = await callRoute(whoami, { path: "/api/admin/whoami", cookie, locale: "ko" });
    expect(ko.body.message).toBe("관리자 콘솔을 쓰려면 인증 앱으로 본인 확인을 해 주세요.");
    const player = await createPlayer(t.db);
    const asPlayer = await openSessionCookie(t.db, player.id, secret(), T0);
    expect(await who(asPlayer.cookie)).toMatchObject({ status: 403, body: { code: "forbidden:admin_only" } });
    expect(await pass(asPlayer.cookie, "123456")).toMatchObject({
      status: 403,
      body: { code: "forbidden:admin_only" },
    });
  });
});

describe("set-up", () => {
  it("keeps one secret until confirmed; a wrong code writes nothing; the right one returns ten recovery codes", async () => {
    const admin = await createAdmin(t.db);
    const { cookie, sid } = await openSessionCookie(t.db, admin.id, secret(), T0);
    const first = await enrolmentOf(t.db, { userId: admin.id, label: "boss@ox.example" });
    const again = await enrolmentOf(t.db, { userId: admin.id, label: "boss@ox.example" });
    if (first.confirmed || again.confirmed) throw new Error("expected a new authenticator");
    expect(again.secret).toBe(first.secret);
    // The same set-up for a client without the console.
    expect(await callRoute(setUpRoute, { path: "/api/admin/second-factor", cookie })).toMatchObject({
      status: 200,
      body: {
        confirmed: false,
        secret: first.secret,
        uri: expect.stringContaining(`secret=${first.secret}`),
      },
    });
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/OX%20Universe:boss%40ox\.example\?.*secret=/);

    const right = totpCode(first.secret, T0);
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await pass(cookie, wrong)).toMatchObject({
      status: 422,
      body: { code: "unprocessable:second_factor_code" },
    });
    expect(
      (await t.db.select().from(adminTotp).where(eq(adminTotp.userId, admin.id)))[0]!.confirmedAt,
    ).toBeNull();
    expect((await sessionRow(sid)).secondFactorAt).toBeNull();
    expect(await who(cookie)).toMatchObject({ status: 403 });

    const ok = await pass(cookie, right);
    expect(ok.status).toBe(200);
    const codes = ok.body.recoveryCodes as string[];
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    // Stored as hashes only.
    const stored = JSON.stringify(
      await t.db.select().from(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, admin.id)),
    );
    for (const c of codes) expect(stored).not.toContain(c.replace("-", ""));
    expect(await who(cookie)).toMatchObject({ status: 200, body: { id: admin.id } });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.actorId, admin.id));
    expect(audits.map((a) => a.action)).toEqual(["admin.second_factor_enrolled"]);
    expect(await enrolmentOf(t.db, { userId: admin.id, label: "x" })).toEqual({
      confirmed: true,
      recoveryCodesLeft: RECOVERY_CODE_COUNT,
    });
  });
});

describe("codes", () => {
  it("a code is taken once; an expired one is refused; the next step's is accepted", async () => {
    const admin = await createAdmin(t.db);
    const enrolled = await passedAdminCookie(t.db, admin.id, secret(), T0);
    const used = totpCode(enrolled.secret, T0);
    const second = await openSessionCookie(t.db, admin.id, secret(), T0);
    // The same code on another session (a code seen over a shoulder): refused.
    expect(await pass(second.cookie, used)).toMatchObject({
      status: 422,
      body: { code: "unprocessable:second_factor_code" },
    });
    // Two steps later, the code of T0 + 30 s has expired.
    shiftAppClockTo(new Date(T0.getTime() + 90_000));
    expect(await pass(second.cookie, totpCode(enrolled.secret, T0.getTime() + 30_000))).toMatchObject({
      status: 422,
    });
    expect((await sessionRow(second.sid)).secondFactorAt).toBeNull();
    // The current step's code passes.
    expect(await pass(second.cookie, totpCode(enrolled.secret, T0.getTime() + 90_000))).toMatchObject({
      status: 200,
      body: { via: "totp" },
    });
    expect(await who(second.cookie)).toMatchObject({ status: 200 });
    expect((await t.db.select().from(adminTotp).where(eq(adminTotp.userId, admin.id)))[0]!.lastStep).toBe(
      stepOf(T0.getTime() + 90_000),
    );
  });

  it("a recovery code works once (any case, with or without its dash) and its use is audited", async () => {
    const admin = await createAdmin(t.db);
    const { recoveryCodes } = await passedAdminCookie(t.db, admin.id, secret(), T0);
    const code = recoveryCodes![3]!;
    const a = await openSessionCookie(t.db, admin.id, secret(), T0);
    expect(await pass(a.cookie, ` ${code.toUpperCase().replace("-", "")} `)).toMatchObject({
      status: 200,
      body: { via: "recovery_code", recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 },
    });
    expect(await who(a.cookie)).toMatchObject({ status: 200 });
    const b = await openSessionCookie(t.db, admin.id, secret(), T0);
    expect(await pass(b.cookie, code)).toMatchObject({
      status: 422,
      body: { code: "unprocessable:second_factor_code" },
    });
    expect(await who(b.cookie)).toMatchObject({ status: 403 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.actorId, admin.id));
    expect(audit.find((r) => r.action === "admin.recovery_code_used")?.details).toEqual({
      left: RECOVERY_CODE_COUNT - 1,
    });
  });

  it("allows 5 attempts in 15 minutes, then 429 with Retry-After, right code or not", async () => {
    const admin = await createAdmin(t.db);
    const { cookie } = await openSessionCookie(t.db, admin.id, secret(), T0);
    const e = await enrolmentOf(t.db, { userId: admin.id, label: "x" });
    if (e.confirmed) throw new Error("expected a new authenticator");
    const wrong = totpCode(e.secret, T0) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await pass(cookie, wrong)).status).toBe(422);
    const sixth = await pass(cookie, totpCode(e.secret, T0));
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses what is not a code (400/422) before it counts", async () => {
    const admin = await createAdmin(t.db);
    const { cookie } = await passedAdminCookie(t.db, admin.id, secret(), T0);
    expect((await pass(cookie, "12")).status).toBe(422);
    expect(
      (
        await callRoute(secondFactorRoute, {
          method: "POST",
          path: "/api/admin/second-factor",
          cookie,
          body: { code: 123456 },
        })
      ).status,
    ).toBe(400);
  });
});

describe("asked again", () => {
  it("after 12 hours the session is refused until it passes again", async () => {
    const admin = await createAdmin(t.db);
    const { cookie, secret: key } = await passedAdminCookie(t.db, admin.id, secret(), T0);
    shiftAppClockTo(new Date(T0.getTime() + 12 * 3600_000 - 60_000));
    expect(await who(cookie)).toMatchObject({ status: 200 });
    const later = new Date(T0.getTime() + 12 * 3600_000);
    shiftAppClockTo(later);
    expect(await who(cookie)).toMatchObject({
      status: 403,
      body: { code: "forbidden:second_factor_required" },
    });
    expect(await pass(cookie, totpCode(key, later))).toMatchObject({ status: 200 });
    expect(await who(cookie)).toMatchObject({ status: 200 });
  });

  it("a role change and a point adjustment need it within 5 minutes; refused, they change nothing", async () => {
    const admin = await createAdmin(t.db);
    const player = await createPlayer(t.db);
    const { cookie, secret: key } = await passedAdminCookie(t.db, admin.id, secret(), T0);
    const later = new Date(T0.getTime() + 6 * 60_000);
    shiftAppClockTo(later);
    const role = () =>
      callRoute(roleRoute, {
        method: "PUT",
        path: `/api/admin/users/${player.id}/role`,
        cookie,
        params: { id: player.id },
        body: { role: "admin" },
      });
    const adjustmentId = randomUUID();
    const adjust = () =>
      callRoute(adjustRoute, {
        method: "POST",
        path: "/api/admin/points/adjust",
        cookie,
        body: { userId: player.id, amount: 50, reason: "make good", adjustmentId },
      });
    // The console's other pages still answer (within 12 hours).
    expect(await who(cookie)).toMatchObject({ status: 200 });
    expect(await role()).toMatchObject({ status: 403, body: { code: "forbidden:second_factor_recent" } });
    expect(await adjust()).toMatchObject({ status: 403, body: { code: "forbidden:second_factor_recent" } });
    expect((await t.db.select().from(users).where(eq(users.id, player.id)))[0]!.role).toBe("player");
    expect(await getBalance(t.db, player.id)).toBe(0);

    expect(await pass(cookie, totpCode(key, later))).toMatchObject({ status: 200 });
    expect(await adjust()).toMatchObject({ status: 200, body: { created: true } });
    expect(await role()).toMatchObject({ status: 200 });
    expect(await getBalance(t.db, player.id)).toBe(50);
  });
});

describe("reset by another admin", () => {
  it("removes the authenticator and recovery codes, ends their sessions, is audited; needs a recent factor; never oneself", async () => {
    const boss = await createAdmin(t.db);
    const lost = await createAdmin(t.db);
    const bossSession = await passedAdminCookie(t.db, boss.id, secret(), T0);
    const lostSession = await passedAdminCookie(t.db, lost.id, secret(), T0);
    const reset = (id: string) =>
      callRoute(resetRoute, {
        method: "DELETE",
        path: `/api/admin/users/${id}/second-factor`,
        cookie: bossSession.cookie,
        params: { id },
      });
    expect(await reset(boss.id)).toMatchObject({
      status: 409,
      body: { code: "conflict:second_factor_self" },
    });
    const later = new Date(T0.getTime() + 6 * 60_000);
    shiftAppClockTo(later);
    expect(await reset(lost.id)).toMatchObject({
      status: 403,
      body: { code: "forbidden:second_factor_recent" },
    });
    expect(await t.db.select().from(adminTotp).where(eq(adminTotp.userId, lost.id))).toHaveLength(1);

    expect(await pass(bossSession.cookie, totpCode(bossSession.secret, later))).toMatchObject({
      status: 200,
    });
    expect(await reset(lost.id)).toMatchObject({
      status: 200,
      body: { userId: lost.id, hadOne: true, sessionsEnded: 1 },
    });
    expect(await who(lostSession.cookie)).toMatchObject({ status: 401 });
    expect(await t.db.select().from(adminTotp).where(eq(adminTotp.userId, lost.id))).toEqual([]);
    expect(
      await t.db.select().from(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, lost.id)),
    ).toEqual([]);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "admin.second_factor_reset"));
    expect(audit).toMatchObject({ actorId: boss.id, target: `user:${lost.id}` });
    // Their next admin page sets up a new authenticator.
    const fresh = await enrolmentOf(t.db, { userId: lost.id, label: "x" });
    expect(fresh.confirmed).toBe(false);
    if (!fresh.confirmed) expect(fresh.secret).not.toBe(lostSession.secret);
  });
});

describe("the development sign-in", () => {
  it("skips the second factor outside production only", () => {
    const now = new Date();
    const dev = { id: randomUUID(), provider: "dev", secondFactorAt: null };
    expect(() => assertSecondFactor(dev, "recent", now)).not.toThrow();
    expect(() => assertSecondFactor({ ...dev, provider: "google" }, "session", now)).toThrow(
      expect.objectContaining({ code: "forbidden:second_factor_required" }),
    );
    expect(() => assertSecondFactor(dev, "session", now, true)).toThrow(
      expect.objectContaining({ code: "forbidden:second_factor_required" }),
    );
  });
});
