import { describe, expect, it } from "vitest";
import {
  devAccountId,
  devAdminEmail,
  devIdentity,
  devSignInSchema,
  googleIdentity,
  kakaoIdentity,
} from "./identities";

describe("googleIdentity (ID token claims)", () => {
  it("takes sub, e-mail, email_verified, name and picture", () => {
    expect(
      googleIdentity({
        sub: "1234",
        email: "jisoo@gmail.com",
        email_verified: true,
        name: "Jisoo Kim",
        picture: "https://lh3.example/p.png",
      }),
    ).toEqual({
      provider: "google",
      providerAccountId: "1234",
      email: "jisoo@gmail.com",
      emailVerified: true,
      nickname: "Jisoo Kim",
      image: "https://lh3.example/p.png",
    });
  });

  it.each([
    [{ email_verified: false }, false],
    [{ email_verified: "true" }, true],
    [{ email_verified: "yes" }, false],
    [{}, false],
  ])("email_verified %j → %s", (claims, verified) => {
    expect(googleIdentity({ sub: "1", email: "a@b.example", ...claims }).emailVerified).toBe(verified);
  });

  it("an e-mail that is absent is never verified", () => {
    expect(googleIdentity({ sub: "1", email_verified: true })).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it("refuses a token without a subject", () => {
    expect(() => googleIdentity({ email: "a@b.example" })).toThrow(/subject/);
  });
});

describe("kakaoIdentity (/v2/user/me)", () => {
  const account = (over: Record<string, unknown> = {}) => ({
    id: 4242,
    kakao_account: {
      email: "minsu@kakao.example",
      is_email_valid: true,
      is_email_verified: true,
      profile: { nickname: "민수", profile_image_url: "https://k.kakaocdn.example/p.jpg" },
      ...over,
    },
  });

  it("takes the numeric id as text, the profile nickname and picture", () => {
    expect(kakaoIdentity(account())).toEqual({
      provider: "kakao",
      providerAccountId: "4242",
      email: "minsu@kakao.example",
      emailVerified: true,
      nickname: "민수",
      image: "https://k.kakaocdn.example/p.jpg",
    });
  });

  it.each([
    [{ is_email_verified: false }],
    [{ is_email_valid: false }],
    [{ is_email_verified: undefined }],
    [{ is_email_verified: "true" }],
  ])("an e-mail counts only when verified and valid: %j", (over) => {
    expect(kakaoIdentity(account(over)).emailVerified).toBe(false);
  });

  it("falls back to properties.nickname and has no e-mail without consent", () => {
    expect(
      kakaoIdentity({
        id: 7,
        properties: { nickname: "옛닉" },
        kakao_account: { email_needs_agreement: true },
      }),
    ).toMatchObject({
      nickname: "옛닉",
      email: null,
      emailVerified: false,
    });
  });

  it("refuses a profile without an id", () => {
    expect(() => kakaoIdentity({ kakao_account: {} })).toThrow(/id/);
  });
});

describe("development sign-in", () => {
  it("one name and role is one account; player and admin of a name are different accounts", () => {
    expect(devAccountId("Kim", "player")).toBe(devAccountId("kim", "player"));
    expect(devAccountId("kim", "player")).not.toBe(devAccountId("kim", "admin"));
  });

  it("an admin gets a verified allow-listed e-mail under .invalid; a player none", () => {
    const admin = devIdentity({ nickname: "Boss", role: "admin" });
    expect(admin.email).toBe(devAdminEmail("boss"));
    expect(admin.email).toMatch(/@ox-universe\.invalid$/);
    expect(admin).toMatchObject({ provider: "dev", emailVerified: true, extraAdminEmails: [admin.email] });
    expect(devIdentity({ nickname: "kim", role: "player" })).toMatchObject({
      email: null,
      emailVerified: false,
      extraAdminEmails: [],
    });
  });

  it("the form uses the shared nickname rules", () => {
    expect(devSignInSchema.parse({ nickname: "  Kim  " })).toEqual({ nickname: "Kim", role: "player" });
    expect(devSignInSchema.safeParse({ nickname: "admin", role: "admin" }).success).toBe(false);
    expect(devSignInSchema.safeParse({ nickname: "kim", role: "root" }).success).toBe(false);
    expect(devSignInSchema.safeParse({ nickname: "kim", extra: 1 }).success).toBe(false);
  });
});
