import { lt } from "drizzle-orm";
import { getDb } from "@/db";
import { deleteInBatches } from "@/db/batched-delete";
import type { Database } from "@/db/client";
import { errorLog } from "@/db/schema";
import { log } from "@/lib/log";

/** Keep an error for the admin error view. Never throws: logging must not break a request. */
export async function recordError(
  entry: { kind: string; message: string; context?: Record<string, unknown>; userId?: string },
  db?: Database,
): Promise<void> {
  try {
    const target = db ?? (await getDb());
    await target.insert(errorLog).values({
      kind: entry.kind.slice(0, 200),
      message: entry.message.slice(0, 2000),
      context: entry.context ?? {},
      userId: entry.userId,
    });
  } catch (e) {
    log.error({ err: e }, "could not record error");
  }
}

/** Retention: errors that occurred before `before`. */
export async function pruneErrorLog(db: Database, before: Date): Promise<number> {
  return deleteInBatches(db, errorLog, errorLog.id, lt(errorLog.occurredAt, before));
}
