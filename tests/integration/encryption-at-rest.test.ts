/**
 * Encryption at rest against the real database: e-mail addresses (the player's and each
 * identity's) and issued reward codes are stored as AES-256-GCM ciphertext with their key id;
 * the owning player and the admins still read them through the app; nothing in the database —
 * every row of every table, and `pg_dump` on PostgreSQL — holds them in plain text; the
 * rotation re-encrypts under a new key (and encrypts values from before encryption) in batches,
 * once, and a look-up by e-mail goes through the keyed hash.
 */
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { users } from "@/db/schema";
import { provisionOAuthUser } from "@/lib/accounts";
import { searchUsers, userOverview } from "@/lib/admin/users";
import { linkedAccounts } from "@/lib/auth/linked-accounts";
import { decryptField, emailHash, keyring, keyringOf } from "@/lib/crypto/fields";
import { rotateEncryptedFields } from "@/lib/crypto/rotate";
import { listRedemptionsForUser, markIssued, redeem } from "@/lib/rewards";
import { useTestDb } from "./support/db";
import { fundedUser, stockedItem } from "./support/fixtures";
import { itOnPostgres } from "./support/postgres-only";

const run = promisify(execFile);
const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

/** A player signed in through Google with a verified e-mail, who redeemed a reward an admin issued with a code. */
async function populated() {
  const tag = randomUUID().slice(0, 8);
  const email = `dump-${tag}@privacy.example`;
  const code = `GIFT-${tag.toUpperCase()}-7788`;
  const { user } = await provisionOAuthUser(t.db, {
    provider: "google",
    providerAccountId: `acct-${tag}`,
    email,
    emailVerified: true,
    nickname: `dump${tag}`,
    image: null,
    adminEmails: [],
    now: NOW,
  });
  const admin = await fundedUser(t.db, { role: "admin" });
  const item = await stockedItem(t.db, 3, 100);
  const { redemption } = await redeem(t.db, {
    userId: user.id,
    sku: item.sku,
    requestKey: randomUUID(),
    now: NOW,
  });
  await markIssued(t.db, { actorId: admin, redemptionId: redemption.id, code, now: NOW });
  return { user, email, code, redemptionId: redemption.id };
}

const raw = async (query: ReturnType<typeof sql>) => rowsOf<{ v: string }>(await t.db.execute(query))[0]!.v;

/** Every row of every table of the schema, as text. */
async function everyRow(): Promise<string> {
  const tables = rowsOf<{ table_name: string }>(
    await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  ).map((r) => r.table_name);
  let all = "";
  for (const name of tables) {
    const rows = rowsOf<{ r: string }>(
      await t.db.execute(sql`select t::text as r from ${sql.identifier(name)} t`),
    );
    all += rows.map((r) => r.r).join("\n");
  }
  return all;
}

describe("what is stored", () => {
  it("e-mails and codes are ciphertext with their key id; the player and admins still read them", async () => {
    const { user, email, code } = await populated();
    const stored = await raw(sql`select email as v from users where id = ${user.id}`);
    expect(stored).toMatch(/^enc:v1:[a-z0-9-]+:[A-Za-z0-9_-]+$/);
    expect(decryptField(stored)).toBe(email);
    expect(await raw(sql`select email as v from accounts where user_id = ${user.id}`)).toMatch(/^enc:v1:/);
    expect(await raw(sql`select code as v from redemptions where user_id = ${user.id}`)).toMatch(/^enc:v1:/);
    expect(await raw(sql`select email_hash as v from users where id = ${user.id}`)).toBe(emailHash(email));

    // Through the app: the player's redemptions show the code, the admin console the e-mail.
    const mine = await listRedemptionsForUser(t.db, { userId: user.id });
    expect(mine.items[0]).toMatchObject({ code });
    expect((await userOverview(t.db, user.id))?.user.email).toBe(email);
    expect((await linkedAccounts(t.db, user.id))[0]).toMatchObject({ email });
    expect((await searchUsers(t.db, { q: email.toUpperCase() })).map((u) => u.id)).toEqual([user.id]);
  });

  it("no row of any table holds an e-mail or a code in plain text", async () => {
    const { email, code, user } = await populated();
    const all = await everyRow();
    expect(all).toContain(user.id);
    expect(all).not.toContain(email);
    expect(all).not.toContain(email.split("@")[0]);
    expect(all).not.toContain(code);
  });

  itOnPostgres("a pg_dump of the database holds no e-mail or code in plain text", async () => {
    const { email, code, user } = await populated();
    const { stdout } = await run("pg_dump", ["--format=plain", "--no-owner", t.url!], {
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(stdout).toContain(user.id);
    expect(stdout).not.toContain(email);
    expect(stdout).not.toContain(code);
  });
});

describe("rotating the keys", () => {
  it("re-encrypts every value under the new key in batches, encrypts values from before encryption, once", async () => {
    const { user, email, code } = await populated();
    // A row written before encryption at rest (an older database): plain text, no hash.
    const legacy = await fundedUser(t.db);
    await t.db.execute(
      sql`update users set email = 'legacy@privacy.example', email_hash = null where id = ${legacy}`,
    );

    const configured = keyring();
    const k2 = { id: "k2", key: randomBytes(32) };
    const rotated = keyringOf([k2, configured.current], configured.hashKey);
    const report = await rotateEncryptedFields(t.db, { ring: rotated, batchSize: 2 });
    expect(report.users).toBeGreaterThanOrEqual(2);
    expect(report.redemptions).toBeGreaterThanOrEqual(1);
    for (const v of rowsOf<{ v: string }>(
      await t.db.execute(
        sql`select email as v from users where email is not null union all select email from accounts where email is not null union all select code from redemptions where code is not null`,
      ),
    ))
      expect(v.v.startsWith("enc:v1:k2:"), v.v).toBe(true);
    expect(decryptField(await raw(sql`select email as v from users where id = ${user.id}`), rotated)).toBe(
      email,
    );
    expect(
      decryptField(await raw(sql`select code as v from redemptions where user_id = ${user.id}`), rotated),
    ).toBe(code);
    expect(await raw(sql`select email_hash as v from users where id = ${legacy}`)).toBe(
      emailHash("legacy@privacy.example"),
    );
    // Once: nothing left to do.
    expect(await rotateEncryptedFields(t.db, { ring: rotated })).toEqual({
      users: 0,
      accounts: 0,
      redemptions: 0,
      admin_totp: 0,
      rehashed: 0,
    });

    // Back to the configured key (the rest of the suite reads with it), with every hash recomputed.
    const back = await rotateEncryptedFields(t.db, {
      ring: keyringOf([configured.current, k2], configured.hashKey),
      rehash: true,
    });
    expect(back.rehashed).toBeGreaterThanOrEqual(2);
    const [row] = await t.db.select().from(users).where(eq(users.id, legacy));
    expect(row!.email).toBe("legacy@privacy.example");
  });
});
