import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eodPrices, rewardItems, tradingSessions, users } from "@/db/schema";
import { postEntry } from "@/lib/points";
import { upsertUniverse } from "@/lib/universe";

/**
 * A user row (a player unless `role` says admin), credited `balance` signup points through the
 * ledger when given and non-zero; nickname `prefix` + 8 characters of its id. Returns the id.
 */
export async function fundedUser(
  db: Database,
  opts: { balance?: number; role?: "player" | "admin"; prefix?: string; now?: Date } = {},
): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ id, nickname: `${opts.prefix ?? "p"}${id.slice(0, 8)}`, role: opts.role });
  if (opts.balance)
    await postEntry(db, {
      userId: id,
      amount: opts.balance,
      reason: "SIGNUP_BONUS",
      refId: `signup:${id}`,
      now: opts.now,
    });
  return id;
}

/** A reward item ("테스트"/"Test") under a fresh SKU with `stock` units on sale at `cost` (inactive when `active` is false). */
export async function stockedItem(db: Database, stock: number, cost: number, active = true) {
  const sku = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
  const [item] = await db
    .insert(rewardItems)
    .values({ sku, nameKo: "테스트", nameEn: "Test", cost, stock, stockTotal: stock, active })
    .returning();
  return item!;
}

/** Waits (up to 5 s) until `n` transactions of this database wait for a lock (PostgreSQL only). */
export async function waitForLockWaiters(db: Database, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(sql`pg_stat_activity`)
      .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
    if ((row?.n ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("no transaction was waiting for a lock");
}

/**
 * A closed trading day of two symbols, UPW and DNW (a session opened and closed, calls still
 * pending); with `closes`, their official closes too: UPW 101 and DNW 99 against snapshots of 100.
 */
export async function closedTwoSymbolDay(db: Database, day: string, opts: { closes?: boolean } = {}) {
  await upsertUniverse(db, { tradingDay: day, symbols: ["UPW", "DNW"] });
  await db.insert(tradingSessions).values({
    tradingDay: day,
    phase: "CLOSED",
    opensAt: new Date(`${day}T21:00:00Z`),
    closesAt: new Date(`${day}T14:59:00Z`),
  });
  if (opts.closes)
    await db.insert(eodPrices).values([
      { tradingDay: day, symbol: "UPW", close: "101", source: "simulated" },
      { tradingDay: day, symbol: "DNW", close: "99", source: "simulated" },
    ]);
}
