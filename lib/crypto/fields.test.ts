import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentKeyPrefix, decryptField, emailHash, encryptField, keyringOf } from "./fields";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };
const old = keyringOf([k1], randomBytes(32));
const rotated = keyringOf([k2, k1], old.hashKey);

describe("field encryption (AES-256-GCM, key id beside the value)", () => {
  it("round-trips, names its key, and never repeats a ciphertext", () => {
    const a = encryptField("gift-CODE-1234", old);
    const b = encryptField("gift-CODE-1234", old);
    expect(a).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("gift");
    expect(decryptField(a, old)).toBe("gift-CODE-1234");
    expect(decryptField(encryptField("한글@example.com", old), old)).toBe("한글@example.com");
  });

  it("after a rotation the new key encrypts and the old one still decrypts", () => {
    const before = encryptField("x@example.com", old);
    expect(decryptField(before, rotated)).toBe("x@example.com");
    expect(encryptField("x@example.com", rotated).startsWith(currentKeyPrefix(rotated))).toBe(true);
    expect(currentKeyPrefix(rotated)).toBe("enc:v1:k2:");
  });

  it("refuses a value under a key it does not hold, and a tampered value", () => {
    expect(() => decryptField(encryptField("a", rotated), old)).toThrow(/no data encryption key "k2"/);
    const v = encryptField("secret code", old);
    const body = Buffer.from(v.slice("enc:v1:k1:".length), "base64url");
    body[14]! ^= 1;
    expect(() => decryptField(`enc:v1:k1:${body.toString("base64url")}`, old)).toThrow();
  });

  it("reads a value written before encryption as it is", () => {
    expect(decryptField("legacy@example.com", old)).toBe("legacy@example.com");
  });

  it("hashes an e-mail for look-ups: case and spaces ignored, keyed", () => {
    expect(emailHash(" Boss@Example.com ", old)).toBe(emailHash("boss@example.com", old));
    expect(emailHash("boss@example.com", old)).toMatch(/^[0-9a-f]{64}$/);
    expect(emailHash("boss@example.com", keyringOf([k1], randomBytes(32)))).not.toBe(
      emailHash("boss@example.com", old),
    );
  });
});
