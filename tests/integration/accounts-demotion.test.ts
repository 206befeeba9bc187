import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { provisionOAuthUser, setRole } from "@/lib/accounts";
import { useTestDb } from "./support/db";
import { googleSignIns } from "./support/players";

/** ADMIN_EMAILS only bootstraps: a demotion is recorded and holds against the allow-list (docs/rules.md). */
const t = useTestDb();
const NOW = new Date("2031-06-01T00:00:00Z");
const LATER = new Date("2031-06-02T00:00:00Z");
const ADMIN_EMAILS = ["root@ox.example", "ops@ox.example", "crew@ox.example"];

const signIn = googleSignIns({ prefix: "d", adminEmails: ADMIN_EMAILS, now: NOW });

describe("demotions hold", () => {
  it("a demoted allow-listed admin stays a player at the next sign-in", async () => {
    const root = await provisionOAuthUser(t.db, signIn({ email: "root@ox.example", emailVerified: true }));
    const opsLogin = signIn({ email: "ops@ox.example", emailVerified: true });
    const ops = await provisionOAuthUser(t.db, opsLogin);
    expect(ops.user.role).toBe("admin");
    expect(ops.user.adminDemotedAt).toBeNull();

    const demoted = await setRole(t.db, {
      actorId: root.user.id,
      userId: ops.user.id,
      role: "player",
      now: NOW,
    });
    expect(demoted).toMatchObject({ role: "player", adminDemotedAt: NOW });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.role_set"));
    expect(audit?.details).toMatchObject({ from: "admin", to: "player", demotionRecorded: true });

    const again = await provisionOAuthUser(t.db, { ...opsLogin, now: LATER });
    expect(again).toMatchObject({ created: false, user: { id: ops.user.id, role: "player" } });
    const grants = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.role_granted"));
    expect(grants.map((g) => g.target)).toEqual([`user:${root.user.id}`, `user:${ops.user.id}`]);
  });

  it("a second provider account with the demoted verified e-mail is not made an admin, new or existing", async () => {
    const root = await provisionOAuthUser(t.db, signIn({ email: "root@ox.example", emailVerified: true }));
    const crew = await provisionOAuthUser(t.db, signIn({ email: "Crew@ox.example", emailVerified: true }));
    // A Kakao account of the same person, signed in before any verified e-mail was shared.
    const kakaoLogin = signIn({ provider: "kakao", email: null });
    const kakao = await provisionOAuthUser(t.db, kakaoLogin);
    expect(kakao.user.role).toBe("player");
    await setRole(t.db, { actorId: root.user.id, userId: crew.user.id, role: "player", now: NOW });

    const second = await provisionOAuthUser(
      t.db,
      signIn({ provider: "kakao", email: "crew@OX.example", emailVerified: true, now: LATER }),
    );
    expect(second.created).toBe(true);
    expect(second.user).toMatchObject({ role: "player", email: "crew@ox.example" });
    const existing = await provisionOAuthUser(t.db, {
      ...kakaoLogin,
      email: "crew@ox.example",
      emailVerified: true,
      now: LATER,
    });
    expect(existing).toMatchObject({ created: false, user: { id: kakao.user.id, role: "player" } });

    // Only an admin can grant it back, and that clears the record; the allow-list then works again.
    const restored = await setRole(t.db, {
      actorId: root.user.id,
      userId: crew.user.id,
      role: "admin",
      now: LATER,
    });
    expect(restored).toMatchObject({ role: "admin", adminDemotedAt: null });
    const third = await provisionOAuthUser(
      t.db,
      signIn({ provider: "kakao", email: "crew@ox.example", emailVerified: true, now: LATER }),
    );
    expect(third.user.role).toBe("admin");
    const [row] = await t.db.select().from(users).where(eq(users.id, crew.user.id));
    expect(row?.adminDemotedAt).toBeNull();
  });

  it("an unverified e-mail never reads as demoted or allow-listed", async () => {
    const root = await provisionOAuthUser(t.db, signIn({ email: "root@ox.example", emailVerified: true }));
    const fake = await provisionOAuthUser(
      t.db,
      signIn({ provider: "kakao", email: "root@ox.example", emailVerified: false }),
    );
    expect(fake.user).toMatchObject({ role: "player", email: null });
    expect(root.user.role).toBe("admin");
  });
});
