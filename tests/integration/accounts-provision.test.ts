import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditLog, pointsLedger, users } from "@/db/schema";
import { provisionOAuthUser, setRole } from "@/lib/accounts";
import { getBalance } from "@/lib/points";
import { emailHash } from "@/lib/crypto/fields";
import { useTestDb } from "./support/db";
import { googleSignIns } from "./support/players";

const t = useTestDb();
const NOW = new Date("2031-06-01T00:00:00Z");
const LATER = new Date("2031-06-02T00:00:00Z");

const signIn = googleSignIns({ prefix: "n", adminEmails: [], now: NOW });

const accountsOf = (userId: string) => t.db.select().from(accounts).where(eq(accounts.userId, userId));
const ledgerOf = (userId: string) => t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, userId));

describe("provisionOAuthUser", () => {
  it("first sign-in: user, account and the 1000-point bonus; the next sign-in adds nothing", async () => {
    const input = signIn({
      email: "Jisoo@Example.com",
      emailVerified: true,
      nickname: "Jisoo",
      image: "https://cdn.example/p.png",
    });
    const first = await provisionOAuthUser(t.db, input);
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({
      nickname: "Jisoo",
      email: "jisoo@example.com",
      role: "player",
      image: "https://cdn.example/p.png",
    });
    expect(first.user.emailVerified?.toISOString()).toBe(NOW.toISOString());
    expect(await accountsOf(first.user.id)).toEqual([
      expect.objectContaining({
        provider: "google",
        providerAccountId: input.providerAccountId,
        providerNickname: "Jisoo",
        emailVerified: true,
      }),
    ]);
    expect(await ledgerOf(first.user.id)).toEqual([
      expect.objectContaining({
        refId: `signup:${first.user.id}`,
        amount: 1000,
        reason: "SIGNUP_BONUS",
        balanceAfter: 1000,
      }),
    ]);

    const again = await provisionOAuthUser(t.db, { ...input, now: LATER });
    expect(again.created).toBe(false);
    expect(again.user.id).toBe(first.user.id);
    expect(again.user.lastSignInAt?.toISOString()).toBe(LATER.toISOString());
    expect(await ledgerOf(first.user.id)).toHaveLength(1);
    expect(await getBalance(t.db, first.user.id)).toBe(1000);
  });

  it("20 simultaneous first sign-ins of one person: one user, one account, one bonus", async () => {
    const input = signIn({
      provider: "kakao",
      nickname: "동시접속",
      email: "same@example.com",
      emailVerified: true,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => provisionOAuthUser(t.db, input)));
    const ids = new Set(results.map((r) => r.user.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [userId] = [...ids];
    expect(
      await t.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.provider, "kakao"), eq(accounts.providerAccountId, input.providerAccountId))),
    ).toHaveLength(1);
    expect(
      await t.db
        .select()
        .from(users)
        .where(eq(users.emailHash, emailHash("same@example.com"))),
    ).toHaveLength(1);
    expect(await ledgerOf(userId!)).toHaveLength(1);
    expect(await getBalance(t.db, userId!)).toBe(1000);
    // The losers' user rows were rolled back, so the nickname was not burned into suffixes.
    expect(results[0]!.user.nickname).toBe("동시접속");
  });

  it("never links by e-mail: another provider (or account) with the same verified e-mail is another user", async () => {
    const google = await provisionOAuthUser(t.db, signIn({ email: "twin@example.com", emailVerified: true }));
    const kakao = await provisionOAuthUser(
      t.db,
      signIn({ provider: "kakao", email: "twin@example.com", emailVerified: true }),
    );
    expect(kakao.created).toBe(true);
    expect(kakao.user.id).not.toBe(google.user.id);
    expect(await accountsOf(google.user.id)).toHaveLength(1);
    expect(await getBalance(t.db, kakao.user.id)).toBe(1000);
  });

  it("an unverified e-mail never links, is never stored as the user's e-mail and never grants admin", async () => {
    const owner = await provisionOAuthUser(
      t.db,
      signIn({ email: "boss@example.com", emailVerified: true, adminEmails: ["boss@example.com"] }),
    );
    expect(owner.user.role).toBe("admin");
    const impostor = await provisionOAuthUser(
      t.db,
      signIn({
        provider: "kakao",
        email: "boss@example.com",
        emailVerified: false,
        adminEmails: ["boss@example.com"],
      }),
    );
    expect(impostor.created).toBe(true);
    expect(impostor.user.id).not.toBe(owner.user.id);
    expect(impostor.user).toMatchObject({ email: null, emailVerified: null, role: "player" });
    // The provider's claim is kept on the account row, marked unverified.
    expect(await accountsOf(impostor.user.id)).toEqual([
      expect.objectContaining({ email: "boss@example.com", emailVerified: false }),
    ]);
    // Signing in again, still unverified: nothing changes.
    const [account] = await accountsOf(impostor.user.id);
    const again = await provisionOAuthUser(
      t.db,
      signIn({
        provider: "kakao",
        providerAccountId: account!.providerAccountId,
        email: "boss@example.com",
        adminEmails: ["boss@example.com"],
      }),
    );
    expect(again.user).toMatchObject({ id: impostor.user.id, email: null, role: "player" });
  });

  it("records an e-mail once the provider verifies it", async () => {
    const input = signIn({ email: "late@example.com", emailVerified: false });
    const first = await provisionOAuthUser(t.db, input);
    expect(first.user.email).toBeNull();
    const second = await provisionOAuthUser(t.db, { ...input, emailVerified: true, now: LATER });
    expect(second.user.email).toBe("late@example.com");
    expect(second.user.emailVerified?.toISOString()).toBe(LATER.toISOString());
  });

  describe("admin allow-list", () => {
    it("grants admin to a verified allow-listed e-mail at first sign-in, in any case, and audits it", async () => {
      const r = await provisionOAuthUser(
        t.db,
        signIn({ email: "Ops@Example.COM", emailVerified: true, adminEmails: [" ops@example.com "] }),
      );
      expect(r.user.role).toBe("admin");
      const audit = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.role_granted"), eq(auditLog.target, `user:${r.user.id}`)));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toMatchObject({ via: "ADMIN_EMAILS", provider: "google" });
      // The audit log is not encrypted: it never holds the e-mail.
      expect(JSON.stringify(audit[0]!.details)).not.toContain("ops@example.com");
    });

    it("grants admin at a later sign-in once the e-mail is on the list; never demotes at sign-in", async () => {
      const input = signIn({ email: "grow@example.com", emailVerified: true });
      const first = await provisionOAuthUser(t.db, input);
      expect(first.user.role).toBe("player");
      const promoted = await provisionOAuthUser(t.db, { ...input, adminEmails: ["grow@example.com"] });
      expect(promoted.user.role).toBe("admin");
      const offList = await provisionOAuthUser(t.db, { ...input, adminEmails: [] });
      expect(offList.user.role).toBe("admin");
    });

    it("a demotion by another admin holds, also while the e-mail stays on the list", async () => {
      const boss = await provisionOAuthUser(
        t.db,
        signIn({ email: "root@example.com", emailVerified: true, adminEmails: ["root@example.com"] }),
      );
      const input = signIn({
        email: "temp@example.com",
        emailVerified: true,
        adminEmails: ["temp@example.com"],
      });
      const temp = await provisionOAuthUser(t.db, input);
      await setRole(t.db, { actorId: boss.user.id, userId: temp.user.id, role: "player", now: LATER });
      expect((await provisionOAuthUser(t.db, { ...input, adminEmails: [] })).user.role).toBe("player");
      // ADMIN_EMAILS only bootstraps (docs/rules.md): the recorded demotion wins over the list.
      expect((await provisionOAuthUser(t.db, input)).user.role).toBe("player");
    });

    it("a player who is not on the list stays a player", async () => {
      const r = await provisionOAuthUser(
        t.db,
        signIn({ email: "someone@example.com", emailVerified: true, adminEmails: ["other@example.com"] }),
      );
      expect(r.user.role).toBe("player");
    });
  });

  it("keeps only http(s) pictures and refuses an incomplete profile", async () => {
    const r = await provisionOAuthUser(t.db, signIn({ image: "javascript:alert(1)" }));
    expect(r.user.image).toBeNull();
    const k = await provisionOAuthUser(t.db, signIn({ image: "http://k.kakaocdn.net/a.jpg" }));
    expect(k.user.image).toBe("https://k.kakaocdn.net/a.jpg");
    await expect(provisionOAuthUser(t.db, signIn({ providerAccountId: "  " }))).rejects.toMatchObject({
      code: "unprocessable:sign_in_profile",
    });
    await expect(
      provisionOAuthUser(t.db, { ...signIn(), provider: "github" as never }),
    ).rejects.toMatchObject({ code: "unprocessable:sign_in_profile" });
  });
});

