import type { Database, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

/** One line of the admin audit log. Pass the transaction of the change it records when there is one. */
export async function recordAudit(
  db: Database | Tx,
  entry: { actorId: string | null; action: string; target?: string; details?: Record<string, unknown>; now?: Date },
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target,
    details: entry.details ?? {},
    ...(entry.now ? { createdAt: entry.now } : {}),
  });
}
