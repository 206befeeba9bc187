import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { migrateDb, openDb, type Database, type DbHandle } from "@/db/client";
import { runIntegrityChecks } from "@/lib/integrity/checks";

export type TestDb = { db: Database; driver: DbHandle["driver"]; url?: string; close: () => Promise<void> };

/** A fresh, migrated database for one test file: in-memory PGlite, or a copy of the PostgreSQL template. */
export async function createTestDb(): Promise<TestDb> {
  if (inject("testDb") === "postgres") {
    const adminUrl = inject("pgAdminUrl");
    const template = new URL(inject("pgTemplateUrl")).pathname.slice(1);
    const name = `oxu_t_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    // A throwaway database: commits need not wait for the disk (visibility, locks and isolation
    // are unchanged; only a crash of PostgreSQL could lose the last commits).
    await admin.unsafe(`alter database ${name} set synchronous_commit = off`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = openDb({ url: url.toString(), poolSize: 20 });
    return {
      db: handle.db,
      driver: handle.driver,
      url: url.toString(),
      close: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  // A copy of the migrated database the global set-up keeps (tests/integration/global-setup.ts).
  const snapshot = inject("pgliteSnapshot");
  const handle = snapshot
    ? openDb({ pgliteInstance: new PGlite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) }) })
    : openDb({});
  if (!snapshot) await migrateDb(handle);
  return { db: handle.db, driver: handle.driver, close: handle.close };
}

/**
 * The usual set-up: one database per file, closed at the end, and the TESTPLAN invariants
 * asserted after every test.
 */
export function useTestDb(): {
  readonly db: Database;
  readonly driver: DbHandle["driver"];
  readonly url?: string;
} {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    if (t) expect(await runIntegrityChecks(t.db)).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });
  const current = () => {
    if (!t) throw new Error("the test database is opened in beforeAll");
    return t;
  };
  return {
    get db() {
      return current().db;
    },
    get driver() {
      return current().driver;
    },
    get url() {
      return current().url;
    },
  };
}