describe("setRole", () => {
  it("an admin changes a role with an audit row; players and self-demotion are refused", async () => {
    const admin = await provisionOAuthUser(
      t.db,
      signIn({ email: "chief@example.com", emailVerified: true, adminEmails: ["chief@example.com"] }),
    );
    const player = await provisionOAuthUser(t.db, signIn());
    await expect(
      setRole(t.db, { actorId: player.user.id, userId: player.user.id, role: "admin", now: LATER }),
    ).rejects.toMatchObject({ code: "forbidden:admin_only" });
    await expect(
      setRole(t.db, { actorId: admin.user.id, userId: admin.user.id, role: "player", now: LATER }),
    ).rejects.toMatchObject({ code: "conflict:cannot_demote_self" });
    await expect(
      setRole(t.db, { actorId: admin.user.id, userId: randomUUID(), role: "admin", now: LATER }),
    ).rejects.toMatchObject({ code: "not_found:user" });
    const promoted = await setRole(t.db, {
      actorId: admin.user.id,
      userId: player.user.id,
      role: "admin",
      now: LATER,
    });
    expect(promoted.role).toBe("admin");
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.role_set"), eq(auditLog.target, `user:${player.user.id}`)));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: admin.user.id, details: { from: "player", to: "admin" } }),
    ]);
    // Setting the same role again is a no-op, not a second audit row.
    await setRole(t.db, { actorId: admin.user.id, userId: player.user.id, role: "admin", now: LATER });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.role_set"), eq(auditLog.target, `user:${player.user.id}`))),
    ).toHaveLength(1);
  });
});
