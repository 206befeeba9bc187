import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { rewardItems, type RewardItem } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { PG, pgConstraint, pgErrorCode } from "@/db/errors";
import { AUDIT } from "./constants";
import { lockActingAdmin } from "@/lib/auth/acting-admin";
import { parseOrThrow } from "@/lib/validation";
import {
  addStockSchema,
  createItemSchema,
  SKU_PATTERN,
  updateItemSchema,
  type AddStockInput,
  type CreateItemInput,
  type UpdateItemInput,
} from "./schemas";

/** Items for the shop, cheapest first. Players see active items only; admins may ask for all. */
export async function listCatalog(
  db: Database | Tx,
  opts: { includeInactive?: boolean } = {},
): Promise<RewardItem[]> {
  return db
    .select()
    .from(rewardItems)
    .where(opts.includeInactive ? undefined : eq(rewardItems.active, true))
    .orderBy(asc(rewardItems.cost), asc(rewardItems.sku));
}

export async function getItemBySku(db: Database | Tx, sku: string): Promise<RewardItem | null> {
  const wanted = sku.trim().toUpperCase();
  if (!SKU_PATTERN.test(wanted)) return null;
  const [row] = await db.select().from(rewardItems).where(eq(rewardItems.sku, wanted)).limit(1);
  return row ?? null;
}

/** What a player (and the public JSON API) may see of an item: no vendor, no sales totals. */
export type PublicRewardItem = Pick<
  RewardItem,
  "sku" | "nameKo" | "nameEn" | "descriptionKo" | "descriptionEn" | "imageUrl" | "cost" | "stock" | "active"
> & { soldOut: boolean };

export function toPublicItem(item: RewardItem): PublicRewardItem {
  const { sku, nameKo, nameEn, descriptionKo, descriptionEn, imageUrl, cost, stock, active } = item;
  return {
    sku,
    nameKo,
    nameEn,
    descriptionKo,
    descriptionEn,
    imageUrl,
    cost,
    stock,
    active,
    soldOut: stock <= 0,
  };
}

type Admin = { actorId: string; now: Date };

export async function createItem(db: Database, input: Admin & CreateItemInput): Promise<RewardItem> {
  const { actorId, now, ...form } = input;
  const item = parseOrThrow(createItemSchema, form, {
    code: "unprocessable:reward_invalid",
    message: "Check the reward.",
  });
  try {
    return await db.transaction(async (tx) => {
      await lockActingAdmin(tx, actorId);
      const [created] = await tx
        .insert(rewardItems)
        .values({ ...item, stockTotal: item.stock, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: rewardItems.sku })
        .returning();
      if (!created) throw skuTaken();
      await recordAudit(tx, {
        actorId,
        action: AUDIT.itemCreate,
        target: `reward:${created.sku}`,
        details: { ...item },
        now: now,
      });
      return created;
    });
  } catch (err) {
    // A concurrent create of the same SKU that committed first.
    if (pgErrorCode(err) === PG.uniqueViolation && pgConstraint(err) === "reward_items_sku_uq")
      throw skuTaken(err);
    throw err;
  }
}

/**
 * Edit an item's details. A new cost applies to redemptions made from now on; existing
 * redemptions keep (and refund) the cost they copied.
 */
export async function updateItem(db: Database, input: Admin & UpdateItemInput): Promise<RewardItem> {
  const { actorId, now, ...form } = input;
  const { sku, ...changes } = parseOrThrow(updateItemSchema, form, {
    code: "unprocessable:reward_invalid",
    message: "Check the reward.",
  });
  return db.transaction(async (tx) => {
    await lockActingAdmin(tx, actorId);
    const [before] = await tx.select().from(rewardItems).where(eq(rewardItems.sku, sku)).for("update");
    if (!before) throw rewardNotFound();
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([k, v]) => v !== undefined && before[k as keyof RewardItem] !== v),
    ) as Partial<RewardItem>;
    if (Object.keys(changed).length === 0) return before;
    const [after] = await tx
      .update(rewardItems)
      .set({ ...changed, updatedAt: now })
      .where(eq(rewardItems.id, before.id))
      .returning();
    const from = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof RewardItem]]));
    await recordAudit(tx, {
      actorId,
      action: AUDIT.itemUpdate,
      target: `reward:${sku}`,
      details: { from, to: changed },
      now: now,
    });
    return after!;
  });
}

/**
 * Put units on sale (positive) or take unsold units off sale (negative). Stock and
 * stockTotal move together, so I5 (stockTotal = stock + live redemptions) is kept; taking
 * off more than is unsold is refused, not clamped, so the admin's number means what it says.
 */
export async function addStock(db: Database, input: Admin & AddStockInput): Promise<RewardItem> {
  const { actorId, now, ...form } = input;
  const { sku, quantity } = parseOrThrow(addStockSchema, form, {
    code: "unprocessable:stock_invalid",
    message: "Check the quantity.",
  });
  try {
    return await db.transaction(async (tx) => {
      await lockActingAdmin(tx, actorId);
      const [moved] = await tx
        .update(rewardItems)
        .set({
          stock: sql`${rewardItems.stock} + ${quantity}`,
          stockTotal: sql`${rewardItems.stockTotal} + ${quantity}`,
          updatedAt: now,
        })
        .where(and(eq(rewardItems.sku, sku), sql`${rewardItems.stock} + ${quantity} >= 0`))
        .returning();
      if (!moved) {
        const [item] = await tx
          .select({ stock: rewardItems.stock })
          .from(rewardItems)
          .where(eq(rewardItems.sku, sku))
          .limit(1);
        if (!item) throw rewardNotFound();
        throw new AppError(
          "conflict:stock_too_low",
          `Only ${item.stock} unsold units can be taken off sale.`,
          {
            details: { stock: item.stock },
            fieldErrors: { quantity: [`At most ${item.stock} units can be removed`] },
          },
        );
      }
      await recordAudit(tx, {
        actorId,
        action: AUDIT.stockChange,
        target: `reward:${sku}`,
        details: { quantity, stock: moved.stock, stockTotal: moved.stockTotal },
        now: now,
      });
      return moved;
    });
  } catch (err) {
    if (pgErrorCode(err) === PG.numericOutOfRange)
      throw new AppError("conflict:stock_limit", "This is more stock than an item can hold.", { cause: err });
    throw err;
  }
}

export function rewardNotFound(): AppError {
  return new AppError("not_found:reward", "This reward does not exist.");
}

function skuTaken(cause?: unknown): AppError {
  return new AppError("conflict:sku_taken", "Another reward already uses this SKU.", {
    fieldErrors: { sku: ["Another reward already uses this SKU"] },
    cause,
  });
}
