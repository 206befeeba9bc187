import { env } from "@/lib/env";
import { openDb, type DbConfig, type DbHandle } from "./client";

/**
 * The configured database (DATABASE_URL, else the embedded folder) on one connection, for a
 * one-off command (`db:migrate`, `db:seed`, `data:rotate-keys`); `timeouts` override the defaults.
 */
export function openCommandDb(timeouts?: DbConfig["timeouts"]): DbHandle {
  const e = env();
  return openDb({
    url: e.DATABASE_URL,
    pgliteDir: e.DATABASE_URL ? undefined : e.PGLITE_DIR,
    poolSize: 1,
    ...(timeouts ? { timeouts } : {}),
  });
}
