import type { redemptionStatus } from "@/db/schema/rewards";

// Spelled out (not read from the schema) so client code can import this file without drizzle;
// the type check below fails the build if the two ever differ.
export const REDEMPTION_STATUSES = ["PENDING", "ISSUED", "FAILED", "CANCELLED"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
type DbRedemptionStatus = (typeof redemptionStatus.enumValues)[number];
const _statusesMatch: [RedemptionStatus, DbRedemptionStatus] extends [DbRedemptionStatus, RedemptionStatus]
  ? true
  : never = true;
void _statusesMatch;

/** Fulfilment vendors an item may name. Adding a vendor means adding its id here and its adapter in vendor.ts. */
export const VENDOR_IDS = ["manual"] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export const MAX_REWARD_COST = 10_000_000;
/** Largest change of stock in one admin action. */
export const MAX_STOCK_CHANGE = 100_000;

export const REDEMPTION_PAGE_DEFAULT = 20;
export const REDEMPTION_PAGE_MAX = 100;

/** Notification kinds sent to the player, one per status a redemption can reach. */
export const REDEMPTION_NOTICE = {
  PENDING: "redemption_pending",
  ISSUED: "redemption_issued",
  FAILED: "redemption_failed",
  CANCELLED: "redemption_cancelled",
} as const satisfies Record<RedemptionStatus, string>;

/** One notice per redemption and status, however often the change is attempted. */
export const redemptionNoticeKey = (redemptionId: string, status: RedemptionStatus) =>
  `redemption:${redemptionId}:${status}`;

export const AUDIT = {
  itemCreate: "reward.create",
  itemUpdate: "reward.update",
  stockChange: "reward.stock",
  issue: "redemption.issue",
  fail: "redemption.fail",
} as const;
