import { env } from "@/lib/env";
import { migrateDb, openDb } from "./client";

/** `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded folder). */
async function main() {
  const e = env();
  const handle = openDb({
    url: e.DATABASE_URL,
    pgliteDir: e.DATABASE_URL ? undefined : e.PGLITE_DIR,
    poolSize: 1,
    // A migration may rewrite a large table: no statement or silence limit here.
    timeouts: { statementMs: 0, silenceMs: 0 },
  });
  await migrateDb(handle);
  await handle.close();
  console.log(`migrated (${handle.driver})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
