import { appClock } from "@/lib/clock";
import { migrateDb } from "./client";
import { openCommandDb } from "./command";
import { seedDatabase } from "./seed-data";

/** `npm run db:seed`: default universe for the current trading day and the demo catalog. */
async function main() {
  const handle = openCommandDb();
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
