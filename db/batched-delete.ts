import { inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client";

export const PRUNE_BATCH_SIZE = 5_000;
export const PRUNE_MAX_BATCHES = 200;

/**
 * Delete the rows matching `where` in batches of `batchSize` keys, each its own short
 * statement (no long lock, no huge transaction). At most `maxBatches` per call: a backlog
 * larger than that is finished by the next run. Returns the number of rows deleted.
 */
export async function deleteInBatches(
  db: Database,
  table: PgTable,
  key: PgColumn,
  where: SQL | undefined,
  opts: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? PRUNE_BATCH_SIZE;
  const maxBatches = opts.maxBatches ?? PRUNE_MAX_BATCHES;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = db.select({ key }).from(table).where(where).limit(batchSize);
    const gone = await db.delete(table).where(inArray(key, batch)).returning({ key });
    total += gone.length;
    if (gone.length < batchSize) break;
  }
  return total;
}
