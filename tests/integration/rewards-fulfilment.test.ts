import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, pointsLedger, redemptions, rewardItems } from "@/db/schema";
import { getBalance } from "@/lib/points";
import {
  cancelRedemption,
  fulfilRedemption,
  listRedemptionsForAdmin,
  listRedemptionsForUser,
  manualVendor,
  markFailed,
  markIssued,
  redeem,
  rewardStats,
  type RewardVendor,
} from "@/lib/rewards";
import { useTestDb } from "./support/db";
import { fundedUser, stockedItem } from "./support/fixtures";

const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");
const LATER = new Date("2031-05-06T05:00:00Z");

const newUser = (balance = 0, role: "player" | "admin" = "player") => fundedUser(t.db, { balance, role });

const newItem = (stock = 5, cost = 100) => stockedItem(t.db, stock, cost);

async function pending(opts: { balance?: number; cost?: number; stock?: number } = {}) {
  const item = await newItem(opts.stock ?? 5, opts.cost ?? 100);
  const userId = await newUser(opts.balance ?? 1000);
  const { redemption } = await redeem(t.db, { userId, sku: item.sku, requestKey: randomUUID(), now: NOW });
  return { item, userId, redemption };
}

const stockOf = async (id: string) =>
  (await t.db.select().from(rewardItems).where(eq(rewardItems.id, id)))[0]!.stock;
const noticesOf = (userId: string) =>
  t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt);
const ledgerRef = (ref: string) => t.db.select().from(pointsLedger).where(eq(pointsLedger.refId, ref));
const auditFor = (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.target, `redemption:${id}`));

describe("markIssued", () => {
  it("PENDING → ISSUED with code and note, keeps the points and the unit, tells the player, audits", async () => {
    const admin = await newUser(0, "admin");
    const { item, userId, redemption } = await pending();
    const r = await markIssued(t.db, {
      actorId: admin,
      redemptionId: redemption.id,
      code: " GIFT-123 ",
      note: "valid 30 days",
      now: LATER,
    });
    expect(r.changed).toBe(true);
    expect(r.redemption).toMatchObject({
      status: "ISSUED",
      code: "GIFT-123",
      note: "valid 30 days",
      handledBy: admin,
    });
    expect(r.redemption.issuedAt?.toISOString()).toBe(LATER.toISOString());
    expect(await getBalance(t.db, userId)).toBe(900);
    expect(await stockOf(item.id)).toBe(4);
    const notes = await noticesOf(userId);
    expect(notes.map((n) => n.kind)).toEqual(["redemption_pending", "redemption_issued"]);
    expect(notes[1]!.payload).toEqual({
      redemptionId: redemption.id,
      status: "ISSUED",
      sku: item.sku,
      nameKo: "테스트",
      nameEn: "Test",
    });
    expect(JSON.stringify(notes[1]!.payload)).not.toContain("GIFT-123");
    expect(await auditFor(redemption.id)).toMatchObject([
      { actorId: admin, action: "redemption.issue", details: { userId, hasCode: true } },
    ]);
    // Repeating it changes nothing and writes nothing.
    const again = await markIssued(t.db, {
      actorId: admin,
      redemptionId: redemption.id,
      code: "OTHER",
      now: LATER,
    });
    expect(again).toMatchObject({ changed: false, redemption: { code: "GIFT-123" } });
    expect(await auditFor(redemption.id)).toHaveLength(1);
  });

  it("refuses after FAILED, for a non-admin and for an unknown redemption", async () => {
    const admin = await newUser(0, "admin");
    const { userId, redemption } = await pending();
    await markFailed(t.db, {
      actorId: admin,
      redemptionId: redemption.id,
      reason: "partner down",
      now: LATER,
    });
    await expect(
      markIssued(t.db, { actorId: admin, redemptionId: redemption.id, code: "X", now: LATER }),
    ).rejects.toMatchObject({
      code: "conflict:redemption_not_pending",
      details: { status: "FAILED" },
    });
    const other = await pending();
    await expect(
      markIssued(t.db, { actorId: userId, redemptionId: other.redemption.id, now: LATER }),
    ).rejects.toMatchObject({ code: "forbidden:admin_only" });
    await expect(
      markIssued(t.db, { actorId: admin, redemptionId: randomUUID(), now: LATER }),
    ).rejects.toMatchObject({ code: "not_found:redemption" });
    const [row] = await t.db.select().from(redemptions).where(eq(redemptions.id, other.redemption.id));
    expect(row!.status).toBe("PENDING");
  });
});

