/**
 * `npm run schedules:sync` — create or update the QStash cron schedules from the one table in
 * lib/jobs/schedules.ts. Each schedule has a stable id, so a re-run updates in place; schedules
 * with our id prefix that are no longer in the table are deleted. `--dry-run` only prints.
 *
 * Needs QSTASH_TOKEN and PUBLIC_BASE_URL (QSTASH_URL for a regional endpoint).
 */
import { Client } from "@upstash/qstash";
import { parseEnv } from "@/lib/env";
import { CRON_SCHEDULES, cronUrl, SCHEDULE_ID_PREFIX } from "@/lib/jobs/schedules";

async function main() {
  const dryRun = process.argv.includes("--dry-run");
  const e = parseEnv(process.env);
  const base = e.PUBLIC_BASE_URL;
  const rows = CRON_SCHEDULES.map((s) => ({
    id: s.id,
    cron: s.cron,
    kst: s.kst,
    destination: cronUrl(base ?? "<PUBLIC_BASE_URL>", s.job),
  }));
  console.table(rows);
  if (dryRun) return;
  if (!base)
    throw new Error("PUBLIC_BASE_URL is required: callbacks are addressed (and verified) against it.");
  if (!e.QSTASH_TOKEN) throw new Error("QSTASH_TOKEN is required to manage schedules.");
  if (e.QSTASH_DEV)
    throw new Error(
      "QSTASH_DEV is set: refusing to sync schedules against the development server by accident.",
    );

  const client = new Client({
    token: e.QSTASH_TOKEN,
    baseUrl: e.QSTASH_URL,
    devMode: false,
    enableTelemetry: false,
  });
  for (const s of CRON_SCHEDULES) {
    await client.schedules.create({
      scheduleId: s.id,
      destination: cronUrl(base, s.job),
      cron: s.cron,
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
      retries: 3,
      label: "ox-universe",
    });
    console.log(`synced ${s.id} (${s.cron}) → ${cronUrl(base, s.job)}`);
  }
  const wanted = new Set(CRON_SCHEDULES.map((s) => s.id));
  for (const existing of await client.schedules.list()) {
    if (existing.scheduleId.startsWith(SCHEDULE_ID_PREFIX) && !wanted.has(existing.scheduleId)) {
      await client.schedules.delete(existing.scheduleId);
      console.log(`deleted ${existing.scheduleId} (no longer in the table)`);
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
