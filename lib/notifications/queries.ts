import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { notifications, type Notification } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import {
  markReadSchema,
  NOTIFICATION_PAGE_DEFAULT,
  NOTIFICATION_PAGE_MAX,
  type MarkReadInput,
} from "./schemas";

export type NotificationPage = { items: Notification[]; nextCursor: string | null };

/**
 * The player's notifications, newest first. `cursor` is the id of the last item of the
 * previous page; the page continues strictly after that row's (createdAt, id), compared in
 * the database so timestamps keep their full precision.
 */
export async function listNotifications(
  db: Database | Tx,
  input: { userId: string; cursor?: string | null; limit?: number; unreadOnly?: boolean },
): Promise<NotificationPage> {
  const limit = Math.min(
    Math.max(Math.trunc(input.limit ?? NOTIFICATION_PAGE_DEFAULT), 1),
    NOTIFICATION_PAGE_MAX,
  );
  if (input.cursor && !isUuid(input.cursor))
    throw new AppError("unprocessable:cursor", "This page link is not valid.");
  const after = input.cursor
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from notifications n where n.id = ${input.cursor} and n.user_id = ${input.userId})`
    : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, input.userId),
        input.unreadOnly ? isNull(notifications.readAt) : undefined,
        after,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function countUnread(db: Database | Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Mark the player's own notifications read: the given ids, or all of them. Ids of other
 * players' notifications are ignored rather than reported, so the answer reveals nothing
 * about them. Returns how many changed (already-read ones keep their first read time).
 */
export async function markRead(
  db: Database | Tx,
  input: { userId: string; now: Date } & MarkReadInput,
): Promise<number> {
  const { userId, now, ...which } = input;
  const parsed = markReadSchema.safeParse(which);
  if (!parsed.success) throw new AppError("unprocessable:mark_read", "Choose notifications to mark as read.");
  const only = "ids" in parsed.data ? inArray(notifications.id, parsed.data.ids) : undefined;
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), only))
    .returning({ id: notifications.id });
  return rows.length;
}