describe("markFailed", () => {
  it("PENDING → FAILED: refunds the cost once, releases the unit, tells the player, audits", async () => {
    const admin = await newUser(0, "admin");
    const { item, userId, redemption } = await pending({ cost: 250 });
    const r = await markFailed(t.db, {
      actorId: admin,
      redemptionId: redemption.id,
      reason: "  voucher partner down ",
      now: LATER,
    });
    expect(r.redemption).toMatchObject({
      status: "FAILED",
      failureReason: "voucher partner down",
      handledBy: admin,
    });
    expect(r.redemption.closedAt?.toISOString()).toBe(LATER.toISOString());
    expect(await getBalance(t.db, userId)).toBe(1000);
    expect(await ledgerRef(`refund:${redemption.id}`)).toMatchObject([
      { amount: 250, reason: "REDEMPTION_REFUND", actorId: admin, memo: "voucher partner down" },
    ]);
    expect(await stockOf(item.id)).toBe(5);
    expect((await noticesOf(userId)).map((n) => [n.kind, n.payload.refunded])).toEqual([
      ["redemption_pending", undefined],
      ["redemption_failed", 250],
    ]);
    expect(await auditFor(redemption.id)).toMatchObject([
      { action: "redemption.fail", details: { reason: "voucher partner down", refunded: 250 } },
    ]);
    // Refused after ISSUED.
    const issued = await pending();
    await markIssued(t.db, { actorId: admin, redemptionId: issued.redemption.id, now: LATER });
    await expect(
      markFailed(t.db, {
        actorId: admin,
        redemptionId: issued.redemption.id,
        reason: "too late",
        now: LATER,
      }),
    ).rejects.toMatchObject({
      code: "conflict:redemption_not_pending",
    });
  });

  it("refunds the cost the player paid, even after a price change", async () => {
    const admin = await newUser(0, "admin");
    const { item, userId, redemption } = await pending({ cost: 300 });
    await t.db.update(rewardItems).set({ cost: 900 }).where(eq(rewardItems.id, item.id));
    await markFailed(t.db, {
      actorId: admin,
      redemptionId: redemption.id,
      reason: "partner down",
      now: LATER,
    });
    expect(await getBalance(t.db, userId)).toBe(1000);
  });

  it("refuses a short reason and a non-admin, writing nothing", async () => {
    const admin = await newUser(0, "admin");
    const { userId, redemption } = await pending();
    await expect(
      markFailed(t.db, { actorId: admin, redemptionId: redemption.id, reason: "x", now: LATER }),
    ).rejects.toMatchObject({
      code: "unprocessable:fail_invalid",
      fieldErrors: { reason: expect.any(Array) },
    });
    await expect(
      markFailed(t.db, {
        actorId: userId,
        redemptionId: redemption.id,
        reason: "I want my points",
        now: LATER,
      }),
    ).rejects.toMatchObject({
      code: "forbidden:admin_only",
    });
    expect(await getBalance(t.db, userId)).toBe(900);
  });
});

describe("cancelRedemption", () => {
  it("the owner cancels a PENDING redemption: refund, unit released, notice; a repeat is a no-op", async () => {
    const { item, userId, redemption } = await pending();
    const r = await cancelRedemption(t.db, { userId, redemptionId: redemption.id, now: LATER });
    expect(r).toMatchObject({
      changed: true,
      redemption: { status: "CANCELLED", handledBy: userId, failureReason: null },
    });
    expect(await getBalance(t.db, userId)).toBe(1000);
    expect(await stockOf(item.id)).toBe(5);
    expect(await ledgerRef(`refund:${redemption.id}`)).toMatchObject([{ amount: 100, memo: "cancelled" }]);
    expect((await noticesOf(userId)).map((n) => n.kind)).toEqual([
      "redemption_pending",
      "redemption_cancelled",
    ]);
    expect(await cancelRedemption(t.db, { userId, redemptionId: redemption.id, now: LATER })).toMatchObject({
      changed: false,
    });
    expect(await getBalance(t.db, userId)).toBe(1000);
    // Player cancellations are in the ledger and the player's notices, not in the admin audit log.
    expect(await auditFor(redemption.id)).toEqual([]);
  });

  it("another player's redemption looks like a missing one", async () => {
    const { userId, redemption } = await pending();
    const stranger = await newUser(1000);
    for (const redemptionId of [redemption.id, randomUUID(), "not-an-id"]) {
      await expect(
        cancelRedemption(t.db, { userId: stranger, redemptionId, now: LATER }),
      ).rejects.toMatchObject({ code: "not_found:redemption", status: 404 });
    }
    expect(await getBalance(t.db, userId)).toBe(900);
    expect(await getBalance(t.db, stranger)).toBe(1000);
  });

  it("refuses once the redemption is ISSUED", async () => {
    const admin = await newUser(0, "admin");
    const { userId, redemption } = await pending();
    await markIssued(t.db, { actorId: admin, redemptionId: redemption.id, code: "C-1", now: LATER });
    await expect(
      cancelRedemption(t.db, { userId, redemptionId: redemption.id, now: LATER }),
    ).rejects.toMatchObject({
      code: "conflict:redemption_not_pending",
    });
    expect(await getBalance(t.db, userId)).toBe(900);
  });
});

