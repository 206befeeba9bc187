import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, pointsLedger, redemptions, rewardItems } from "@/db/schema";
import type { AppError } from "@/lib/errors";
import { getBalance } from "@/lib/points";
import { cancelRedemption, markFailed, markIssued, redeem } from "@/lib/rewards";
import { useTestDb } from "./support/db";
import { fundedUser, stockedItem } from "./support/fixtures";

// On PostgreSQL these run over a pool of 20 connections: the callers really overlap and queue
// on the item's and the balance's row locks. On PGlite they interleave on one connection.
const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

const newUser = (balance = 0, role: "player" | "admin" = "player") => fundedUser(t.db, { balance, role });

const newItem = (stock: number, cost: number) => stockedItem(t.db, stock, cost);

const itemRow = async (id: string) =>
  (await t.db.select().from(rewardItems).where(eq(rewardItems.id, id)))[0]!;
const redemptionsOf = (itemId: string) =>
  t.db.select().from(redemptions).where(eq(redemptions.itemId, itemId));
const codesOf = (settled: PromiseSettledResult<unknown>[]) =>
  settled.flatMap((s) => (s.status === "rejected" ? [(s.reason as AppError).code ?? String(s.reason)] : []));

async function debitsFor(itemId: string): Promise<number> {
  const rows = await redemptionsOf(itemId);
  let total = 0;
  for (const r of rows) {
    const ledger = await t.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.refId, `redeem:${r.id}`));
    total += ledger.reduce((s, l) => s + l.amount, 0);
  }
  return total;
}

describe("redemption races", () => {
  it("200 players, stock 10: exactly 10 redeem, 190 are told it is sold out", async () => {
    const item = await newItem(10, 300);
    const players = await Promise.all(Array.from({ length: 200 }, () => newUser(1000)));
    const settled = await Promise.allSettled(
      players.map((u) => redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW })),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(10);
    expect(codesOf(settled)).toEqual(Array(190).fill("conflict:sold_out"));
    expect(await itemRow(item.id)).toMatchObject({ stock: 0, stockTotal: 10 });
    expect(await redemptionsOf(item.id)).toHaveLength(10);
    expect(await debitsFor(item.id)).toBe(-10 * 300);
    const balances = await Promise.all(players.map((u) => getBalance(t.db, u)));
    expect(balances.filter((b) => b === 700)).toHaveLength(10);
    expect(balances.filter((b) => b === 1000)).toHaveLength(190);
  });

  it("stock 50 and one player with points for exactly 10: 10 redeem, the rest are refused for points, stock 40", async () => {
    const item = await newItem(50, 100);
    const u = await newUser(1000);
    const settled = await Promise.allSettled(
      Array.from({ length: 60 }, () =>
        redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW }),
      ),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(10);
    expect(codesOf(settled)).toEqual(Array(50).fill("conflict:insufficient_points"));
    expect(await itemRow(item.id)).toMatchObject({ stock: 40, stockTotal: 50 });
    expect(await getBalance(t.db, u)).toBe(0);
    expect(await debitsFor(item.id)).toBe(-1000);
  });

  it("200 concurrent spends on one balance never take it below 0", async () => {
    const item = await newItem(300, 7);
    const u = await newUser(1000);
    const settled = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        redeem(t.db, { userId: u, sku: item.sku, requestKey: randomUUID(), now: NOW }),
      ),
    );
    const ok = Math.floor(1000 / 7);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(ok);
    expect(codesOf(settled)).toEqual(Array(200 - ok).fill("conflict:insufficient_points"));
    expect(await getBalance(t.db, u)).toBe(1000 - ok * 7);
    const ledger = await t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, u));
    expect(Math.min(...ledger.map((l) => l.balanceAfter))).toBe(1000 - ok * 7);
    expect((await itemRow(item.id)).stock).toBe(300 - ok);
  });

  it("one request key sent 20 times at once: one redemption, one debit, every caller gets it", async () => {
    const item = await newItem(5, 100);
    const u = await newUser(1000);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => redeem(t.db, { userId: u, sku: item.sku, requestKey: key, now: NOW })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.redemption.id)).size).toBe(1);
    expect(await redemptionsOf(item.id)).toHaveLength(1);
    expect(await debitsFor(item.id)).toBe(-100);
    expect(await getBalance(t.db, u)).toBe(900);
    expect((await itemRow(item.id)).stock).toBe(4);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, u))).toHaveLength(1);
  });
});

describe("fulfilment races", () => {
  it("markFailed 20 times at once: one refund, the unit released once, one notice", async () => {
    const admin = await newUser(0, "admin");
    const item = await newItem(3, 400);
    const u = await newUser(1000);
    const { redemption } = await redeem(t.db, {
      userId: u,
      sku: item.sku,
      requestKey: randomUUID(),
      now: NOW,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        markFailed(t.db, {
          actorId: admin,
          redemptionId: redemption.id,
          reason: "vendor out of stock",
          now: NOW,
        }),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    for (const r of results) expect(r.redemption.status).toBe("FAILED");
    expect(
      await t.db
        .select()
        .from(pointsLedger)
        .where(eq(pointsLedger.refId, `refund:${redemption.id}`)),
    ).toHaveLength(1);
    expect(await getBalance(t.db, u)).toBe(1000);
    expect(await itemRow(item.id)).toMatchObject({ stock: 3, stockTotal: 3 });
    expect(
      await t.db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, `redemption:${redemption.id}:FAILED`)),
    ).toHaveLength(1);
  });

  it("issue, fail and cancel racing on one redemption: exactly one wins and the state matches it", async () => {
    const admin = await newUser(0, "admin");
    const item = await newItem(2, 100);
    const u = await newUser(500);
    const { redemption } = await redeem(t.db, {
      userId: u,
      sku: item.sku,
      requestKey: randomUUID(),
      now: NOW,
    });
    const id = redemption.id;
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? markIssued(t.db, { actorId: admin, redemptionId: id, code: "CODE-1", now: NOW })
          : i % 3 === 1
            ? markFailed(t.db, { actorId: admin, redemptionId: id, reason: "partner down", now: NOW })
            : cancelRedemption(t.db, { userId: u, redemptionId: id, now: NOW }),
      ),
    );
    const changed = settled.filter((s) => s.status === "fulfilled" && s.value.changed);
    expect(changed).toHaveLength(1);
    const [final] = await t.db.select().from(redemptions).where(eq(redemptions.id, id));
    // Every loser either repeated the winner's status (no-op) or was refused.
    for (const code of codesOf(settled)) expect(code).toBe("conflict:redemption_not_pending");
    const refunded = final!.status !== "ISSUED";
    expect(await getBalance(t.db, u)).toBe(refunded ? 500 : 400);
    expect((await itemRow(item.id)).stock).toBe(refunded ? 2 : 1);
  });
});
