import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstzNow } from "./columns";
import { LEDGER_REASONS } from "../../lib/points/constants";
import { userRef } from "./users";

/** The reasons are listed once, in lib/points/constants.ts (client code reads them without drizzle). */
export const ledgerReason = pgEnum("ledger_reason", LEDGER_REASONS);

/** The running balance, kept in the same transaction as each ledger row. */
export const pointsBalances = pgTable(
  "points_balances",
  {
    userId: userRef("restrict", { primaryKey: true }),
    balance: integer().notNull().default(0),
    updatedAt: tstzNow(),
  },
  (t) => [check("points_balances_nonnegative", sql`${t.balance} >= 0`)],
);

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. `refId` is the
 * idempotency key (`signup:{user}`, `settle:{prediction}`, `redeem:{id}`, `refund:{id}`, `adjust:{id}`).
 */
export const pointsLedger = pgTable(
  "points_ledger",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    refId: text().notNull().unique("points_ledger_ref_uq"),
    userId: userRef("restrict"),
    amount: integer().notNull(),
    reason: ledgerReason().notNull(),
    balanceAfter: integer().notNull(),
    memo: text(),
    actorId: uuid(),
    createdAt: tstzNow(),
  },
  (t) => [
    index("points_ledger_user_idx").on(t.userId, t.id),
    // The admin dashboard's points per day (lib/admin/metrics.ts) reads a time range.
    index("points_ledger_created_idx").on(t.createdAt),
    check("points_ledger_amount_nonzero", sql`${t.amount} <> 0`),
    check("points_ledger_balance_nonnegative", sql`${t.balanceAfter} >= 0`),
  ],
);

export type PointsBalance = typeof pointsBalances.$inferSelect;
export type LedgerEntry = typeof pointsLedger.$inferSelect;
export type NewLedgerEntry = typeof pointsLedger.$inferInsert;
