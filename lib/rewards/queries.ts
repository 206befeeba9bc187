import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { redemptions, rewardItems, users, type Redemption } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { REDEMPTION_PAGE_DEFAULT, REDEMPTION_PAGE_MAX, type RedemptionStatus } from "./constants";
import { isUuid } from "@/lib/validation";

export type RedemptionItemSummary = { sku: string; nameKo: string; nameEn: string; imageUrl: string | null };

/** One row of the player's history. `refunded`: the cost came back (FAILED or CANCELLED). */
export type PlayerRedemption = Pick<
  Redemption,
  "id" | "status" | "cost" | "code" | "note" | "failureReason" | "createdAt" | "issuedAt" | "closedAt"
> & { item: RedemptionItemSummary; refunded: boolean };

export type AdminRedemption = Redemption & { item: RedemptionItemSummary; nickname: string };

export type Page<T> = { items: T[]; nextCursor: string | null };

const itemSummary = {
  sku: rewardItems.sku,
  nameKo: rewardItems.nameKo,
  nameEn: rewardItems.nameEn,
  imageUrl: rewardItems.imageUrl,
};

/** The player's redemptions, newest first. `cursor`: the id of the last row of the previous page. */
export async function listRedemptionsForUser(
  db: Database | Tx,
  input: { userId: string; cursor?: string | null; limit?: number },
): Promise<Page<PlayerRedemption>> {
  const limit = pageSize(input.limit);
  const rows = await db
    .select({
      id: redemptions.id,
      status: redemptions.status,
      cost: redemptions.cost,
      code: redemptions.code,
      note: redemptions.note,
      failureReason: redemptions.failureReason,
      createdAt: redemptions.createdAt,
      issuedAt: redemptions.issuedAt,
      closedAt: redemptions.closedAt,
      item: itemSummary,
    })
    .from(redemptions)
    .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
    .where(and(eq(redemptions.userId, input.userId), after(input.cursor, "desc", input.userId)))
    .orderBy(desc(redemptions.createdAt), desc(redemptions.id))
    .limit(limit + 1);
  const items = rows
    .slice(0, limit)
    .map((r) => ({ ...r, refunded: r.status === "FAILED" || r.status === "CANCELLED" }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** The admin queue: all players, optionally one status; `oldest` first suits working through PENDING. */
export async function listRedemptionsForAdmin(
  db: Database | Tx,
  input: { status?: RedemptionStatus; cursor?: string | null; limit?: number; order?: "newest" | "oldest" },
): Promise<Page<AdminRedemption>> {
  const limit = pageSize(input.limit);
  const dir = input.order === "oldest" ? "asc" : "desc";
  const by = dir === "asc" ? asc : desc;
  const rows = await db
    .select({ redemption: redemptions, item: itemSummary, nickname: users.nickname })
    .from(redemptions)
    .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
    .innerJoin(users, eq(users.id, redemptions.userId))
    .where(and(input.status ? eq(redemptions.status, input.status) : undefined, after(input.cursor, dir)))
    .orderBy(by(redemptions.createdAt), by(redemptions.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...r.redemption, item: r.item, nickname: r.nickname }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export type RewardStatsRow = {
  itemId: string;
  sku: string;
  nameKo: string;
  nameEn: string;
  stock: number;
  stockTotal: number;
  /** Every redemption ever made, whatever became of it. */
  redeemed: number;
  pending: number;
  issued: number;
  failed: number;
  cancelled: number;
  /** Points kept for live (PENDING or ISSUED) redemptions: refunded ones are not counted. */
  pointsSpent: number;
};

/** Per item, including items never redeemed. */
export async function rewardStats(db: Database | Tx): Promise<RewardStatsRow[]> {
  const n = (status: RedemptionStatus) =>
    sql<number>`count(${redemptions.id}) filter (where ${redemptions.status} = ${status})`.mapWith(Number);
  return db
    .select({
      itemId: rewardItems.id,
      sku: rewardItems.sku,
      nameKo: rewardItems.nameKo,
      nameEn: rewardItems.nameEn,
      stock: rewardItems.stock,
      stockTotal: rewardItems.stockTotal,
      redeemed: sql<number>`count(${redemptions.id})`.mapWith(Number),
      pending: n("PENDING"),
      issued: n("ISSUED"),
      failed: n("FAILED"),
      cancelled: n("CANCELLED"),
      pointsSpent:
        sql<number>`coalesce(sum(${redemptions.cost}) filter (where ${redemptions.status} in ('PENDING', 'ISSUED')), 0)`.mapWith(
          Number,
        ),
    })
    .from(rewardItems)
    .leftJoin(redemptions, eq(redemptions.itemId, rewardItems.id))
    .groupBy(rewardItems.id)
    .orderBy(asc(rewardItems.sku));
}

function pageSize(limit?: number): number {
  return Math.min(Math.max(Math.trunc(limit ?? REDEMPTION_PAGE_DEFAULT), 1), REDEMPTION_PAGE_MAX);
}

/**
 * Keyset condition "after the cursor row" on (createdAt, id), compared in the database so
 * timestamps keep their microseconds. A cursor from another player's list matches nothing.
 */
function after(cursor: string | null | undefined, dir: "asc" | "desc", userId?: string): SQL | undefined {
  if (!cursor) return undefined;
  if (!isUuid(cursor)) throw new AppError("unprocessable:cursor", "This page link is not valid.");
  const ref = sql`(select r.created_at, r.id from redemptions r where r.id = ${cursor}${userId ? sql` and r.user_id = ${userId}` : sql``})`;
  const key = sql`(${redemptions.createdAt}, ${redemptions.id})`;
  return dir === "desc" ? sql`${key} < ${ref}` : sql`${key} > ${ref}`;
}
