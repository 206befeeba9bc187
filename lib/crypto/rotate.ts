import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { currentKeyPrefix, decryptField, emailHash, encryptField, keyring, type Keyring } from "./fields";

/**
 * Every value encrypted at rest, under the current key (docs/operations.md, "Rotating the data
 * keys"): a value under an older key, or written before encryption, is decrypted and written
 * again under the first key of DATA_ENCRYPTION_KEYS, in batches of `batchSize` rows, each
 * batch its own short transaction. A row is rewritten only if it still holds the value read
 * (so a write in between is never undone), and running it twice changes nothing. The users'
 * e-mail hash is written with the e-mail; `rehash` recomputes every one (a new DATA_HASH_KEY).
 */
const TARGETS = [
  { table: "users", column: "email", keys: ["id"], hash: "email_hash" },
  { table: "accounts", column: "email", keys: ["provider", "provider_account_id"] },
  { table: "redemptions", column: "code", keys: ["id"] },
  { table: "admin_totp", column: "secret", keys: ["user_id"] },
] as const;

export type RotationReport = Record<(typeof TARGETS)[number]["table"] | "rehashed", number>;

export async function rotateEncryptedFields(
  db: Database,
  opts: { batchSize?: number; rehash?: boolean; ring?: Keyring } = {},
): Promise<RotationReport> {
  const ring = opts.ring ?? keyring();
  const batchSize = opts.batchSize ?? 500;
  const prefix = `${currentKeyPrefix(ring)}%`;
  const report: RotationReport = { users: 0, accounts: 0, redemptions: 0, admin_totp: 0, rehashed: 0 };
  for (const target of TARGETS) {
    const col = sql.identifier(target.column);
    const table = sql.identifier(target.table);
    const keyCols = sql.join(
      target.keys.map((k) => sql.identifier(k)),
      sql`, `,
    );
    const stale =
      "hash" in target
        ? sql`(${col} not like ${prefix} or ${sql.identifier(target.hash)} is null)`
        : sql`${col} not like ${prefix}`;
    for (;;) {
      const rows = rowsOf<Record<string, string>>(
        await db.execute(
          sql`select ${keyCols}, ${col} as value from ${table} where ${col} is not null and ${stale} limit ${batchSize}`,
        ),
      );
      if (rows.length === 0) break;
      await db.transaction(async (tx) => {
        for (const row of rows) {
          const plain = decryptField(row.value!, ring);
          const match = sql.join(
            target.keys.map((k) => sql`${sql.identifier(k)} = ${row[k]}`),
            sql` and `,
          );
          const hash =
            "hash" in target ? sql`, ${sql.identifier(target.hash)} = ${emailHash(plain, ring)}` : sql``;
          await tx.execute(
            sql`update ${table} set ${col} = ${encryptField(plain, ring)}${hash} where ${match} and ${col} = ${row.value}`,
          );
        }
      });
      report[target.table] += rows.length;
    }
  }
  if (opts.rehash) report.rehashed = await rehashEmails(db, ring, batchSize);
  return report;
}

/** Every user's e-mail hash under the current hash key, by id order in batches. */
async function rehashEmails(db: Database, ring: Keyring, batchSize: number): Promise<number> {
  let after = "00000000-0000-0000-0000-000000000000";
  let done = 0;
  for (;;) {
    const rows = rowsOf<{ id: string; email: string }>(
      await db.execute(
        sql`select id, email from users where email is not null and id > ${after} order by id limit ${batchSize}`,
      ),
    );
    if (rows.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const r of rows)
        await tx.execute(
          sql`update users set email_hash = ${emailHash(decryptField(r.email, ring), ring)} where id = ${r.id} and email = ${r.email}`,
        );
    });
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
