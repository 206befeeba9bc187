import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { provisionOAuthUser, setRole } from "@/lib/accounts";
import { assertAdmin, loadSessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { useTestDb } from "./support/db";
import { sessionOf, googleSignIns } from "./support/players";

/**
 * The guard core against a real database: the session names a user id; the user and the
 * role are read from the database on every call (lib/auth/session-user.ts, used by
 * requireUser / requireAdmin, route({ auth }) and the action wrappers).
 */
const t = useTestDb();
const NOW = new Date("2031-06-01T00:00:00Z");

const signIn = googleSignIns({ prefix: "g", adminEmails: ["boss@ox.example"], now: NOW });

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("loadSessionUser", () => {
  it.each([null, undefined, ""])("anonymous (%j) → 401 unauthorized:signin_required", async (id) => {
    const err = await refusal(loadSessionUser(t.db, { userId: id, sessionId: randomUUID() }));
    expect(err).toMatchObject({ code: "unauthorized:signin_required", status: 401 });
  });

  it.each([randomUUID(), "not-a-uuid", "'; drop table users; --"])(
    "a session whose user does not exist (%s) → 401",
    async (id) => {
      const err = await refusal(loadSessionUser(t.db, { userId: id, sessionId: randomUUID() }));
      expect(err).toMatchObject({ code: "unauthorized:signin_required", status: 401 });
    },
  );

  it("returns the player as stored now", async () => {
    const { user } = await provisionOAuthUser(t.db, signIn({ nickname: "Reader" }));
    expect(await loadSessionUser(t.db, await sessionOf(t.db, user.id))).toMatchObject({
      id: user.id,
      nickname: "Reader",
      role: "player",
    });
  });
});

describe("assertAdmin", () => {
  it("a player → 403 forbidden:admin_only", async () => {
    const { user } = await provisionOAuthUser(t.db, signIn());
    const err = await refusal(() => assertAdmin(user));
    expect(err).toMatchObject({ code: "forbidden:admin_only", status: 403 });
  });

  it("an allow-listed verified e-mail is an admin; the same e-mail unverified is not", async () => {
    const admin = await provisionOAuthUser(t.db, signIn({ email: "Boss@ox.example", emailVerified: true }));
    expect(assertAdmin(await loadSessionUser(t.db, await sessionOf(t.db, admin.user.id))).role).toBe("admin");
    const impostor = await provisionOAuthUser(
      t.db,
      signIn({ provider: "kakao", email: "boss@ox.example", emailVerified: false }),
    );
    expect(impostor.user.id).not.toBe(admin.user.id);
    expect(
      (
        await refusal(async () =>
          assertAdmin(await loadSessionUser(t.db, await sessionOf(t.db, impostor.user.id))),
        )
      ).status,
    ).toBe(403);
  });

  it("an admin demoted in the database is refused on the very next check, with the same session", async () => {
    const first = await provisionOAuthUser(t.db, signIn({ email: "boss@ox.example", emailVerified: true }));
    const second = await provisionOAuthUser(t.db, signIn({ email: "boss@ox.example", emailVerified: true }));
    const sessionUserId = second.user.id;
    const session = await sessionOf(t.db, sessionUserId); // what the JWT keeps: the user id and the session id
    expect(assertAdmin(await loadSessionUser(t.db, session)).id).toBe(sessionUserId);

    await setRole(t.db, { actorId: first.user.id, userId: second.user.id, role: "player", now: NOW });

    const err = await refusal(async () => assertAdmin(await loadSessionUser(t.db, session)));
    expect(err).toMatchObject({ code: "forbidden:admin_only", status: 403 });
    // Still a signed-in player: the player guard lets them through.
    expect((await loadSessionUser(t.db, session)).role).toBe("player");
  });
});
