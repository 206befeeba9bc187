import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { guardedSockets, type SocketTls } from "./guarded-socket";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type: PGlite and postgres.js expose the same query builder. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DbHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
};

/**
 * How long PostgreSQL may take before we give up (milliseconds; 0 turns one off):
 * `connectMs` to connect and authenticate; `statementMs` for one statement (enforced by the
 * server, answered as SQLSTATE 57014); `idleInTransactionMs` for a transaction left idle
 * (the server ends the session); `silenceMs` for a connection on which the server sends
 * nothing while we wait (a stalled link or server, which no server-side timeout can catch;
 * db/guarded-socket.ts). Keep `silenceMs` above `statementMs`. `idleMs` ends a pooled
 * connection nobody has used that long (a reconnect after a quiet spell rather than a socket
 * a balancer or NAT may have dropped without a word).
 */
export type DbTimeouts = {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
  silenceMs: number;
  idleMs: number;
};

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = {
  connectMs: 3_000,
  statementMs: 5_000,
  idleInTransactionMs: 10_000,
  silenceMs: 7_000,
  idleMs: 60_000,
};

export type DbConfig = {
  url?: string;
  pgliteDir?: string;
  pgliteInstance?: PGlite;
  poolSize?: number;
  timeouts?: Partial<DbTimeouts>;
  /**
   * Called with every statement sent to PostgreSQL (postgres.js's `debug` hook): the round-trip
   * count test and the benchmark's capture of the SQL a request issues. Not for PGlite.
   */
  onStatement?: StatementHook;
};

export type StatementHook = (statement: { query: string; params: unknown[]; types: number[] }) => void;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Open a connection (no migration). `url` → PostgreSQL; otherwise PGlite (a folder, or memory). */
export function openDb(config: DbConfig): DbHandle {
  if (config.url) {
    const t = { ...DEFAULT_DB_TIMEOUTS, ...config.timeouts };
    // The connection's TLS (sslmode, sslnegotiation, PGSSL…) as postgres.js reads it; the guarded
    // socket sets it up, so that it sees the protocol in plain text (db/guarded-socket.ts).
    const { ssl, sslnegotiation } = postgres(config.url, { max: 1 }).options as unknown as {
      ssl: SocketTls["ssl"];
      sslnegotiation: string | null;
    };
    const client = postgres(config.url, {
      max: config.poolSize ?? 10,
      onnotice: () => {},
      ...(t.connectMs > 0 ? { connect_timeout: t.connectMs / 1000 } : {}),
      ...(t.idleMs > 0 ? { idle_timeout: t.idleMs / 1000 } : {}),
      // Startup parameters: the server enforces these on every session.
      connection: {
        statement_timeout: t.statementMs,
        idle_in_transaction_session_timeout: t.idleInTransactionMs,
      },
      // postgres.js supports a socket factory but does not declare it in its types.
      ...({
        socket: guardedSockets(t.silenceMs, { ssl, negotiation: sslnegotiation, timeoutMs: t.connectMs }),
      } as object),
      ssl: false,
      // Reconnect promptly: the default backoff grows to 20 s, which a waiting request would sit out.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
      // Numeric values stay strings (exact); bigint counts come back as numbers.
      types: { bigint: postgres.BigInt },
      ...(config.onStatement ? { debug: statementDebug(config.onStatement) } : {}),
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  let release = () => {};
  let pg = config.pgliteInstance;
  if (!pg) {
    if (config.pgliteDir) {
      fs.mkdirSync(config.pgliteDir, { recursive: true });
      release = acquireFolderLock(config.pgliteDir);
    }
    pg = new PGlite(config.pgliteDir);
  }
  const instance = pg;
  const db = drizzlePglite(instance, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await instance.close();
      release();
    },
  };
}

function statementDebug(hook: StatementHook) {
  return (_connection: number, query: string, params: unknown[], types: number[]) =>
    hook({ query, params, types });
}

/** Apply the committed migrations (the same files on both drivers). */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // The migrator's own bookkeeping is the same on both drivers.
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/**
 * PGlite has no cross-process lock and two processes on one folder silently lose writes,
 * so the first process to open a folder owns it until it exits.
 */
function acquireFolderLock(dir: string): () => void {
  const lockPath = path.join(dir, "..", `${path.basename(dir)}.owner.pid`);
  try {
    const holder = Number(fs.readFileSync(lockPath, "utf8"));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database at ${dir} is already open in process ${holder}. PGlite allows one process per folder: ` +
          `stop that process, or point DATABASE_URL at a PostgreSQL server.`,
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.writeFileSync(lockPath, String(process.pid));
  const release = () => {
    try {
      if (Number(fs.readFileSync(lockPath, "utf8")) === process.pid) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Raw `db.execute()` results differ by driver (PGlite: `{ rows }`, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
