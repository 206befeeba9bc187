import { createHash, createHmac, randomUUID } from "node:crypto";

/** A QStash-style `Upstash-Signature`: an HS256 JWT over the URL and the SHA-256 of the raw body. */
export function qstashSignature(key: string, url: string, body: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: "Upstash",
    sub: url,
    iat,
    nbf: iat - 5,
    exp: iat + 300,
    jti: randomUUID(),
    body: createHash("sha256").update(body).digest("base64url"),
  };
  const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}
