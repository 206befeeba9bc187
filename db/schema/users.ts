import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["player", "admin"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text(),
    emailVerified: timestamp({ withTimezone: true }),
    image: text(),
    nickname: text().notNull(),
    role: userRole().notNull().default("player"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Nicknames are unique regardless of case: "Kim" and "kim" would impersonate each other.
    uniqueIndex("users_nickname_lower_uq").on(sql`lower(${t.nickname})`),
    index("users_email_idx").on(t.email),
    check("users_nickname_len", sql`char_length(${t.nickname}) between 2 and 40`),
  ],
);

/** OAuth identities. An account is keyed by (provider, provider account id), never by e-mail. */
export const accounts = pgTable(
  "accounts",
  {
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull().default("oidc"),
    email: text(),
    emailVerified: boolean().notNull().default(false),
    providerNickname: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
