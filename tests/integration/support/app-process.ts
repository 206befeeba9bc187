import type { Database, DbHandle } from "@/db/client";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Route handlers called in-process by a test use the test's own database: the app's one
 * process-wide handle (db/index.ts) is pointed at it. Returns the undo.
 */
export function serveAppFrom(test: { db: Database; driver: DbHandle["driver"] }): () => void {
  const opened = processSingleton("database", () => ({ handle: undefined as Promise<DbHandle> | undefined }));
  opened.handle = Promise.resolve({ db: test.db, driver: test.driver, close: async () => {} });
  return () => {
    opened.handle = undefined;
  };
}

/** Puts `value` in the process singleton `key` before the app first creates it (a price provider). */
export function provideProcessValue(key: string, value: unknown): () => void {
  const store = globalThis as unknown as Record<symbol, unknown>;
  const slot = Symbol.for(`ox-universe:${key}`);
  const had = slot in store;
  const before = store[slot];
  store[slot] = value;
  return () => {
    if (had) store[slot] = before;
    else delete store[slot];
  };
}
