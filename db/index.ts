import fs from "node:fs";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/process-singleton";
import { rotateEncryptedFields } from "@/lib/crypto/rotate";
import { migrateDb, openDb, type Database, type DbHandle, type StatementHook } from "./client";
import { seedIfEmpty } from "./seed-data";

export type { Database } from "./client";

const opened = processSingleton("database", () => ({ handle: undefined as Promise<DbHandle> | undefined }));

/**
 * The process's database, opened once (a process singleton, so dev reloads and every
 * route bundle share it). On the embedded default this process owns the PGlite folder,
 * so it also migrates and seeds it; against PostgreSQL, `npm run db:migrate` migrates.
 */
export function getDbHandle(): Promise<DbHandle> {
  opened.handle ??= (async () => {
    const e = env();
    const handle = openDb({
      url: e.DATABASE_URL,
      pgliteDir: e.DATABASE_URL ? undefined : e.PGLITE_DIR,
      timeouts: {
        connectMs: e.DB_CONNECT_TIMEOUT_MS,
        statementMs: e.DB_STATEMENT_TIMEOUT_MS,
        idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        silenceMs: e.DB_SILENCE_TIMEOUT_MS,
      },
      poolSize: e.DB_POOL_SIZE,
      onStatement: e.DB_STATEMENT_LOG ? appendStatementsTo(e.DB_STATEMENT_LOG) : undefined,
    });
    if (handle.driver === "pglite") {
      await migrateDb(handle);
      // Values written before encryption at rest (an older embedded database), encrypted now.
      await rotateEncryptedFields(handle.db);
      await seedIfEmpty(handle.db, appClock.now());
      log.info({ dir: e.PGLITE_DIR }, "embedded database ready");
    }
    return handle;
  })().catch((err) => {
    opened.handle = undefined;
    throw err;
  });
  return opened.handle;
}

/** Test-only (DB_STATEMENT_LOG, refused in production): every statement as one JSON line. */
function appendStatementsTo(file: string): StatementHook {
  return (s) =>
    fs.appendFileSync(file, `${JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? String(v) : v))}\n`);
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}
