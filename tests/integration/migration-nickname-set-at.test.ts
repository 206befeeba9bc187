/**
 * The migration that adds `users.nickname_set_at` backfills it from the `user.nickname_set`
 * audit lines written before the column existed. Runs on in-memory PGlite whatever TEST_DB
 * says: it needs a database stopped just before that migration.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDb, rowsOf } from "@/db/client";

type Journal = { entries: { idx: number; tag: string }[] };

const handle = openDb({});
afterAll(() => handle.close());

/** A copy of the migrations folder holding only the migrations before `tag`. */
function foldersUpTo(tag: string): string {
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oxu-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const before = { ...journal, entries: journal.entries.slice(0, at) };
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(before));
  for (const e of before.entries)
    fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe("migration: users.nickname_set_at", () => {
  it("backfills the earliest nickname_set audit line of each player and leaves the others null", async () => {
    const tag = fs
      .readdirSync(MIGRATIONS_FOLDER)
      .filter(
        (f) =>
          f.endsWith(".sql") &&
          fs.readFileSync(path.join(MIGRATIONS_FOLDER, f), "utf8").includes('ADD COLUMN "nickname_set_at"'),
      )
      .map((f) => f.replace(/\.sql$/, ""));
    expect(tag).toHaveLength(1);
    const db = handle.db;
    await migrate(db as never, { migrationsFolder: foldersUpTo(tag[0]!) });

    const ids = rowsOf<{ id: string; nickname: string }>(
      await db.execute(
        sql`insert into users (nickname) values ('chose'), ('twice'), ('never'), ('other') returning id::text, nickname`,
      ),
    );
    const id = (n: string) => ids.find((r) => r.nickname === n)!.id;
    await db.execute(sql`insert into audit_log (actor_id, action, target, details, created_at) values
      (${id("chose")}::uuid, 'user.nickname_set', 'user:x', '{}', '2026-03-01T00:00:00Z'),
      (${id("twice")}::uuid, 'user.nickname_set', 'user:x', '{}', '2026-05-01T00:00:00Z'),
      (${id("twice")}::uuid, 'user.nickname_set', 'user:x', '{}', '2026-04-01T00:00:00Z'),
      (${id("other")}::uuid, 'user.role_set', 'user:x', '{}', '2026-04-01T00:00:00Z'),
      (null, 'user.nickname_set', 'user:x', '{}', '2026-04-01T00:00:00Z')`);

    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = rowsOf<{ nickname: string; set_at: string | null }>(
      await db.execute(
        sql`select nickname, to_char(nickname_set_at at time zone 'UTC', 'YYYY-MM-DD') as set_at from users order by nickname`,
      ),
    );
    expect(rows).toEqual([
      { nickname: "chose", set_at: "2026-03-01" },
      { nickname: "never", set_at: null },
      { nickname: "other", set_at: null },
      { nickname: "twice", set_at: "2026-04-01" },
    ]);
  }, 300_000);
});
