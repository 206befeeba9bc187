import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { migrateDb, openDb, type Database, type DbHandle } from "./client";
import { seedIfEmpty } from "./seed-data";

export type { Database, Tx } from "./client";
export { rowsOf } from "./client";

const g = globalThis as unknown as { __oxDb?: Promise<DbHandle> };

/**
 * The process's database, opened once (cached on globalThis so dev reloads and every
 * route bundle share it). On the embedded default this process owns the PGlite folder,
 * so it also migrates and seeds it; against PostgreSQL, `npm run db:migrate` migrates.
 */
export function getDbHandle(): Promise<DbHandle> {
  g.__oxDb ??= (async () => {
    const e = env();
    const handle = openDb({ url: e.DATABASE_URL, pgliteDir: e.DATABASE_URL ? undefined : e.PGLITE_DIR });
    if (handle.driver === "pglite") {
      await migrateDb(handle);
      await seedIfEmpty(handle.db, new Date());
      log.info({ dir: e.PGLITE_DIR }, "embedded database ready");
    }
    return handle;
  })().catch((err) => {
    g.__oxDb = undefined;
    throw err;
  });
  return g.__oxDb;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}
