import "server-only";
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";
import { processSingleton } from "@/lib/process-singleton";
import type { SessionRef } from "./session-user";

/**
 * Reading the Auth.js session cookie on every request, without Auth.js's session action.
 * `auth()` decrypts the JWE, derives the key again (HKDF) and encrypts a fresh token that
 * route handlers and pages throw away (~2 ms of CPU). Here the key is derived once per
 * secret and cookie name, and the token is only decrypted and its expiry checked, exactly as
 * `decode` from `next-auth/jwt` does (same algorithms, same 15 s clock tolerance; a unit
 * test holds the two together). Sign-in and sign-out keep the full Auth.js flow (auth.ts).
 */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a cookie store offers: Next's request cookies (`req.cookies`) and `cookies()` alike. */
export type CookieSource = { get(name: string): { value: string } | undefined };

type Key = { bytes: Uint8Array; kid: string };
const keys = new Map<string, Promise<Key>>();

/** Auth.js's key: HKDF-SHA256 of the secret, salted with the cookie name (64 bytes for A256CBC-HS512). */
function keyFor(secret: string, salt: string, enc: string): Promise<Key> {
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const length = enc === "A256GCM" ? 32 : 64;
    const bytes = new Uint8Array(
      hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length),
    );
    key = calculateJwkThumbprint(
      { kty: "oct", k: base64url.encode(bytes) },
      `sha${length << 3}` as "sha512",
    ).then((kid) => ({ bytes, kid }));
    keys.set(id, key);
  }
  return key;
}

/** The token's claims, or null when it is missing, forged, for another secret or expired. */
export async function decodeSessionToken(
  token: string | undefined,
  secret: string,
  salt: string,
): Promise<JWTPayload | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(
      token,
      async ({ kid, enc }) => {
        if (enc !== "A256CBC-HS512" && enc !== "A256GCM") throw new Error("unsupported encryption");
        const key = await keyFor(secret, salt, enc);
        if (kid !== undefined && kid !== key.kid) throw new Error("no matching decryption secret");
        return key.bytes;
      },
      {
        clockTolerance: 15,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
      },
    );
    return payload;
  } catch {
    return null;
  }
}

/** The cookie's value; Auth.js splits a token above 4 kB into `name.0`, `name.1`, …. */
function cookieValue(cookies: CookieSource, name: string): string | undefined {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  let joined = "";
  for (let i = 0; ; i++) {
    const part = cookies.get(`${name}.${i}`)?.value;
    if (part === undefined) return joined || undefined;
    joined += part;
  }
}

/**
 * Tokens read in the last `READ_TOKEN_TTL_MS`, by secret, cookie name and token: a player's
 * browser sends the same token with every request, and decrypting it is the largest single
 * cost of a signed-in request in our code (~1.5 ms of CPU, through WebCrypto). Only tokens that
 * decrypted, with an unexpired `exp`, are kept; what they name is still checked against the
 * database on every request (an ended session is refused at once, lib/auth/session-user.ts).
 * A token's own expiry can thus be passed by at most this long (Auth.js sets it 30 days ahead).
 */
export const READ_TOKEN_TTL_MS = 60_000;
const READ_TOKENS_MAX = 10_000;
const tokens = () =>
  processSingleton("read-session-tokens", () => new Map<string, { at: number; ref: SessionRef }>());

function rememberedRef(id: string): SessionRef | undefined {
  const readTokens = tokens();
  const hit = readTokens.get(id);
  if (!hit) return undefined;
  if (performance.now() - hit.at < READ_TOKEN_TTL_MS) return { ...hit.ref };
  readTokens.delete(id);
  return undefined;
}

function remember(id: string, ref: SessionRef): void {
  const readTokens = tokens();
  // Oldest first out (a Map iterates in insertion order).
  if (readTokens.size >= READ_TOKENS_MAX) readTokens.delete(readTokens.keys().next().value!);
  readTokens.set(id, { at: performance.now(), ref: { ...ref } });
}

/** The user and sign-in session the request's cookie names, or null (no cookie, or one we cannot read). */
export async function sessionRefFrom(cookies: CookieSource, secret: string): Promise<SessionRef | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieValue(cookies, name);
    if (!token) continue;
    const id = `${name}\u0000${secret}\u0000${token}`;
    const known = rememberedRef(id);
    if (known) return known;
    const claims = await decodeSessionToken(token, secret, name);
    if (!claims) return null;
    const uid = typeof claims.uid === "string" ? claims.uid : "";
    if (!uid) return null;
    const ref = { userId: uid, sessionId: typeof claims.sid === "string" ? claims.sid : undefined };
    remember(id, ref);
    return ref;
  }
  return null;
}
