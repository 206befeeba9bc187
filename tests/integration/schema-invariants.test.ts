import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  dailySlots,
  pointsBalances,
  pointsLedger,
  predictions,
  redemptions,
  rewardItems,
  universeEntries,
  users,
} from "@/db/schema";
import { useTestDb } from "./support/db";

/** Each rule that protects money-like state is refused by the database itself, not only by code. */
const t = useTestDb();

async function newUser(nickname: string) {
  const [u] = await t.db.insert(users).values({ nickname }).returning();
  return u!;
}

/** Postgres error code of a failed statement, whichever driver raised it. */
async function pgCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    let err: unknown = e;
    while (err && typeof err === "object") {
      const code = (err as { code?: unknown }).code;
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
      err = (err as { cause?: unknown }).cause;
    }
    throw e;
  }
  throw new Error("statement succeeded but should have been refused");
}

const UNIQUE = "23505";
const CHECK = "23514";

describe("database invariants", () => {
  it("one prediction per (user, trading day, symbol)", async () => {
    const u = await newUser("uniq-pred");
    const row = { userId: u.id, tradingDay: "2026-11-27", symbol: "NVDA", choice: "UP" as const };
    await t.db.insert(predictions).values(row);
    expect(await pgCode(t.db.insert(predictions).values({ ...row, choice: "DOWN" }))).toBe(UNIQUE);
    await t.db.insert(predictions).values({ ...row, symbol: "AAPL" });
  });

  it("one ledger row per reference id", async () => {
    const u = await newUser("uniq-ledger");
    await t.db.insert(pointsBalances).values({ userId: u.id, balance: 1000 });
    await t.db.insert(pointsLedger).values({
      refId: `signup:${u.id}`,
      userId: u.id,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      balanceAfter: 1000,
    });
    expect(
      await pgCode(
        t.db.insert(pointsLedger).values({
          refId: `signup:${u.id}`,
          userId: u.id,
          amount: 1000,
          reason: "SIGNUP_BONUS",
          balanceAfter: 2000,
        }),
      ),
    ).toBe(UNIQUE);
  });

  it("ledger rows can never be updated or deleted", async () => {
    const [row] = await t.db.select().from(pointsLedger).limit(1);
    expect(row).toBeDefined();
    await expect(
      t.db.update(pointsLedger).set({ amount: 5 }).where(eq(pointsLedger.id, row!.id)),
    ).rejects.toThrow();
    await expect(t.db.delete(pointsLedger).where(eq(pointsLedger.id, row!.id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate points_ledger`)).rejects.toThrow();
    const [again] = await t.db.select().from(pointsLedger).where(eq(pointsLedger.id, row!.id));
    expect(again!.amount).toBe(1000);
  });

  it("a balance never goes below zero", async () => {
    const u = await newUser("neg-balance");
    expect(await pgCode(t.db.insert(pointsBalances).values({ userId: u.id, balance: -1 }))).toBe(CHECK);
    await t.db.insert(pointsBalances).values({ userId: u.id, balance: 0 });
    expect(
      await pgCode(
        t.db
          .update(pointsBalances)
          .set({ balance: sql`${pointsBalances.balance} - 1` })
          .where(eq(pointsBalances.userId, u.id)),
      ),
    ).toBe(CHECK);
    expect(
      await pgCode(
        t.db.insert(pointsLedger).values({
          refId: "adjust:neg",
          userId: u.id,
          amount: -5,
          reason: "ADMIN_ADJUST",
          balanceAfter: -5,
        }),
      ),
    ).toBe(CHECK);
  });

  it("slots stay within 0..10 and ad slots within 0..7", async () => {
    const u = await newUser("slot-bounds");
    const key = { userId: u.id, tradingDay: "2026-11-27" };
    expect(await pgCode(t.db.insert(dailySlots).values({ ...key, available: -1 }))).toBe(CHECK);
    expect(await pgCode(t.db.insert(dailySlots).values({ ...key, available: 11 }))).toBe(CHECK);
    expect(await pgCode(t.db.insert(dailySlots).values({ ...key, adSlots: 8 }))).toBe(CHECK);
    await t.db.insert(dailySlots).values({ ...key, available: 10 });
    expect(await pgCode(t.db.insert(dailySlots).values({ ...key, available: 3 }))).toBe(UNIQUE);
  });

  it("stock never goes below zero and never above what was put on sale", async () => {
    const base = { nameKo: "테스트", nameEn: "Test", cost: 100 };
    expect(
      await pgCode(t.db.insert(rewardItems).values({ ...base, sku: "NEG-STOCK", stock: -1, stockTotal: 0 })),
    ).toBe(CHECK);
    expect(
      await pgCode(t.db.insert(rewardItems).values({ ...base, sku: "OVER-STOCK", stock: 5, stockTotal: 4 })),
    ).toBe(CHECK);
    const [item] = await t.db
      .insert(rewardItems)
      .values({ ...base, sku: "ONE-LEFT", stock: 0, stockTotal: 0 })
      .returning();
    expect(
      await pgCode(
        t.db
          .update(rewardItems)
          .set({ stock: sql`${rewardItems.stock} - 1` })
          .where(eq(rewardItems.id, item!.id)),
      ),
    ).toBe(CHECK);
  });

  it("one redemption per (user, request key)", async () => {
    const u = await newUser("redeem-key");
    const [item] = await t.db
      .insert(rewardItems)
      .values({ nameKo: "키", nameEn: "Key", cost: 100, sku: "KEY-ITEM", stock: 0, stockTotal: 0 })
      .returning();
    // A redemption row without its debit would break I4, so this one is made and rolled back.
    await t.db
      .transaction(async (tx) => {
        await tx
          .insert(redemptions)
          .values({ userId: u.id, itemId: item!.id, cost: 100, requestKey: "k1", status: "CANCELLED" });
        expect(
          await pgCode(
            tx
              .insert(redemptions)
              .values({ userId: u.id, itemId: item!.id, cost: 100, requestKey: "k1", status: "CANCELLED" }),
          ),
        ).toBe(UNIQUE);
        throw new Error("rollback");
      })
      .catch((e: Error) => expect(e.message).toBe("rollback"));
  });

  it("a VOID prediction carries a reason and only CORRECT ones carry points", async () => {
    const u = await newUser("void-reason");
    const base = { userId: u.id, tradingDay: "2026-11-27", choice: "UP" as const };
    expect(await pgCode(t.db.insert(predictions).values({ ...base, symbol: "AMD", status: "VOID" }))).toBe(
      CHECK,
    );
    expect(
      await pgCode(
        t.db.insert(predictions).values({ ...base, symbol: "AMD", status: "PENDING", voidReason: "flat" }),
      ),
    ).toBe(CHECK);
    expect(
      await pgCode(
        t.db.insert(predictions).values({ ...base, symbol: "AMD", status: "INCORRECT", pointsAwarded: 50 }),
      ),
    ).toBe(CHECK);
    await t.db.insert(predictions).values({ ...base, symbol: "AMD", status: "VOID", voidReason: "flat" });
  });

  it("nicknames are unique regardless of case", async () => {
    await newUser("Trader");
    expect(await pgCode(t.db.insert(users).values({ nickname: "trader" }))).toBe(UNIQUE);
  });

  it("universe entries: one per (day, symbol), seq within 1..200, symbol format", async () => {
    const day = "2026-11-27";
    await t.db.insert(universeEntries).values({ tradingDay: day, symbol: "NVDA", seq: 1 });
    expect(
      await pgCode(t.db.insert(universeEntries).values({ tradingDay: day, symbol: "NVDA", seq: 2 })),
    ).toBe(UNIQUE);
    expect(
      await pgCode(t.db.insert(universeEntries).values({ tradingDay: day, symbol: "AAPL", seq: 201 })),
    ).toBe(CHECK);
    expect(
      await pgCode(t.db.insert(universeEntries).values({ tradingDay: day, symbol: "aapl", seq: 3 })),
    ).toBe(CHECK);
  });
});
