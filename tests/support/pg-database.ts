import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";

/**
 * A fresh, migrated PostgreSQL database of our own on the server at `adminUrl` (default
 * TEST_PG_URL, else the local test server). `drop()` removes only this database.
 */
export type PgDatabase = {
  name: string;
  url: string;
  open: (poolSize?: number) => DbHandle;
  drop: () => Promise<void>;
};

export const DEFAULT_PG_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export async function createPgDatabase(
  prefix = "oxu_p",
  adminUrl = DEFAULT_PG_URL,
  migrate = true,
): Promise<PgDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  if (migrate) {
    const handle = openDb({ url, poolSize: 1, timeouts: { statementMs: 0, silenceMs: 0 } });
    await migrateDb(handle);
    await handle.close();
  }
  return {
    name,
    url,
    open: (poolSize = 5) => openDb({ url, poolSize }),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function postgresReachable(url = DEFAULT_PG_URL): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}
