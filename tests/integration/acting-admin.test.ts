import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setRole } from "@/lib/accounts";
import { AppError } from "@/lib/errors";
import { adminAdjust, getBalance } from "@/lib/points";
import { createItem } from "@/lib/rewards";
import { useTestDb } from "./support/db";
import { fundedUser } from "./support/fixtures";

/**
 * lib/auth/acting-admin.ts: every admin write re-reads the actor's role inside its own
 * transaction, under a row lock, so a demotion — committed or in flight — wins over a stale
 * session, and two admins acting on each other queue instead of deadlocking.
 */
const t = useTestDb();
const NOW = new Date("2031-07-01T00:00:00Z");

const newUser = (role: "player" | "admin" = "player", balance = 0) =>
  fundedUser(t.db, { role, balance, prefix: "a", now: NOW });

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const roleOf = async (id: string) =>
  (await t.db.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;

describe("the acting admin's role is re-read in the write", () => {
  it("a demoted admin is refused everywhere at once, a malformed actor id too", async () => {
    const boss = await newUser("admin");
    const former = await newUser("admin");
    const player = await newUser("player", 100);
    await setRole(t.db, { actorId: boss, userId: former, role: "player", now: NOW });
    expect(
      await outcome(
        adminAdjust(t.db, { actorId: former, userId: player, amount: 5, reason: "stale session", now: NOW }),
      ),
    ).toBe("forbidden:admin_only");
    expect(await outcome(setRole(t.db, { actorId: former, userId: player, role: "admin", now: NOW }))).toBe(
      "forbidden:admin_only",
    );
    expect(
      await outcome(
        createItem(t.db, {
          actorId: former,
          now: NOW,
          sku: `S-${randomUUID().slice(0, 6)}`,
          nameKo: "커피",
          nameEn: "Coffee",
          cost: 10,
          stock: 1,
        }),
      ),
    ).toBe("forbidden:admin_only");
    expect(
      await outcome(
        adminAdjust(t.db, {
          actorId: "not-a-uuid",
          userId: player,
          amount: 5,
          reason: "forged actor",
          now: NOW,
        }),
      ),
    ).toBe("forbidden:admin_only");
    expect(await getBalance(t.db, player)).toBe(100);
    expect(await roleOf(player)).toBe("player");
  });
});

describe.runIf(process.env.TEST_DB === "postgres")(
  "the row lock (PostgreSQL, concurrent transactions)",
  () => {
    it("two admins demoting each other at once: one wins, the other is refused, nobody deadlocks", async () => {
      for (let round = 0; round < 5; round++) {
        const a = await newUser("admin");
        const b = await newUser("admin");
        const results = await Promise.all([
          outcome(setRole(t.db, { actorId: a, userId: b, role: "player", now: NOW })),
          outcome(setRole(t.db, { actorId: b, userId: a, role: "player", now: NOW })),
        ]);
        expect(results.sort()).toEqual(["forbidden:admin_only", "ok"]);
        expect([await roleOf(a), await roleOf(b)].sort()).toEqual(["admin", "player"]);
      }
    });

    it("a write by an admin whose demotion is in flight waits for it and is refused", async () => {
      const former = await newUser("admin");
      const player = await newUser("player", 100);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const demoting = new Promise<void>((r) => (locked = r));
      const demotion = t.db.transaction(async (tx) => {
        await tx.update(users).set({ role: "player", updatedAt: NOW }).where(eq(users.id, former));
        locked();
        await gate;
      });
      await demoting;
      let settled = false;
      const adjust = outcome(
        adminAdjust(t.db, {
          actorId: former,
          userId: player,
          amount: 5,
          reason: "racing the demotion",
          now: NOW,
        }),
      ).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      release();
      await demotion;
      expect(await adjust).toBe("forbidden:admin_only");
      expect(await getBalance(t.db, player)).toBe(100);
    });
  },
);
