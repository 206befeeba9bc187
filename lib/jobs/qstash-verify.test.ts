import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyQstashSignature, type QstashVerifyConfig } from "./qstash-verify";

const URL = "https://ox.example.test/api/cron/open-session";
const config: QstashVerifyConfig = {
  publicBaseUrl: "https://ox.example.test",
  currentSigningKey: "sig_current_test",
  nextSigningKey: "sig_next_test",
  qstashDev: false,
  isProduction: true,
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function sign(key: string, body: string, claims: Record<string, unknown> = {}, alg = "HS256") {
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: "Upstash",
    sub: URL,
    iat,
    nbf: iat,
    exp: iat + 300,
    jti: "j",
    body: createHash("sha256").update(body).digest("base64url"),
    ...claims,
  };
  const unsigned = `${b64({ alg, typ: "JWT" })}.${b64(payload)}`;
  return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

const verify = (signature: string | null, body = "{}", c = config) =>
  verifyQstashSignature(c, { signature, body, url: URL });

describe("verifyQstashSignature", () => {
  it("accepts the current and the next key", async () => {
    expect(await verify(sign("sig_current_test", "{}"))).toEqual({ ok: true });
    expect(await verify(sign("sig_next_test", "{}"))).toEqual({ ok: true });
    // A padded body hash (as some encoders write it) is the same hash.
    const padded = sign("sig_current_test", "{}", {
      body: `${createHash("sha256").update("{}").digest("base64url")}=`,
    });
    expect(await verify(padded)).toEqual({ ok: true });
  });

  it("names why it refuses, failing closed", async () => {
    const reason = async (p: ReturnType<typeof verify>) => ((await p) as { reason?: string }).reason;
    expect(await reason(verify(null))).toBe("missing_signature");
    expect(await reason(verify(sign("sig_current_test", "{}"), "{} "))).toBe("invalid_signature");
    expect(
      await reason(
        verify(sign("sig_current_test", "{}", { sub: "https://ox.example.test/api/cron/close-session" })),
      ),
    ).toBe("invalid_signature");
    expect(await reason(verify(sign("sig_current_test", "{}", { iss: "upstash" })))).toBe(
      "invalid_signature",
    );
    expect(
      await reason(verify(sign("sig_current_test", "{}", { exp: Math.floor(Date.now() / 1000) - 60 }))),
    ).toBe("invalid_signature");
    expect(
      await reason(verify(sign("sig_current_test", "{}", { nbf: Math.floor(Date.now() / 1000) + 60 }))),
    ).toBe("invalid_signature");
    expect(await reason(verify(sign("sig_current_test", "{}", { nbf: undefined })))).toBe("missing_claims");
    expect(await reason(verify(sign("sig_current_test", "{}", {}, "none")))).toBe("invalid_signature");
    expect(await reason(verify(sign("sig_current_test", "{}"), "{}", { ...config, qstashDev: true }))).toBe(
      "dev_mode_in_production",
    );
    expect(
      await reason(verify(sign("sig_current_test", "{}"), "{}", { ...config, currentSigningKey: "" })),
    ).toBe("not_configured");
    expect(
      await reason(verify(sign("sig_current_test", "{}"), "{}", { ...config, publicBaseUrl: undefined })),
    ).toBe("not_configured");
  });

  it("outside production, QSTASH_DEV accepts the local development server's public keys (and only then)", async () => {
    const devKey = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    expect(await verify(sign(devKey, "{}"))).toMatchObject({ ok: false, reason: "invalid_signature" });
    expect(
      await verify(sign(devKey, "{}"), "{}", { ...config, isProduction: false, qstashDev: true }),
    ).toEqual({ ok: true });
  });
});