describe("fulfilRedemption (vendors)", () => {
  const vendorSaying = (answer: Awaited<ReturnType<RewardVendor["issue"]>> | Error) => {
    const calls: string[] = [];
    const vendor: RewardVendor = {
      id: "manual",
      issue: async ({ redemption }) => {
        calls.push(redemption.id);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    return { calls, vendors: { manual: vendor } };
  };

  it("the manual vendor leaves the redemption for an admin", async () => {
    const { redemption } = await pending();
    expect(await manualVendor.issue({ redemption, item: await newItem() })).toEqual({ status: "MANUAL" });
    expect(await fulfilRedemption(t.db, { redemptionId: redemption.id, now: LATER })).toMatchObject({
      status: "manual",
      redemption: { status: "PENDING" },
    });
  });

  it("a vendor that issues: ISSUED with its code, handled by the system", async () => {
    const { userId, redemption } = await pending();
    const { vendors } = vendorSaying({ status: "ISSUED", code: "V-777" });
    const r = await fulfilRedemption(t.db, { redemptionId: redemption.id, now: LATER, vendors });
    expect(r).toMatchObject({
      status: "issued",
      changed: true,
      redemption: { status: "ISSUED", code: "V-777", handledBy: null },
    });
    expect((await noticesOf(userId)).map((n) => n.kind)).toContain("redemption_issued");
    const again = vendorSaying({ status: "ISSUED", code: "V-778" });
    expect(
      await fulfilRedemption(t.db, { redemptionId: redemption.id, now: LATER, vendors: again.vendors }),
    ).toMatchObject({ status: "skipped" });
    expect(again.calls).toEqual([]);
  });

  it("a vendor that fails: FAILED with refund; a vendor that throws or talks nonsense leaves it PENDING", async () => {
    const failing = await pending();
    const r = await fulfilRedemption(t.db, {
      redemptionId: failing.redemption.id,
      now: LATER,
      vendors: vendorSaying({ status: "FAILED", reason: "no stock at partner" }).vendors,
    });
    expect(r).toMatchObject({
      status: "failed",
      changed: true,
      redemption: { status: "FAILED", failureReason: "no stock at partner" },
    });
    expect(await getBalance(t.db, failing.userId)).toBe(1000);

    const flaky = await pending();
    await expect(
      fulfilRedemption(t.db, {
        redemptionId: flaky.redemption.id,
        now: LATER,
        vendors: vendorSaying(new Error("timeout")).vendors,
      }),
    ).rejects.toThrow("timeout");
    const nonsense = vendorSaying({ status: "ISSUED", code: "" } as never);
    await expect(
      fulfilRedemption(t.db, { redemptionId: flaky.redemption.id, now: LATER, vendors: nonsense.vendors }),
    ).rejects.toMatchObject({ code: "internal:vendor_answer" });
    await expect(
      fulfilRedemption(t.db, { redemptionId: flaky.redemption.id, now: LATER, vendors: {} }),
    ).rejects.toMatchObject({ code: "internal:vendor_unknown" });
    const [row] = await t.db.select().from(redemptions).where(eq(redemptions.id, flaky.redemption.id));
    expect(row!.status).toBe("PENDING");
    expect(await getBalance(t.db, flaky.userId)).toBe(900);
  });
});

describe("queries", () => {
  it("the player's history pages newest first, with item names and refund state, and shows only their own", async () => {
    const admin = await newUser(0, "admin");
    const item = await newItem(20, 10);
    const u = await newUser(1000);
    const other = await newUser(1000);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { redemption } = await redeem(t.db, {
        userId: u,
        sku: item.sku,
        requestKey: randomUUID(),
        now: new Date(NOW.getTime() + i * 1000),
      });
      ids.push(redemption.id);
    }
    // Two in the same instant: the id breaks the tie, so neither is skipped nor repeated.
    const same = new Date(NOW.getTime() + 10_000);
    for (let i = 0; i < 2; i++)
      ids.push(
        (await redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: same })).redemption.id,
      );
    await redeem(t.db, { userId: other, sku: item.sku, requestKey: randomUUID(), now: NOW });
    await markFailed(t.db, { actorId: admin, redemptionId: ids[0]!, reason: "partner down", now: LATER });

    const seen: string[] = [];
    let cursor: string | null | undefined;
    const sizes: number[] = [];
    do {
      const page = await listRedemptionsForUser(t.db, { userId: u, cursor, limit: 4 });
      sizes.push(page.items.length);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 1]);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen.slice(-1)).toEqual([ids[0]]);
    const all = await listRedemptionsForUser(t.db, { userId: u, limit: 100 });
    expect(all.items.at(-1)).toMatchObject({
      status: "FAILED",
      refunded: true,
      failureReason: "partner down",
      item: { sku: item.sku, nameEn: "Test" },
    });
    expect(all.items[0]).toMatchObject({ status: "PENDING", refunded: false });
    expect(all.items[0]).not.toHaveProperty("requestKey");
    // Someone else's cursor leads nowhere.
    expect((await listRedemptionsForUser(t.db, { userId: other, cursor: ids[3], limit: 10 })).items).toEqual(
      [],
    );
    await expect(listRedemptionsForUser(t.db, { userId: u, cursor: "x", limit: 10 })).rejects.toMatchObject({
      code: "unprocessable:cursor",
    });
  });

  it("the admin queue filters by status and pages oldest first", async () => {
    const admin = await newUser(0, "admin");
    const item = await newItem(10, 10);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await newUser(100);
      made.push(
        (
          await redeem(t.db, {
            userId: u,
            sku: item.sku,
            requestKey: randomUUID(),
            now: new Date(LATER.getTime() + 3_600_000 + i),
          })
        ).redemption.id,
      );
    }
    await markIssued(t.db, { actorId: admin, redemptionId: made[1]!, now: LATER });
    const order: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await listRedemptionsForAdmin(t.db, {
        status: "PENDING",
        order: "oldest",
        cursor,
        limit: 2,
      });
      for (const r of page.items) expect(r.status).toBe("PENDING");
      order.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(order).size).toBe(order.length);
    expect(order.filter((id) => made.includes(id))).toEqual([made[0], made[2], made[3], made[4]]);
    const newest = await listRedemptionsForAdmin(t.db, { limit: 1 });
    expect(newest.items.map((r) => r.id)).toEqual([made[4]]);
    const issued = await listRedemptionsForAdmin(t.db, { status: "ISSUED", limit: 100 });
    expect(issued.items.find((r) => r.id === made[1])).toMatchObject({
      item: { sku: item.sku },
      nickname: expect.stringMatching(/^p/),
    });
  });

  it("rewardStats counts each item's redemptions by status and the points kept", async () => {
    const admin = await newUser(0, "admin");
    const item = await newItem(10, 50);
    const idle = await newItem(3, 10);
    const rs: string[] = [];
    for (let i = 0; i < 4; i++)
      rs.push(
        (
          await redeem(t.db, {
            userId: await newUser(100),
            sku: item.sku,
            requestKey: randomUUID(),
            now: NOW,
          })
        ).redemption.id,
      );
    await markIssued(t.db, { actorId: admin, redemptionId: rs[0]!, now: LATER });
    await markFailed(t.db, { actorId: admin, redemptionId: rs[1]!, reason: "partner down", now: LATER });
    const owner = (await t.db.select().from(redemptions).where(eq(redemptions.id, rs[2]!)))[0]!.userId;
    await cancelRedemption(t.db, { userId: owner, redemptionId: rs[2]!, now: LATER });
    const stats = await rewardStats(t.db);
    expect(stats.find((s) => s.sku === item.sku)).toEqual({
      itemId: item.id,
      sku: item.sku,
      nameKo: "테스트",
      nameEn: "Test",
      stock: 8,
      stockTotal: 10,
      redeemed: 4,
      pending: 1,
      issued: 1,
      failed: 1,
      cancelled: 1,
      pointsSpent: 100,
    });
    expect(stats.find((s) => s.sku === idle.sku)).toMatchObject({ redeemed: 0, pointsSpent: 0, stock: 3 });
    // The ledger agrees: two debits kept, two refunded.
    const refunds = await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.reason, "REDEMPTION_REFUND"));
    expect(refunds.filter((l) => rs.some((id) => l.refId === `refund:${id}`))).toHaveLength(2);
  });
});
