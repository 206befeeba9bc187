import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { openDb, rowsOf, type Database } from "@/db/client";
import { predictions } from "@/db/schema";
import { settlementDueAt } from "@/lib/calendar";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { postEntry } from "@/lib/points";
import { settleTradingDay } from "@/lib/settlement";
import { createPlayer } from "./support/players";
import { useTestDb } from "./support/db";
import { closedTwoSymbolDay } from "./support/fixtures";

/**
 * docs/operations.md "Backups", as an operator would run it: a populated PostgreSQL database
 * is dumped with pg_dump, restored with pg_restore into a fresh database, and the restored
 * copy passes the integrity check with the same balances and ledger — its rules (the
 * append-only ledger trigger, the unique keys) included. PostgreSQL only.
 */
const run = promisify(execFile);
const onPostgres = inject("testDb") === "postgres";
const t = useTestDb();
const DAY = "2026-11-24";
const NOW = new Date(settlementDueAt(DAY).getTime() + 5 * 60_000);

async function snapshot(db: Database) {
  return rowsOf<Record<string, string | number>>(
    await db.execute(sql`select
      (select count(*)::int from users) as users,
      (select count(*)::int from points_ledger) as ledger,
      (select coalesce(sum(amount), 0)::text from points_ledger) as ledger_sum,
      (select string_agg(user_id::text || '=' || balance::text, ',' order by user_id) from points_balances) as balances,
      (select string_agg(status::text || ':' || n::text, ',' order by status) from (select status, count(*) as n from predictions group by status) s) as statuses`),
  )[0]!;
}

describe.skipIf(!onPostgres)("backup and restore (pg_dump → pg_restore)", () => {
  it("a populated database restored into a fresh one passes the integrity check, identical", async () => {
    await closedTwoSymbolDay(t.db, DAY, { closes: true });
    for (let i = 0; i < 25; i++) {
      const p = await createPlayer(t.db);
      await postEntry(t.db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
      const choice = i % 3 === 0 ? ("DOWN" as const) : ("UP" as const);
      await t.db.insert(predictions).values(
        ["UPW", "DNW"].map((symbol) => ({
          userId: p.id,
          tradingDay: DAY,
          symbol,
          choice,
          snapshotPrice: "100",
          snapshotAt: new Date(`${DAY}T03:00:00Z`),
          snapshotSource: "simulated",
        })),
      );
    }
    const settled = await settleTradingDay(t.db, { tradingDay: DAY, now: NOW });
    expect(settled.awards).toBe(25);
    const before = await snapshot(t.db);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oxu-backup-"));
    const file = path.join(dir, "ox.dump");
    const restoredName = `oxu_r_${randomBytes(6).toString("hex")}`;
    const adminUrl = inject("pgAdminUrl");
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const restoredUrl = new URL(adminUrl);
    restoredUrl.pathname = `/${restoredName}`;
    try {
      await run("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, t.url!]);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
      await admin.unsafe(`create database ${restoredName}`);
      await run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${restoredUrl.toString()}`, file]);

      const restored = openDb({ url: restoredUrl.toString(), poolSize: 2 });
      try {
        expect(await runIntegrityChecks(restored.db)).toEqual([]);
        expect(await snapshot(restored.db)).toEqual(before);
        // The rules came back with the data: the ledger is still append-only.
        await expect(
          restored.db.execute(sql`update points_ledger set amount = amount + 1`),
        ).rejects.toThrow();
      } finally {
        await restored.close();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
