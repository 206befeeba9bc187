import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

/**
 * Encryption at rest of the values a database dump must not reveal: e-mail addresses and
 * reward codes (docs/architecture.md, "Encryption at rest"). AES-256-GCM with a fresh 96-bit
 * IV per value; the key id is stored beside the value, in it: `enc:v1:<key id>:<base64url of
 * IV ‖ ciphertext ‖ tag>`. Keys come from DATA_ENCRYPTION_KEYS (the first encrypts, every one
 * decrypts, so a new key can be put first and the old ones re-encrypted in batches by
 * `npm run data:rotate-keys`); outside production they are derived from AUTH_SECRET. A value
 * without the prefix was written before encryption and is read as it is until the rotation
 * command encrypts it. Look-ups by e-mail use a keyed hash (HMAC-SHA256 under DATA_HASH_KEY).
 * Not "server-only": the schema (db/schema/columns.ts) encrypts through it, and drizzle-kit reads the schema.
 */
const PREFIX = "enc:v1:";

export type Keyring = { current: { id: string; key: Buffer }; byId: Map<string, Buffer>; hashKey: Buffer };
let cached: { from: unknown; ring: Keyring } | undefined;

/** A keyring from keys (the first encrypts) and a hash key: what the environment configures. */
export function keyringOf(keys: { id: string; key: Buffer }[], hashKey: Buffer): Keyring {
  if (keys.length === 0) throw new Error("a keyring needs at least one key");
  return { current: keys[0]!, byId: new Map(keys.map((k) => [k.id, k.key])), hashKey };
}

const derived = (secret: string, purpose: string) =>
  Buffer.from(hkdfSync("sha256", secret, "ox-universe", purpose, 32));

/** The configured keyring (DATA_ENCRYPTION_KEYS, DATA_HASH_KEY; derived from AUTH_SECRET outside production). */
export function keyring(): Keyring {
  const e = env();
  if (cached?.from === e) return cached.ring;
  const ring = keyringOf(
    e.DATA_ENCRYPTION_KEYS.length
      ? e.DATA_ENCRYPTION_KEYS
      : [{ id: "dev", key: derived(e.AUTH_SECRET, "field encryption") }],
    e.DATA_HASH_KEY ?? derived(e.AUTH_SECRET, "e-mail look-up hash"),
  );
  cached = { from: e, ring };
  return ring;
}

export function encryptField(plain: string, ring = keyring()): string {
  const { id, key } = ring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${id}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The value as written; a value from before encryption is returned as it is. Throws on a key it does not hold or a tampered value. */
export function decryptField(stored: string, ring = keyring()): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  const id = rest.slice(0, colon);
  const key = ring.byId.get(id);
  if (!key) throw new Error(`no data encryption key "${id}" is configured (DATA_ENCRYPTION_KEYS)`);
  const raw = Buffer.from(rest.slice(colon + 1), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

/** The prefix of a value encrypted under the current key: anything else is re-encrypted by the rotation. */
export function currentKeyPrefix(ring = keyring()): string {
  return `${PREFIX}${ring.current.id}:`;
}

/** The keyed hash an e-mail is found by (case and surrounding spaces ignored). */
export function emailHash(email: string, ring = keyring()): string {
  return createHmac("sha256", ring.hashKey).update(email.trim().toLowerCase()).digest("hex");
}
