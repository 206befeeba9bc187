import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditLog, users } from "@/db/schema";
import { getUserById, provisionOAuthUser, setNickname, type ProvisionInput } from "@/lib/accounts";
import { recordAudit } from "@/lib/ops/audit";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2031-07-01T00:00:00Z");
const LATER = new Date("2031-07-02T00:00:00Z");

function signIn(nickname: string | null, overrides: Partial<ProvisionInput> = {}): ProvisionInput {
  return {
    provider: "google",
    providerAccountId: randomUUID(),
    emailVerified: false,
    nickname,
    adminEmails: [],
    now: NOW,
    ...overrides,
  };
}

const nick = async (nickname: string | null, overrides: Partial<ProvisionInput> = {}) =>
  (await provisionOAuthUser(t.db, signIn(nickname, overrides))).user.nickname;

describe("nickname from the provider", () => {
  it("a clash gets a numeric suffix, regardless of case", async () => {
    expect(await nick("kim")).toBe("kim");
    expect(await nick("Kim")).toBe("Kim2");
    expect(await nick("KIM")).toBe("KIM3");
    expect(await nick("  kim  ")).toBe("kim4");
  });

  it("skips suffixes that are taken and keeps within 20 characters", async () => {
    await t.db.insert(users).values([{ nickname: "lee" }, { nickname: "lee2" }, { nickname: "LEE4" }]);
    expect(await nick("lee")).toBe("lee3");
    expect(await nick("lee")).toBe("lee5");
    const long = "abcdefghijklmnopqrstuvwxyz";
    expect(await nick(long)).toBe("abcdefghijklmnopqrst");
    expect(await nick(long)).toBe("abcdefghijklmnopqrs2");
  });

  it("falls back to player + id when the provider name is empty, unusable or reserved", async () => {
    for (const raw of [null, "", "😀😀", "Admin", "운영자"]) {
      const { user } = await provisionOAuthUser(t.db, signIn(raw));
      expect(user.nickname).toBe(`player${user.id.replace(/-/g, "").slice(0, 6)}`);
    }
  });

  it("simultaneous first sign-ins of different people with one name get distinct suffixes", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => provisionOAuthUser(t.db, signIn("park"))),
    );
    const names = results.map((r) => r.user.nickname.toLowerCase()).sort();
    expect(new Set(names).size).toBe(20);
    expect(names).toEqual(["park", ...Array.from({ length: 19 }, (_, i) => `park${i + 2}`)].sort());
  });
});

describe("sync of a changed provider nickname", () => {
  it("renames the player when the provider's name changes, and not otherwise", async () => {
    const input = signIn("choi");
    const first = await provisionOAuthUser(t.db, input);
    expect(first.user.nickname).toBe("choi");
    const renamed = await provisionOAuthUser(t.db, { ...input, nickname: "Choi Minsu", now: LATER });
    expect(renamed.user.nickname).toBe("Choi Minsu");
    const [account] = await t.db.select().from(accounts).where(eq(accounts.userId, first.user.id));
    expect(account!.providerNickname).toBe("Choi Minsu");
    // Unchanged provider name: a later sign-in leaves the nickname alone.
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "Choi Minsu" })).user.nickname).toBe(
      "Choi Minsu",
    );
  });

  it("a new provider name that clashes gets a suffix; a player's own earlier name counts as free", async () => {
    await nick("jung");
    const input = signIn("oh");
    await provisionOAuthUser(t.db, input);
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "Jung" })).user.nickname).toBe("Jung2");
    // The same name in another spelling: the player keeps suffix 2 (own name is free) rather than moving on to 3.
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "jung!" })).user.nickname).toBe("jung2");
  });

  it("an unusable new provider name keeps the current nickname", async () => {
    const input = signIn("yoon");
    await provisionOAuthUser(t.db, input);
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "🙂" })).user.nickname).toBe("yoon");
    expect((await provisionOAuthUser(t.db, { ...input, nickname: null })).user.nickname).toBe("yoon");
  });

  it("never overrides a nickname the player chose", async () => {
    const input = signIn("han");
    const { user } = await provisionOAuthUser(t.db, input);
    await setNickname(t.db, { userId: user.id, nickname: "나의별명", now: NOW });
    expect(
      (await provisionOAuthUser(t.db, { ...input, nickname: "han solo", now: LATER })).user.nickname,
    ).toBe("나의별명");
  });

  it("two players renamed to one new name at the same time end up distinct", async () => {
    const inputs = Array.from({ length: 10 }, (_, i) => signIn(`old${i}`));
    for (const input of inputs) await provisionOAuthUser(t.db, input);
    const results = await Promise.all(
      inputs.map((input) => provisionOAuthUser(t.db, { ...input, nickname: "seo", now: LATER })),
    );
    const names = results.map((r) => r.user.nickname).sort();
    expect(names).toEqual(["seo", ...Array.from({ length: 9 }, (_, i) => `seo${i + 2}`)].sort());
  });
});

