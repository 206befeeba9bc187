import "server-only";
/** The one writer of `push_subscriptions` (docs/architecture.md). */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isAllowedPushEndpoint } from "./endpoints";

/** What `PushSubscription.toJSON()` gives in the browser (expirationTime may be null or absent). */
export const pushSubscriptionSchema = z
  .object({
    endpoint: z.string().min(10).max(1000),
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, "a P-256 public key, base64url"),
        auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/, "a 16-byte secret, base64url"),
      })
      .strict(),
  })
  .strict();
export type PushSubscriptionInput = z.output<typeof pushSubscriptionSchema>;

export function pushConfigured(): boolean {
  const e = env();
  return Boolean(e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY);
}

/** Save this browser's subscription for the player (an endpoint moves to whoever subscribed last). */
export async function savePushSubscription(
  db: Database,
  input: { userId: string; subscription: PushSubscriptionInput; now: Date },
): Promise<void> {
  if (!pushConfigured())
    throw new AppError("unavailable:push", "Notifications are not set up on this server.");
  const { endpoint, keys } = input.subscription;
  if (!isAllowedPushEndpoint(endpoint, env().PUSH_TEST_ENDPOINT_ORIGIN))
    throw new AppError(
      "unprocessable:push_endpoint",
      "This browser's push service is not one we can deliver to.",
    );
  const values = {
    userId: input.userId,
    endpoint,
    p256dh: keys.p256dh,
    auth: keys.auth,
    createdAt: input.now,
  };
  await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values });
}

export async function removePushSubscription(
  db: Database,
  input: { userId: string; endpoint?: string },
): Promise<{ removed: number }> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(
      input.endpoint
        ? and(eq(pushSubscriptions.userId, input.userId), eq(pushSubscriptions.endpoint, input.endpoint))
        : eq(pushSubscriptions.userId, input.userId),
    )
    .returning({ id: pushSubscriptions.id });
  return { removed: rows.length };
}

/** Subscriptions the push service said are gone (404/410). */
export async function dropPushSubscriptions(db: Database, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, ids));
}

export async function markPushSent(db: Database, ids: string[], now: Date): Promise<void> {
  if (ids.length)
    await db.update(pushSubscriptions).set({ lastSentAt: now }).where(inArray(pushSubscriptions.id, ids));
}

export async function subscriptionsOf(db: Database, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
}

/** Every subscription of the player is dropped (account deletion): nothing is pushed to them again. */
export async function dropAllPushSubscriptionsOf(tx: Database | Tx, userId: string): Promise<number> {
  const rows = await tx
    .delete(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .returning({ id: pushSubscriptions.id });
  return rows.length;
}
