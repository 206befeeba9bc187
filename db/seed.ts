import { env } from "@/lib/env";
import { appClock } from "@/lib/clock";
import { migrateDb, openDb } from "./client";
import { seedDatabase } from "./seed-data";

/** `npm run db:seed`: default universe for the current trading day and the demo catalog. */
async function main() {
  const e = env();
  const handle = openDb({
    url: e.DATABASE_URL,
    pgliteDir: e.DATABASE_URL ? undefined : e.PGLITE_DIR,
    poolSize: 1,
  });
  if (handle.driver === "pglite") await migrateDb(handle);
  const result = await seedDatabase(handle.db, appClock.now());
  await handle.close();
  console.log(
    `seeded ${result.tradingDay}: ${result.universeAdded} symbols added, ${result.rewardsAdded} rewards added`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
