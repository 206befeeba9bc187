import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { provisionOAuthUser, type ProvisionInput } from "@/lib/accounts";
import { endAllSessions, endSession, endSessionsByAdmin, startSession } from "@/lib/auth/sessions";
import { loadSessionUser, type SessionRef } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { useTestDb } from "./support/db";
import { createPlayer, googleSignIns } from "./support/players";

/**
 * Sessions end when the player (or an admin) says so: the cookie names a user and a
 * `user_sessions` row, and the guard core refuses the cookie once that row has ended, even
 * though the cookie itself is still a valid, unexpired token.
 */
const t = useTestDb();
const NOW = new Date("2031-06-01T00:00:00Z");

const signIn = googleSignIns({ prefix: "s", adminEmails: ["chief@ox.example"], now: NOW });

async function signedIn(over: Partial<ProvisionInput> = {}) {
  const { user } = await provisionOAuthUser(t.db, signIn(over));
  const cookie = (): Promise<SessionRef> =>
    startSession(t.db, { userId: user.id, provider: "google", now: NOW }).then((sessionId) => ({
      userId: user.id,
      sessionId,
    }));
  return { user, cookie };
}

async function refused(ref: SessionRef): Promise<AppError> {
  try {
    await loadSessionUser(t.db, ref);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the session to be refused");
}

describe("sessions that end", () => {
  it("sign out ends this session only: a copy of its cookie is refused, another device stays signed in", async () => {
    const { user, cookie } = await signedIn();
    const laptop = await cookie();
    const phone = await cookie();
    const copy = { ...laptop };
    expect((await loadSessionUser(t.db, copy)).id).toBe(user.id);

    expect(await endSession(t.db, { sessionId: laptop.sessionId!, now: NOW })).toBe(true);
    expect(await refused(copy)).toMatchObject({ code: "unauthorized:signin_required", status: 401 });
    expect((await loadSessionUser(t.db, phone)).id).toBe(user.id);
    // Ending it again changes nothing.
    expect(await endSession(t.db, { sessionId: laptop.sessionId!, now: NOW })).toBe(false);
  });

  it("sign out everywhere ends every session of the player and no one else's", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const mine = [await a.cookie(), await a.cookie(), await a.cookie()];
    const theirs = await b.cookie();
    expect(await endAllSessions(t.db, { userId: a.user.id, now: NOW })).toBe(3);
    for (const c of mine) expect((await refused(c)).status).toBe(401);
    expect((await loadSessionUser(t.db, theirs)).id).toBe(b.user.id);
    // A new sign-in after that is a new session and works.
    expect((await loadSessionUser(t.db, await a.cookie())).id).toBe(a.user.id);
  });

  it("a cookie without a session id, with a forged one, or with another player's session id is refused", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const bs = await b.cookie();
    expect((await refused({ userId: a.user.id, sessionId: undefined })).status).toBe(401);
    expect((await refused({ userId: a.user.id, sessionId: randomUUID() })).status).toBe(401);
    expect((await refused({ userId: a.user.id, sessionId: "not-a-uuid" })).status).toBe(401);
    expect((await refused({ userId: a.user.id, sessionId: bs.sessionId })).status).toBe(401);
  });

  it("an admin ends a player's sessions (audited); a player cannot; an unknown player is 404", async () => {
    const admin = await signedIn({ email: "chief@ox.example", emailVerified: true });
    expect(admin.user.role).toBe("admin");
    const player = await signedIn();
    const c1 = await player.cookie();
    const c2 = await player.cookie();

    const byPlayer = await endSessionsByAdmin(t.db, {
      actorId: player.user.id,
      userId: admin.user.id,
      now: NOW,
    }).catch((e: unknown) => e);
    expect(byPlayer).toMatchObject({ code: "forbidden:admin_only", status: 403 });
    expect((await loadSessionUser(t.db, c1)).id).toBe(player.user.id);

    expect(
      await endSessionsByAdmin(t.db, { actorId: admin.user.id, userId: player.user.id, now: NOW }),
    ).toEqual({ userId: player.user.id, ended: 2 });
    expect((await refused(c1)).status).toBe(401);
    expect((await refused(c2)).status).toBe(401);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.sessions_ended"));
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        target: `user:${player.user.id}`,
        details: { ended: 2 },
      }),
    ]);

    const missing = await endSessionsByAdmin(t.db, {
      actorId: admin.user.id,
      userId: randomUUID(),
      now: NOW,
    }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it("a deleted user's old cookies stop working at once", async () => {
    // A user with no ledger yet (the ledger keeps its players: deleting one with points is refused).
    const user = await createPlayer(t.db);
    const c = {
      userId: user.id,
      sessionId: await startSession(t.db, { userId: user.id, provider: "google", now: NOW }),
    };
    expect((await loadSessionUser(t.db, c)).id).toBe(user.id);
    await t.db.delete(users).where(eq(users.id, user.id));
    expect((await refused(c)).status).toBe(401);
  });
});
