import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { notifications, pointsLedger, redemptions, rewardItems, users } from "@/db/schema";
import { getBalance, postEntry } from "@/lib/points";
import { redeem } from "@/lib/rewards";
import { useTestDb } from "./support/db";
import { stockedItem, waitForLockWaiters } from "./support/fixtures";
import { describeOnPostgres } from "./support/postgres-only";

const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

async function newPlayer(balance = 0): Promise<string> {
  const id = randomUUID();
  await t.db.insert(users).values({ id, nickname: `p${id.slice(0, 8)}` });
  if (balance)
    await postEntry(t.db, { userId: id, amount: balance, reason: "SIGNUP_BONUS", refId: `signup:${id}` });
  return id;
}

const newItem = (opts: { stock: number; cost: number; active?: boolean }) =>
  stockedItem(t.db, opts.stock, opts.cost, opts.active);

const stockOf = async (itemId: string) =>
  (await t.db.select().from(rewardItems).where(eq(rewardItems.id, itemId)))[0]!;

/** Everything a redeem may touch, for "state identical to before". */
async function snapshot(userId: string, itemId: string) {
  const item = await stockOf(itemId);
  return {
    item: { stock: item.stock, stockTotal: item.stockTotal, updatedAt: item.updatedAt },
    balance: await getBalance(t.db, userId),
    ledger: await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.userId, userId))
      .orderBy(pointsLedger.id),
    redemptions: await t.db.select().from(redemptions).where(eq(redemptions.userId, userId)),
    notifications: await t.db.select().from(notifications).where(eq(notifications.userId, userId)),
  };
}

describe("redeem", () => {
  it("takes one unit, debits the cost, records a PENDING redemption and tells the player", async () => {
    const u = await newPlayer(1000);
    const item = await newItem({ stock: 3, cost: 300 });
    const key = randomUUID();
    const {
      redemption,
      created,
      item: after,
    } = await redeem(t.db, { userId: u, sku: item.sku.toLowerCase(), requestKey: key, now: NOW });
    expect(created).toBe(true);
    expect(redemption).toMatchObject({
      userId: u,
      itemId: item.id,
      cost: 300,
      status: "PENDING",
      requestKey: key,
    });
    expect(redemption.createdAt.toISOString()).toBe(NOW.toISOString());
    expect(after).toMatchObject({ stock: 2, stockTotal: 3 });
    expect(await getBalance(t.db, u)).toBe(700);
    const [debit] = await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.refId, `redeem:${redemption.id}`));
    expect(debit).toMatchObject({ userId: u, amount: -300, reason: "REDEMPTION", balanceAfter: 700 });
    const notes = await t.db.select().from(notifications).where(eq(notifications.userId, u));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      kind: "redemption_pending",
      dedupeKey: `redemption:${redemption.id}:PENDING`,
      payload: { redemptionId: redemption.id, sku: item.sku, cost: 300 },
    });
  });

  it("a repeated request key returns the first redemption and writes nothing; another item with that key is refused", async () => {
    const u = await newPlayer(1000);
    const item = await newItem({ stock: 5, cost: 100 });
    const other = await newItem({ stock: 5, cost: 100 });
    const key = randomUUID();
    const first = await redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW });
    const before = await snapshot(u, item.id);
    const again = await redeem(t.db, {
      userId: u,
      sku: item.sku,
      requestKey: key,
      now: new Date(NOW.getTime() + 1000),
    });
    expect(again.created).toBe(false);
    expect(again.redemption).toEqual(first.redemption);
    expect(await snapshot(u, item.id)).toEqual(before);
    await expect(
      redeem(t.db, { userId: u, sku: other.sku, requestKey: key, now: NOW }),
    ).rejects.toMatchObject({ code: "conflict:request_key_reused", status: 409 });
    expect((await stockOf(other.id)).stock).toBe(5);
    // The key is the player's own: another player may use the same string.
    const v = await newPlayer(1000);
    expect((await redeem(t.db, { userId: v, sku: item.sku, requestKey: key, now: NOW })).created).toBe(true);
  });

  it("the same key still answers after the item is sold out or withdrawn", async () => {
    const u = await newPlayer(1000);
    const item = await newItem({ stock: 1, cost: 100 });
    const key = randomUUID();
    const first = await redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW });
    await t.db.update(rewardItems).set({ active: false }).where(eq(rewardItems.id, item.id));
    expect(await redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW })).toMatchObject({
      created: false,
      redemption: { id: first.redemption.id },
    });
  });

  type Case = { exists?: boolean; active?: boolean; stock?: number; cost?: number };
  it.each<[string, Case, string]>([
    ["an unknown reward", { exists: false }, "not_found:reward"],
    ["an inactive reward", { active: false }, "conflict:reward_inactive"],
    ["a sold-out reward", { stock: 0 }, "conflict:sold_out"],
    ["a reward the player cannot afford", { cost: 1001 }, "conflict:insufficient_points"],
  ])("refuses %s and writes nothing", async (_, opts, code) => {
    const u = await newPlayer(1000);
    const item = await newItem({ stock: opts.stock ?? 5, cost: opts.cost ?? 100, active: opts.active });
    const before = await snapshot(u, item.id);
    const sku = opts.exists === false ? "NO-SUCH-ITEM" : item.sku;
    await expect(redeem(t.db, { userId: u, sku, requestKey: randomUUID(), now: NOW })).rejects.toMatchObject({
      code,
    });
    expect(await snapshot(u, item.id)).toEqual(before);
  });

  it("refuses malformed input and an unknown player", async () => {
    const item = await newItem({ stock: 5, cost: 100 });
    await expect(
      redeem(t.db, { userId: await newPlayer(1000), sku: item.sku, requestKey: "short", now: NOW }),
    ).rejects.toMatchObject({
      code: "unprocessable:redeem_invalid",
      fieldErrors: { requestKey: expect.any(Array) },
    });
    await expect(
      redeem(t.db, { userId: randomUUID(), sku: item.sku, requestKey: randomUUID(), now: NOW }),
    ).rejects.toMatchObject({ code: "not_found:user" });
    await expect(
      redeem(t.db, { userId: "not-a-uuid", sku: item.sku, requestKey: randomUUID(), now: NOW }),
    ).rejects.toMatchObject({ code: "not_found:user" });
    expect((await stockOf(item.id)).stock).toBe(5);
  });

  it("spends exactly the whole balance, then refuses the next one", async () => {
    const u = await newPlayer(200);
    const item = await newItem({ stock: 5, cost: 100 });
    await redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW });
    await redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW });
    expect(await getBalance(t.db, u)).toBe(0);
    await expect(
      redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW }),
    ).rejects.toMatchObject({ code: "conflict:insufficient_points" });
    expect((await stockOf(item.id)).stock).toBe(3);
  });
});

