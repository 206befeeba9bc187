import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";

/** A fresh database for one benchmark: PostgreSQL when BENCH_PG_URL is set, else in-memory PGlite. */
export async function benchDb(
  poolSize = 20,
): Promise<{ handle: DbHandle; label: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_PG_URL;
  if (!adminUrl) {
    const handle = openDb({});
    await migrateDb(handle);
    return { handle, label: "PGlite (in-memory)", drop: handle.close };
  }
  const name = `oxu_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), poolSize });
  await migrateDb(handle);
  return {
    handle,
    label: `PostgreSQL (pool ${poolSize})`,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}
