import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, pointsLedger, users } from "@/db/schema";
import { adminAdjust, getBalance } from "@/lib/points";
import { useTestDb } from "./support/db";
import { fundedUser } from "./support/fixtures";

const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

const newUser = (role: "player" | "admin" = "player", balance = 0) =>
  fundedUser(t.db, { role, balance, prefix: "u" });

const auditOf = (userId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "points.adjust"), eq(auditLog.target, `user:${userId}`)));

describe("adminAdjust", () => {
  it("posts an ADMIN_ADJUST entry and its audit row together", async () => {
    const admin = await newUser("admin");
    const player = await newUser("player", 1000);
    const { entry, created } = await adminAdjust(t.db, {
      actorId: admin,
      userId: player,
      amount: -250,
      reason: "  duplicate reward  ",
      now: NOW,
    });
    expect(created).toBe(true);
    expect(entry).toMatchObject({
      userId: player,
      amount: -250,
      reason: "ADMIN_ADJUST",
      memo: "duplicate reward",
      actorId: admin,
      balanceAfter: 750,
    });
    expect(entry.refId).toMatch(/^adjust:[0-9a-f-]{36}$/);
    expect(entry.createdAt.toISOString()).toBe(NOW.toISOString());
    const audit = await auditOf(player);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin,
      details: {
        amount: -250,
        reason: "duplicate reward",
        refId: entry.refId,
        ledgerId: entry.id,
        balanceAfter: 750,
      },
    });
    expect(await getBalance(t.db, player)).toBe(750);
  });

  it("a repeated adjustment id (double submit) posts and audits once", async () => {
    const admin = await newUser("admin");
    const player = await newUser("player", 100);
    const adjustmentId = randomUUID();
    const input = { actorId: admin, userId: player, amount: 40, reason: "goodwill", adjustmentId, now: NOW };
    const [a, b] = await Promise.all([adminAdjust(t.db, input), adminAdjust(t.db, input)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.entry.id).toBe(b.entry.id);
    expect(await auditOf(player)).toHaveLength(1);
    expect(await getBalance(t.db, player)).toBe(140);
    await expect(adminAdjust(t.db, { ...input, amount: 41 })).rejects.toMatchObject({
      code: "conflict:ledger_ref_mismatch",
    });
  });

  it("refuses a non-admin actor, a missing player, a bad reason and an overdraft, writing nothing", async () => {
    const admin = await newUser("admin");
    const player = await newUser("player", 100);
    const cases: [Parameters<typeof adminAdjust>[1], string][] = [
      [
        { actorId: player, userId: player, amount: 500, reason: "free points", now: NOW },
        "forbidden:admin_only",
      ],
      [
        { actorId: randomUUID(), userId: player, amount: 5, reason: "ghost", now: NOW },
        "forbidden:admin_only",
      ],
      [{ actorId: admin, userId: randomUUID(), amount: 5, reason: "nobody", now: NOW }, "not_found:user"],
      [{ actorId: admin, userId: player, amount: 5, reason: "ok", now: NOW }, "unprocessable:adjust_invalid"],
      [
        { actorId: admin, userId: player, amount: 5, reason: "x".repeat(201), now: NOW },
        "unprocessable:adjust_invalid",
      ],
      [
        { actorId: admin, userId: player, amount: 0, reason: "zero", now: NOW },
        "unprocessable:adjust_invalid",
      ],
      [
        { actorId: admin, userId: player, amount: -101, reason: "too much", now: NOW },
        "conflict:insufficient_points",
      ],
    ];
    for (const [input, code] of cases) await expect(adminAdjust(t.db, input)).rejects.toMatchObject({ code });
    expect(await auditOf(player)).toEqual([]);
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, player))).toHaveLength(1);
    expect(await getBalance(t.db, player)).toBe(100);
  });

  it("says which field is wrong", async () => {
    const admin = await newUser("admin");
    const player = await newUser("player", 100);
    await expect(
      adminAdjust(t.db, { actorId: admin, userId: player, amount: 5, reason: "a", now: NOW }),
    ).rejects.toMatchObject({
      fieldErrors: { reason: [expect.stringContaining("at least 3")] },
    });
  });

  it("a demoted admin is refused at once", async () => {
    const admin = await newUser("admin");
    const player = await newUser("player", 100);
    await t.db.update(users).set({ role: "player" }).where(eq(users.id, admin));
    await expect(
      adminAdjust(t.db, { actorId: admin, userId: player, amount: 5, reason: "still me", now: NOW }),
    ).rejects.toMatchObject({
      code: "forbidden:admin_only",
      status: 403,
    });
  });
});
