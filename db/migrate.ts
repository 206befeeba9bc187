import { migrateDb } from "./client";
import { openCommandDb } from "./command";

/** `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded folder). */
async function main() {
  // A migration may rewrite a large table: no statement or silence limit here.
  const handle = openCommandDb({ statementMs: 0, silenceMs: 0 });
  await migrateDb(handle);
  await handle.close();
  console.log(`migrated (${handle.driver})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
