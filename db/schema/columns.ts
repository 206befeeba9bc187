import { customType, date, jsonb, timestamp, uuid } from "drizzle-orm/pg-core";
import { decryptField, encryptField } from "../../lib/crypto/fields";

/** The column shapes every table repeats; the generated SQL is the same as writing them out. */

/** `timestamptz`, nullable. */
export const tstz = () => timestamp({ withTimezone: true });
/** `timestamptz not null`, set by the writer. */
export const tstzNotNull = () => tstz().notNull();
/** `timestamptz not null default now()`. */
export const tstzNow = () => tstz().notNull().defaultNow();
/** `uuid primary key default gen_random_uuid()`. */
export const uuidPk = () => uuid().primaryKey().defaultRandom();
/** A trading day (`date not null`, read as "YYYY-MM-DD"). */
export const day = () => date({ mode: "string" }).notNull();
/** `jsonb not null default '{}'`: free-form details of a row. */
export const jsonObject = () => jsonb().$type<Record<string, unknown>>().notNull().default({});
/** `created_at` and `updated_at`, both `timestamptz not null default now()`. */
export const timestamps = () => ({ createdAt: tstzNow(), updatedAt: tstzNow() });
/**
 * `text`, encrypted at rest (AES-256-GCM, lib/crypto/fields.ts): written encrypted, read
 * decrypted by every query-builder select and `returning`. Never compare it in SQL (each
 * encryption differs); look it up by a keyed hash column instead.
 */
export const encryptedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => encryptField(value),
  fromDriver: (value) => decryptField(value),
});
