import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionRefFrom, type CookieSource } from "./session-token";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const NAME = "authjs.session-token";

const jar = (cookies: Record<string, string>): CookieSource => ({
  get: (name) => (name in cookies ? { value: cookies[name]! } : undefined),
});

const token = (
  claims: Record<string, unknown>,
  opts: { secret?: string; salt?: string; maxAge?: number } = {},
) =>
  encode({
    token: claims,
    secret: opts.secret ?? SECRET,
    salt: opts.salt ?? NAME,
    maxAge: opts.maxAge ?? 3600,
  });

describe("the session cookie, read without Auth.js's session action", () => {
  it("reads what Auth.js's encoder wrote, exactly as Auth.js's decode does", async () => {
    const t = await token({ uid: "u-1", sid: "s-1", sub: "u-1" });
    const ours = await decodeSessionToken(t, SECRET, NAME);
    expect(ours).toEqual(await decode({ token: t, secret: SECRET, salt: NAME }));
    expect(ours).toMatchObject({ uid: "u-1", sid: "s-1" });
  });

  it("refuses a token for another secret, another cookie name, a tampered or an expired one", async () => {
    const t = await token({ uid: "u-1", sid: "s-1" });
    expect(
      await decodeSessionToken(await token({ uid: "u" }, { secret: `${SECRET}x` }), SECRET, NAME),
    ).toBeNull();
    expect(await decodeSessionToken(t, SECRET, `__Secure-${NAME}`)).toBeNull();
    const parts = t.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("A") ? "B" : "A"}A`;
    expect(await decodeSessionToken(parts.join("."), SECRET, NAME)).toBeNull();
    // Expired beyond the 15 s tolerance Auth.js allows.
    expect(await decodeSessionToken(await token({ uid: "u" }, { maxAge: -60 }), SECRET, NAME)).toBeNull();
    expect(await decodeSessionToken("not-a-token", SECRET, NAME)).toBeNull();
    expect(await decodeSessionToken(undefined, SECRET, NAME)).toBeNull();
  });

  it("names the user and the sign-in session from either cookie name, chunked or whole", async () => {
    const plain = await token({ uid: "u-2", sid: "s-2" });
    expect(await sessionRefFrom(jar({ [NAME]: plain }), SECRET)).toEqual({ userId: "u-2", sessionId: "s-2" });
    const secure = `__Secure-${NAME}`;
    const t = await token({ uid: "u-3", sid: "s-3" }, { salt: secure });
    expect(await sessionRefFrom(jar({ [secure]: t }), SECRET)).toEqual({ userId: "u-3", sessionId: "s-3" });
    const chunks = { [`${NAME}.0`]: plain.slice(0, 40), [`${NAME}.1`]: plain.slice(40) };
    expect(await sessionRefFrom(jar(chunks), SECRET)).toEqual({ userId: "u-2", sessionId: "s-2" });
  });

  it("no cookie, a token without a user, or an unreadable one → no session", async () => {
    expect(await sessionRefFrom(jar({}), SECRET)).toBeNull();
    expect(await sessionRefFrom(jar({ [NAME]: await token({ sid: "s" }) }), SECRET)).toBeNull();
    expect(await sessionRefFrom(jar({ [NAME]: "garbage" }), SECRET)).toBeNull();
  });
});
