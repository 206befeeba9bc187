"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/action";
import { addStock, createItem, markFailed, markIssued, updateItem } from "@/lib/rewards";
import {
  addStockSchema,
  createItemSchema,
  markFailedSchema,
  markIssuedSchema,
  updateItemSchema,
} from "@/lib/rewards/schemas";

/**
 * Admin reward operations. Each re-checks the admin role (the wrapper, and the domain again
 * inside its transaction) and is written to the audit log by the domain.
 */
const changed = () => {
  revalidatePath("/admin/rewards");
  revalidatePath("/rewards");
};

export const createItemAction = adminAction(createItemSchema, async (input, { db, now, user }) => {
  const item = await createItem(db, { actorId: user.id, now, ...input });
  changed();
  return { sku: item.sku };
});

export const updateItemAction = adminAction(updateItemSchema, async (input, { db, now, user }) => {
  const item = await updateItem(db, { actorId: user.id, now, ...input });
  changed();
  return { sku: item.sku, cost: item.cost, active: item.active };
});

export const addStockAction = adminAction(addStockSchema, async (input, { db, now, user }) => {
  const item = await addStock(db, { actorId: user.id, now, ...input });
  changed();
  return { sku: item.sku, stock: item.stock, stockTotal: item.stockTotal };
});

export const markIssuedAction = adminAction(markIssuedSchema, async (input, { db, now, user }) => {
  const r = await markIssued(db, { actorId: user.id, now, ...input });
  changed();
  return { changed: r.changed, status: r.redemption.status };
});

export const markFailedAction = adminAction(markFailedSchema, async (input, { db, now, user }) => {
  const r = await markFailed(db, { actorId: user.id, now, ...input });
  changed();
  return { changed: r.changed, status: r.redemption.status, refunded: r.redemption.cost };
});
