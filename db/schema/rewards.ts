import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedText, tstz, uuidPk, timestamps } from "./columns";
import { userRef } from "./users";

export const redemptionStatus = pgEnum("redemption_status", ["PENDING", "ISSUED", "FAILED", "CANCELLED"]);

export const rewardItems = pgTable(
  "reward_items",
  {
    id: uuidPk(),
    sku: text().notNull().unique("reward_items_sku_uq"),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    descriptionKo: text().notNull().default(""),
    descriptionEn: text().notNull().default(""),
    imageUrl: text(),
    cost: integer().notNull(),
    stock: integer().notNull(),
    // Units ever put on sale: stockTotal = stock + live (PENDING or ISSUED) redemptions.
    stockTotal: integer().notNull(),
    active: boolean().notNull().default(true),
    vendor: text().notNull().default("manual"),
    ...timestamps(),
  },
  (t) => [
    check("reward_items_cost_positive", sql`${t.cost} > 0`),
    check("reward_items_stock_nonnegative", sql`${t.stock} >= 0`),
    check("reward_items_stock_within_total", sql`${t.stock} <= ${t.stockTotal}`),
    check("reward_items_sku_format", sql`${t.sku} ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'`),
  ],
);

export const redemptions = pgTable(
  "redemptions",
  {
    id: uuidPk(),
    userId: userRef("restrict"),
    itemId: uuid()
      .notNull()
      .references(() => rewardItems.id, { onDelete: "restrict" }),
    cost: integer().notNull(),
    status: redemptionStatus().notNull().default("PENDING"),
    requestKey: text().notNull(),
    /** The issued code (a gift card is money): encrypted at rest (lib/crypto/fields.ts). */
    code: encryptedText(),
    note: text(),
    failureReason: text(),
    handledBy: uuid(),
    ...timestamps(),
    issuedAt: tstz(),
    closedAt: tstz(),
  },
  (t) => [
    uniqueIndex("redemptions_user_request_uq").on(t.userId, t.requestKey),
    index("redemptions_user_idx").on(t.userId, t.createdAt),
    index("redemptions_status_idx").on(t.status, t.createdAt),
    check("redemptions_cost_positive", sql`${t.cost} > 0`),
  ],
);

export type RewardItem = typeof rewardItems.$inferSelect;
export type NewRewardItem = typeof rewardItems.$inferInsert;
export type Redemption = typeof redemptions.$inferSelect;
export type NewRedemption = typeof redemptions.$inferInsert;
