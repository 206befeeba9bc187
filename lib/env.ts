import { z } from "zod";

/**
 * Configuration, validated once. `APP_ENV=production` marks a real deployment: it is
 * separate from NODE_ENV because `next start` always runs with NODE_ENV=production,
 * including in our own end-to-end tests.
 */
const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional());

const DEV_AUTH_SECRET = "ox-universe-development-secret-not-for-production";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_ENV: z.enum(["development", "test", "production"]).default("development"),
    APP_VERSION: z.string().optional(),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),

    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must look like postgres://user@host:5432/database")
          .optional(),
      ),
    PGLITE_DIR: z.string().default(".data/pglite"),
    // PostgreSQL only (milliseconds; 0 turns one off). See DbTimeouts in db/client.ts.
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    DB_SILENCE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(7_000),
    // Connections this instance keeps to PostgreSQL (docs/performance.md, "Pool size").
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

    PUBLIC_BASE_URL: optionalUrl,
    // Extra https origins images may load from (CSP img-src), e.g. a reward image CDN.
    CSP_IMG_ORIGINS: z
      .string()
      .default("")
      .transform((s) => s.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https$/ }).transform((u) => new URL(u).origin))),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    AUTH_GOOGLE_ISSUER: optionalUrl,
    AUTH_KAKAO_ID: z.string().optional(),
    AUTH_KAKAO_SECRET: z.string().optional(),
    AUTH_KAKAO_BASE_URL: optionalUrl,
    AUTH_KAKAO_API_URL: optionalUrl,
    // Encryption at rest of e-mail addresses and reward codes (lib/crypto/fields.ts):
    // "id:base64key,…", 32-byte AES-256 keys, the first encrypts and all decrypt (rotation,
    // docs/operations.md). Required in production; elsewhere derived from AUTH_SECRET.
    DATA_ENCRYPTION_KEYS: z
      .string()
      .default("")
      .transform((s, ctx) => {
        const keys: { id: string; key: Buffer }[] = [];
        for (const part of s
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)) {
          const m = /^([a-z0-9-]{1,16}):([A-Za-z0-9+/_=-]+)$/i.exec(part);
          const key = m ? Buffer.from(m[2]!, "base64") : undefined;
          if (!m || key?.length !== 32 || keys.some((k) => k.id === m[1]))
            ctx.addIssue({
              code: "custom",
              message: "must be id:base64 pairs of 32-byte keys with distinct ids (openssl rand -base64 32)",
            });
          else keys.push({ id: m[1]!, key: key });
        }
        return keys;
      }),
    // The key of the keyed hash an e-mail is looked up by (HMAC-SHA256; base64, at least 32 bytes).
    DATA_HASH_KEY: z
      .string()
      .optional()
      .transform((v) => (v ? Buffer.from(v, "base64") : undefined))
      .refine((b) => b === undefined || b.length >= 32, "must be at least 32 bytes, base64"),
    DEV_LOGIN: flag,
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),

    // The board shows how other players called a symbol only once at least this many have.
    CROWD_MIN_OTHERS: z.coerce.number().int().min(1).max(1000).default(5),

    PRICE_PROVIDER: z.enum(["yahoo", "simulated"]).optional(),
    SIM_SEED: z.string().default("ox-universe"),
    YAHOO_BASE_URL: optionalUrl,

    QSTASH_TOKEN: z.string().optional(),
    QSTASH_URL: optionalUrl,
    QSTASH_CURRENT_SIGNING_KEY: z.string().optional(),
    QSTASH_NEXT_SIGNING_KEY: z.string().optional(),
    QSTASH_DEV: flag,
    SCHEDULER: z.enum(["auto", "inprocess", "qstash", "off"]).default("auto"),

    AD_MIN_WATCH_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
    RATE_LIMIT_PREDICTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    RATE_LIMIT_REDEMPTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_ADS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_QUOTES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_ADMIN_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    RATE_LIMIT_PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_EXPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(2),
    // The daily loop: points paid once per player at each streak milestone (7, 30, 100, 365); 0 = a badge only.
    STREAK_BONUS_POINTS: z.coerce.number().int().min(0).max(100_000).default(0),
    // Web Push (reminders, results). Without the key pair the app offers no push; `npx web-push
    // generate-vapid-keys` makes one. The subject is a mailto: or https: contact for push services.
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key")
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: address or an https: URL")
      .default("mailto:ops@ox-universe.invalid"),
    // Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (0: none).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),

    // Test-only switches. Start-up refuses every one of them when APP_ENV=production.
    TEST_CLOCK_START: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.iso.datetime({ offset: true }).optional()),
    TEST_CLOCK_CONTROL: flag,
    // Appends every statement sent to PostgreSQL (text, parameters) to this file as JSON lines:
    // the benchmark's capture of the SQL a request issues (bench/harness/pgbench.ts).
    DB_STATEMENT_LOG: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
    // A local push service the tests run (https origin); push endpoints must otherwise be a known push service.
    PUSH_TEST_ENDPOINT_ORIGIN: optionalUrl,
    // The certificate (PEM file) that local push service is trusted with.
    PUSH_TEST_CA_FILE: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (e.DEV_LOGIN && e.NODE_ENV === "production") {
      issue("DEV_LOGIN", "the development sign-in cannot be enabled when NODE_ENV=production");
    }
    if (
      e.DB_SILENCE_TIMEOUT_MS > 0 &&
      (e.DB_STATEMENT_TIMEOUT_MS === 0 || e.DB_SILENCE_TIMEOUT_MS <= e.DB_STATEMENT_TIMEOUT_MS)
    ) {
      issue(
        "DB_SILENCE_TIMEOUT_MS",
        "must be above DB_STATEMENT_TIMEOUT_MS (or 0), or a slow statement would be cut as a stalled link",
      );
    }
    if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY))
      issue(
        e.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY",
        "is needed with its pair (both or neither)",
      );
    if (e.APP_ENV !== "production") return;
    if (!e.AUTH_SECRET) issue("AUTH_SECRET", "is required in production");
    if (e.DATA_ENCRYPTION_KEYS.length === 0)
      issue(
        "DATA_ENCRYPTION_KEYS",
        "is required in production (e-mail addresses and reward codes are encrypted)",
      );
    if (!e.DATA_HASH_KEY)
      issue("DATA_HASH_KEY", "is required in production (e-mail look-ups use a keyed hash)");
    if (!e.PUBLIC_BASE_URL)
      issue("PUBLIC_BASE_URL", "is required in production (signed callbacks are checked against it)");
    if (e.DEV_LOGIN) issue("DEV_LOGIN", "is refused in production");
    if (e.QSTASH_DEV)
      issue(
        "QSTASH_DEV",
        "is refused in production: it makes signature checks accept the public development key",
      );
    if (e.TEST_CLOCK_START) issue("TEST_CLOCK_START", "is a test-only switch, refused in production");
    if (e.TEST_CLOCK_CONTROL) issue("TEST_CLOCK_CONTROL", "is a test-only switch, refused in production");
    if (e.DB_STATEMENT_LOG) issue("DB_STATEMENT_LOG", "is a test-only switch, refused in production");
    if (e.PUSH_TEST_ENDPOINT_ORIGIN)
      issue("PUSH_TEST_ENDPOINT_ORIGIN", "is a test-only switch, refused in production");
    if (e.PUSH_TEST_CA_FILE) issue("PUSH_TEST_CA_FILE", "is a test-only switch, refused in production");
    for (const key of [
      "YAHOO_BASE_URL",
      "AUTH_GOOGLE_ISSUER",
      "AUTH_KAKAO_BASE_URL",
      "AUTH_KAKAO_API_URL",
    ] as const) {
      if (e[key])
        issue(key, "points a provider at a local fake; it is a test-only switch, refused in production");
    }
    if (e.SCHEDULER !== "off" && e.SCHEDULER !== "inprocess") {
      if (!e.QSTASH_CURRENT_SIGNING_KEY) issue("QSTASH_CURRENT_SIGNING_KEY", "is required in production");
      if (!e.QSTASH_NEXT_SIGNING_KEY) issue("QSTASH_NEXT_SIGNING_KEY", "is required in production");
      if (!e.QSTASH_TOKEN) issue("QSTASH_TOKEN", "is required in production");
    }
  })
  .transform((e) => ({
    ...e,
    AUTH_SECRET: e.AUTH_SECRET ?? DEV_AUTH_SECRET,
    PRICE_PROVIDER: e.PRICE_PROVIDER ?? (e.APP_ENV === "production" ? "yahoo" : "simulated"),
    isProduction: e.APP_ENV === "production",
    scheduler:
      e.SCHEDULER === "auto"
        ? e.QSTASH_TOKEN && e.QSTASH_CURRENT_SIGNING_KEY
          ? "qstash"
          : "inprocess"
        : e.SCHEDULER,
  }));

export type Env = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Pure: parse a variables record. Throws ConfigError naming each bad variable. */
export function parseEnv(vars: Record<string, string | undefined>): Env {
  const result = schema.safeParse(vars);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The process configuration, parsed on first use (start-up calls it, so errors stop the boot). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