describe("setNickname", () => {
  it("sets a valid nickname, normalised, and records the change", async () => {
    const { user } = await provisionOAuthUser(t.db, signIn("nam"));
    const updated = await setNickname(t.db, { userId: user.id, nickname: "  Nam   Gu  ", now: LATER });
    expect(updated.nickname).toBe("Nam Gu");
    expect(updated.updatedAt.toISOString()).toBe(LATER.toISOString());
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.nickname_set"), eq(auditLog.actorId, user.id)));
    expect(audit).toEqual([expect.objectContaining({ details: { from: "nam", to: "Nam Gu" } })]);
    // Changing only the case of one's own name is not a clash.
    expect((await setNickname(t.db, { userId: user.id, nickname: "NAM GU", now: LATER })).nickname).toBe(
      "NAM GU",
    );
  });

  it("refuses a taken name (any case), an invalid one and an impersonation, without writing", async () => {
    await nick("taken");
    const { user } = await provisionOAuthUser(t.db, signIn("free1"));
    await expect(setNickname(t.db, { userId: user.id, nickname: "TAKEN", now: NOW })).rejects.toMatchObject({
      code: "conflict:nickname_taken",
      status: 409,
      fieldErrors: { nickname: [expect.any(String)] },
    });
    for (const bad of [
      "a",
      "x".repeat(21),
      "bad!",
      "-dash",
      "ａｄｍｉｎ",
      "Ad_Min",
      "관 리 자",
      "OX Universe",
    ]) {
      await expect(setNickname(t.db, { userId: user.id, nickname: bad, now: NOW })).rejects.toMatchObject({
        code: "unprocessable:nickname_invalid",
        status: 422,
      });
    }
    await expect(
      setNickname(t.db, { userId: randomUUID(), nickname: "ghost", now: NOW }),
    ).rejects.toMatchObject({ code: "not_found:user" });
    expect((await getUserById(t.db, user.id))!.nickname).toBe("free1");
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorId, user.id))).toEqual([]);
  });

  it("ten players claiming one name at once: one gets it, nine are told it is taken", async () => {
    const players = await Promise.all(
      Array.from({ length: 10 }, (_, i) => provisionOAuthUser(t.db, signIn(`claim${i}`))),
    );
    const settled = await Promise.allSettled(
      players.map((p) => setNickname(t.db, { userId: p.user.id, nickname: "winner", now: LATER })),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled.filter((s): s is PromiseRejectedResult => s.status === "rejected")) {
      expect(s.reason).toMatchObject({ code: "conflict:nickname_taken" });
    }
    const [row] = await t.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(sql`lower(${users.nickname}) = 'winner'`);
    expect(row!.n).toBe(1);
  });
});

describe("the custom-nickname fact", () => {
  it("is the user's nicknameSetAt column: set by setNickname, it stops the provider's name from being synced", async () => {
    const input = signIn("sync1");
    const { user } = await provisionOAuthUser(t.db, input);
    expect(user.nicknameSetAt).toBeNull();
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "sync2", now: LATER })).user.nickname).toBe(
      "sync2",
    );

    const chosen = await setNickname(t.db, { userId: user.id, nickname: "mine", now: LATER });
    expect(chosen.nicknameSetAt?.toISOString()).toBe(LATER.toISOString());
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "sync3", now: LATER })).user.nickname).toBe(
      "mine",
    );
  });

  it("is not read from the audit log: an audit line alone does not stop the sync, the column alone does", async () => {
    const input = signIn("audit1");
    const { user } = await provisionOAuthUser(t.db, input);
    await t.db.transaction((tx) =>
      recordAudit(tx, { actorId: user.id, action: "user.nickname_set", target: `user:${user.id}`, now: NOW }),
    );
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "audit2", now: LATER })).user.nickname).toBe(
      "audit2",
    );

    await t.db.update(users).set({ nicknameSetAt: NOW }).where(eq(users.id, user.id));
    await t.db.delete(auditLog).where(eq(auditLog.actorId, user.id));
    expect((await provisionOAuthUser(t.db, { ...input, nickname: "audit3", now: LATER })).user.nickname).toBe(
      "audit2",
    );
  });
});

describe("getUserById", () => {
  it("finds a user and answers null for unknown or malformed ids", async () => {
    const { user } = await provisionOAuthUser(t.db, signIn("finder"));
    expect((await getUserById(t.db, user.id))!.nickname).toBe("finder");
    expect(await getUserById(t.db, randomUUID())).toBeNull();
    expect(await getUserById(t.db, "not-a-uuid")).toBeNull();
  });
});
