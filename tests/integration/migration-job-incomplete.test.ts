import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, rowsOf } from "@/db/client";

/**
 * The kernel_job_incomplete migration: runs stored before it as FAILED with an "incomplete: " error become
 * INCOMPLETE with their reason; real failures stay FAILED; the one-RUNNING / one-SUCCEEDED
 * indexes still hold. Applied the way the app applies migrations: all pending ones in one go.
 */
const folder = mkdtempSync(join(tmpdir(), "oxu-migrations-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the job-status migration (INCOMPLETE)", () => {
  it("moves legacy incomplete runs to INCOMPLETE and keeps the indexes", async () => {
    cpSync(new URL("../../db/migrations", import.meta.url).pathname, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const full = structuredClone(journal);
    const at = journal.entries.findIndex((e) => e.tag.endsWith("_kernel_job_incomplete"));
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const handle = openDb({});
    try {
      await migrate(handle.db as never, { migrationsFolder: folder });
      await handle.db
        .execute(sql`insert into job_runs (job, business_key, status, trigger, attempt, started_at, error) values
        ('collect-eod', '2026-11-24', 'FAILED', 'inprocess', 1, '2026-11-25T00:00:00Z', 'incomplete: 2 call(s) wait for a close of HALT'),
        ('collect-eod', '2026-11-24', 'FAILED', 'inprocess', 2, '2026-11-25T00:05:00Z', 'internal:job_failed: boom'),
        ('collect-eod', '2026-11-24', 'SUCCEEDED', 'inprocess', 3, '2026-11-25T00:10:00Z', null)`);

      writeFileSync(journalPath, JSON.stringify(full));
      await migrate(handle.db as never, { migrationsFolder: folder });
      const rows = rowsOf<{ attempt: number; status: string; error: string | null; reason: string | null }>(
        await handle.db.execute(
          sql`select attempt, status::text as status, error, reason from job_runs order by attempt`,
        ),
      );
      expect(rows).toEqual([
        { attempt: 1, status: "INCOMPLETE", error: null, reason: "2 call(s) wait for a close of HALT" },
        { attempt: 2, status: "FAILED", error: "internal:job_failed: boom", reason: null },
        { attempt: 3, status: "SUCCEEDED", error: null, reason: null },
      ]);
      await expect(
        handle.db
          .execute(sql`insert into job_runs (job, business_key, status, trigger, attempt, started_at) values
          ('collect-eod', '2026-11-24', 'SUCCEEDED', 'inprocess', 4, '2026-11-25T00:15:00Z')`),
      ).rejects.toThrow();
      const [def] = rowsOf<{ d: string }>(
        await handle.db.execute(
          sql`select column_default as d from information_schema.columns where table_name = 'job_runs' and column_name = 'status'`,
        ),
      );
      expect(def?.d).toContain("RUNNING");
    } finally {
      await handle.close();
    }
  });
});
