import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

// Count the decryptions behind the reads (jose itself still decrypts).
const decrypts = vi.hoisted(() => ({ n: 0 }));
vi.mock("jose", async (importOriginal) => {
  const jose = await importOriginal<typeof import("jose")>();
  return {
    ...jose,
    jwtDecrypt: (...args: Parameters<typeof jose.jwtDecrypt>) => {
      decrypts.n += 1;
      return jose.jwtDecrypt(...args);
    },
  };
});

const { READ_TOKEN_TTL_MS, sessionRefFrom } = await import("./session-token");

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const NAME = "authjs.session-token";
const jar = (value: string) => ({ get: (n: string) => (n === NAME ? { value } : undefined) });
const token = (claims: Record<string, unknown>) =>
  encode({ token: claims, secret: SECRET, salt: NAME, maxAge: 3600 });

afterEach(() => {
  vi.useRealTimers();
});

describe("a session token read again within a minute is not decrypted again", () => {
  it("decrypts once, answers the same, and decrypts again after READ_TOKEN_TTL_MS", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const t = await token({ uid: "u-m1", sid: "s-m1" });
    const before = decrypts.n;
    const first = await sessionRefFrom(jar(t), SECRET);
    const second = await sessionRefFrom(jar(t), SECRET);
    expect(first).toEqual({ userId: "u-m1", sessionId: "s-m1" });
    expect(second).toEqual(first);
    expect(decrypts.n - before).toBe(1);
    // A caller changing what it got changes nothing that is kept.
    second!.userId = "someone-else";
    expect(await sessionRefFrom(jar(t), SECRET)).toEqual(first);
    vi.advanceTimersByTime(READ_TOKEN_TTL_MS + 1);
    expect(await sessionRefFrom(jar(t), SECRET)).toEqual(first);
    expect(decrypts.n - before).toBe(2);
  });

  it("never answers from memory for another secret, and never keeps a token it refused", async () => {
    const t = await token({ uid: "u-m2", sid: "s-m2" });
    expect(await sessionRefFrom(jar(t), SECRET)).toEqual({ userId: "u-m2", sessionId: "s-m2" });
    expect(await sessionRefFrom(jar(t), `${SECRET}-other`)).toBeNull();
    const before = decrypts.n;
    expect(await sessionRefFrom(jar("garbage"), SECRET)).toBeNull();
    expect(await sessionRefFrom(jar("garbage"), SECRET)).toBeNull();
    expect(decrypts.n - before).toBe(2);
    const noUser = await token({ sid: "s" });
    expect(await sessionRefFrom(jar(noUser), SECRET)).toBeNull();
    expect(await sessionRefFrom(jar(noUser), SECRET)).toBeNull();
    expect(decrypts.n - before).toBe(4);
  });
});
