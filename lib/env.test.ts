import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const prod = {
  APP_ENV: "production",
  NODE_ENV: "production",
  AUTH_SECRET: "x".repeat(40),
  PUBLIC_BASE_URL: "https://ox.example.com",
  QSTASH_TOKEN: "t",
  QSTASH_CURRENT_SIGNING_KEY: "sig_current",
  QSTASH_NEXT_SIGNING_KEY: "sig_next",
  DATA_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString("base64")},k1:${Buffer.alloc(32, 1).toString("base64")}`,
  DATA_HASH_KEY: Buffer.alloc(32, 9).toString("base64"),
};

function problems(vars: Record<string, string | undefined>): string[] {
  try {
    parseEnv(vars);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe("parseEnv", () => {
  it("the embedded default needs nothing", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PRICE_PROVIDER).toBe("simulated");
    expect(e.scheduler).toBe("inprocess");
    expect(e.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("a complete production configuration passes and defaults to Yahoo and QStash", () => {
    const e = parseEnv(prod);
    expect(e.PRICE_PROVIDER).toBe("yahoo");
    expect(e.scheduler).toBe("qstash");
    expect(e.isProduction).toBe(true);
  });

  it("production needs the data encryption keys and the hash key; each key is 32 bytes with its own id", () => {
    expect(problems({ ...prod, DATA_ENCRYPTION_KEYS: undefined, DATA_HASH_KEY: undefined })).toEqual([
      "DATA_ENCRYPTION_KEYS: is required in production (e-mail addresses and reward codes are encrypted)",
      "DATA_HASH_KEY: is required in production (e-mail look-ups use a keyed hash)",
    ]);
    const keys = parseEnv(prod).DATA_ENCRYPTION_KEYS;
    expect(keys.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(keys[0]!.key).toEqual(Buffer.alloc(32, 2));
    for (const bad of [
      "k1",
      `k1:${Buffer.alloc(16).toString("base64")}`,
      `k1:${"A".repeat(44)},k1:${"B".repeat(44)}`,
    ])
      expect(problems({ ...prod, DATA_ENCRYPTION_KEYS: bad })[0]).toMatch(
        /^DATA_ENCRYPTION_KEYS: must be id:base64/,
      );
    expect(problems({ ...prod, DATA_HASH_KEY: Buffer.alloc(8).toString("base64") })).toEqual([
      "DATA_HASH_KEY: must be at least 32 bytes, base64",
    ]);
  });

  it("names the variable when production lacks an auth secret", () => {
    expect(problems({ ...prod, AUTH_SECRET: undefined })).toEqual(["AUTH_SECRET: is required in production"]);
  });

  it("rejects a malformed DATABASE_URL", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL: must look like postgres:\/\//);
  });

  it("refuses the development sign-in whenever NODE_ENV=production", () => {
    expect(problems({ NODE_ENV: "production", DEV_LOGIN: "1" })).toEqual([
      "DEV_LOGIN: the development sign-in cannot be enabled when NODE_ENV=production",
    ]);
    expect(parseEnv({ NODE_ENV: "development", DEV_LOGIN: "1" }).DEV_LOGIN).toBe(true);
  });

  it("refuses every test-only switch and QSTASH_DEV in production", () => {
    const found = problems({
      ...prod,
      TEST_CLOCK_START: "2026-11-26T10:00:00+09:00",
      TEST_CLOCK_CONTROL: "1",
      QSTASH_DEV: "1",
      YAHOO_BASE_URL: "http://127.0.0.1:9999",
      AUTH_GOOGLE_ISSUER: "http://127.0.0.1:9998",
    });
    expect(found.map((p) => p.split(":")[0])).toEqual([
      "QSTASH_DEV",
      "TEST_CLOCK_START",
      "TEST_CLOCK_CONTROL",
      "YAHOO_BASE_URL",
      "AUTH_GOOGLE_ISSUER",
    ]);
  });

  it("requires the QStash signing keys in production unless the scheduler is off", () => {
    expect(problems({ ...prod, QSTASH_NEXT_SIGNING_KEY: "" })).toEqual([
      "QSTASH_NEXT_SIGNING_KEY: is required in production",
    ]);
    expect(
      problems({
        ...prod,
        QSTASH_TOKEN: undefined,
        QSTASH_CURRENT_SIGNING_KEY: undefined,
        QSTASH_NEXT_SIGNING_KEY: undefined,
        SCHEDULER: "off",
      }),
    ).toEqual([]);
  });

  it("Web Push: the VAPID pair comes together, the local push service is refused in production", () => {
    const pub = "BNah084GWK99DjftI3XV0VbZobT0vZYsBT5ka9uMuPGALRNo0WYEn9XwQU9coRZ820v3BgeZ4s1slrABAKEAduM";
    expect(problems({ VAPID_PUBLIC_KEY: pub })).toEqual([
      "VAPID_PRIVATE_KEY: is needed with its pair (both or neither)",
    ]);
    expect(problems({ VAPID_PUBLIC_KEY: "short", VAPID_PRIVATE_KEY: "x" }).length).toBe(2);
    expect(
      problems({ ...prod, PUSH_TEST_ENDPOINT_ORIGIN: "https://127.0.0.1", PUSH_TEST_CA_FILE: "c.pem" }).map(
        (p) => p.split(":")[0],
      ),
    ).toEqual(["PUSH_TEST_ENDPOINT_ORIGIN", "PUSH_TEST_CA_FILE"]);
    expect(parseEnv({}).STREAK_BONUS_POINTS).toBe(0);
  });

  it("validates the proxy hop count and the rate limits", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    for (const bad of ["-1", "1.5", "six", "9"])
      expect(problems({ TRUSTED_PROXY_HOPS: bad })).toHaveLength(1);
    expect(parseEnv({}).RATE_LIMIT_QUOTES_PER_MINUTE).toBe(60);
    expect(problems({ RATE_LIMIT_AUTH_PER_MINUTE: "0" })).toHaveLength(1);
  });
});
