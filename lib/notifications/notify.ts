import "server-only";
import type { Database, Tx } from "@/db/client";
import { notifications, type Notification } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { notifySchema, type NotifyInput } from "./schemas";

export type NotifyResult = { notification: Notification | null; created: boolean };

/**
 * Queue an in-app notification for a player. Call it with the transaction that makes the
 * change it reports, so the notice exists exactly when the change does.
 *
 * `dedupeKey` (for example `redemption:{id}:FAILED`) makes "notify once" a database rule:
 * a second call with the same key writes nothing and answers `created: false`, however many
 * copies run at once. Without a key every call adds a row.
 */
export async function notify(db: Database | Tx, input: NotifyInput): Promise<NotifyResult> {
  const parsed = notifySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("unprocessable:notification", "This notification is not valid.", {
      details: { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  const n = parsed.data;
  const [row] = await db
    .insert(notifications)
    .values({
      userId: n.userId,
      kind: n.kind,
      payload: n.payload,
      dedupeKey: n.dedupeKey ?? null,
      ...(n.now ? { createdAt: n.now } : {}),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  return { notification: row ?? null, created: Boolean(row) };
}