describe("redeem: a crash in the middle", () => {
  it.each(["afterStockTaken", "afterDebit"] as const)(
    "a crash %s leaves stock, balance, ledger and redemptions as before",
    async (hook) => {
      const u = await newPlayer(1000);
      const item = await newItem({ stock: 4, cost: 250 });
      const before = await snapshot(u, item.id);
      const key = randomUUID();
      let seen: { stock: number; balance: number } | undefined;
      const crash = async (tx: Tx) => {
        // Prove the hook really runs mid-flow: the transaction sees its own writes so far.
        const [row] = await tx
          .select({ stock: rewardItems.stock })
          .from(rewardItems)
          .where(eq(rewardItems.id, item.id));
        seen = { stock: row!.stock, balance: await getBalance(tx, u) };
        throw new Error("injected crash");
      };
      await expect(
        redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW }, { [hook]: crash }),
      ).rejects.toThrow("injected crash");
      expect(seen).toEqual({ stock: 3, balance: hook === "afterDebit" ? 750 : 1000 });
      expect(await snapshot(u, item.id)).toEqual(before);
      // The key was not used up: the retry goes through.
      const retry = await redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW });
      expect(retry.created).toBe(true);
      expect(await getBalance(t.db, u)).toBe(750);
      expect((await stockOf(item.id)).stock).toBe(3);
    },
  );
});

describeOnPostgres("redeem: changes that land while it waits for the item", () => {
  it.each([
    ["a price change", { cost: 150 }, "conflict:price_changed"],
    ["a withdrawal", { active: false }, "conflict:reward_inactive"],
    ["the last unit sold elsewhere", { stock: 0, stockTotal: 4 }, "conflict:sold_out"],
  ])("%s is noticed by the conditional update and nothing is written", async (_, change, code) => {
    const u = await newPlayer(1000);
    const item = await newItem({ stock: 5, cost: 100 });
    const before = await snapshot(u, item.id);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const admin = t.db.transaction(async (tx) => {
      await tx.update(rewardItems).set(change).where(eq(rewardItems.id, item.id));
      locked();
      await gate;
    });
    await isLocked;
    const attempt = redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW });
    await waitForLockWaiters(t.db, 1);
    release();
    await admin;
    await expect(attempt).rejects.toMatchObject({ code });
    const after = await snapshot(u, item.id);
    expect({ ...after, item: undefined }).toEqual({ ...before, item: undefined });
    // Put the item back as it was so I5 holds for the check after this test.
    await t.db
      .update(rewardItems)
      .set({ stock: 5, stockTotal: 5, cost: 100, active: true })
      .where(eq(rewardItems.id, item.id));
  });
});
