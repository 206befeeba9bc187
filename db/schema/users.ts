import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedText, tstz, tstzNow, uuidPk, timestamps } from "./columns";

export const userRole = pgEnum("user_role", ["player", "admin"]);

export const users = pgTable(
  "users",
  {
    id: uuidPk(),
    /** Encrypted at rest; found by `emailHash` (lib/crypto/fields.ts). */
    email: encryptedText(),
    /** Keyed hash of the e-mail (HMAC-SHA256), set with it: the only way to look a player up by e-mail. */
    emailHash: text(),
    emailVerified: tstz(),
    image: text(),
    nickname: text().notNull(),
    role: userRole().notNull().default("player"),
    ...timestamps(),
    lastSignInAt: tstz(),
    /** When the player chose their nickname themselves; from then on the provider's name is no longer synced over it. */
    nicknameSetAt: tstz(),
    /** Set when an admin takes the admin role away; ADMIN_EMAILS never grants it back (docs/rules.md). */
    adminDemotedAt: tstz(),
    /** Set while an admin has suspended the player: they may sign in and read, not play (docs/rules.md). */
    suspendedAt: tstz(),
    suspendedReason: text(),
    /** Set when the player deleted their account: the row stays as a tombstone behind their ledger. */
    deletedAt: tstz(),
  },
  (t) => [
    // Nicknames are unique regardless of case: "Kim" and "kim" would impersonate each other.
    uniqueIndex("users_nickname_lower_uq").on(sql`lower(${t.nickname})`),
    index("users_email_hash_idx").on(t.emailHash),
    check("users_nickname_len", sql`char_length(${t.nickname}) between 2 and 40`),
  ],
);

/** OAuth identities. An account is keyed by (provider, provider account id), never by e-mail. */
export const accounts = pgTable(
  "accounts",
  {
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    userId: userRef("cascade"),
    type: text().notNull().default("oidc"),
    /** Encrypted at rest (lib/crypto/fields.ts). */
    email: encryptedText(),
    emailVerified: boolean().notNull().default(false),
    providerNickname: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_idx").on(t.userId),
  ],
);

/**
 * One row per sign-in. The session cookie names the row (`sid`); a request is served only while
 * the row exists and has not ended, so signing out (here or everywhere) and an admin's "end
 * sessions" take effect on the next request. Deleting a user deletes their sessions.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuidPk(),
    userId: userRef("cascade"),
    provider: text().notNull(),
    createdAt: tstzNow(),
    endedAt: tstz(),
    /** When this session last passed the admin's second factor (lib/auth/second-factor.ts); null: never. */
    secondFactorAt: tstz(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/**
 * An admin's authenticator (TOTP, RFC 6238). Written by lib/auth/second-factor.ts only. The row
 * exists from the first admin sign-in; `confirmedAt` is set once a code from the app was
 * accepted. `lastStep` is the newest 30-second step accepted: a code is taken once.
 */
export const adminTotp = pgTable("admin_totp", {
  userId: userRef("cascade", { primaryKey: true }),
  /** The shared TOTP secret (base32), encrypted at rest. */
  secret: encryptedText().notNull(),
  confirmedAt: tstz(),
  lastStep: bigint({ mode: "number" }).notNull().default(0),
  createdAt: tstzNow(),
});

/** One-time recovery codes of an admin's second factor, as SHA-256 hashes; each works once. */
export const adminRecoveryCodes = pgTable(
  "admin_recovery_codes",
  {
    id: uuidPk(),
    userId: userRef("cascade"),
    codeHash: text().notNull(),
    usedAt: tstz(),
    createdAt: tstzNow(),
  },
  (t) => [uniqueIndex("admin_recovery_codes_user_hash_uq").on(t.userId, t.codeHash)],
);

/**
 * Provider identities of deleted accounts, as a keyed hash (HMAC of provider and account id;
 * lib/accounts/retired-identities.ts) and nothing else: signing in again with one creates a
 * new player without a second signup bonus. Used for that purpose only.
 */
export const retiredIdentities = pgTable("retired_identities", {
  identityHash: text().primaryKey(),
  retiredAt: tstzNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type UserSession = typeof userSessions.$inferSelect;

/** `user_id uuid not null references users(id) on delete …` (the primary key where it is one). */
export function userRef(onDelete: "cascade" | "restrict", opts: { primaryKey?: boolean } = {}) {
  const col = uuid().notNull();
  return (opts.primaryKey ? col.primaryKey() : col).references(() => users.id, { onDelete });
}
