import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { buildProviders, enabledProviders } from "./providers";

const ids = (vars: Record<string, string>) =>
  buildProviders(parseEnv(vars))
    .map((p) => (typeof p === "function" ? p() : p))
    .map((p) => p.options?.id ?? p.id);

describe("providers", () => {
  it("appear only when configured (id and secret)", () => {
    expect(ids({})).toEqual([]);
    expect(ids({ AUTH_GOOGLE_ID: "g" })).toEqual([]);
    expect(ids({ AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "s" })).toEqual(["google"]);
    expect(ids({ AUTH_KAKAO_ID: "k", AUTH_KAKAO_SECRET: "s" })).toEqual(["kakao"]);
  });

  it("the development sign-in exists only with DEV_LOGIN outside production", () => {
    expect(ids({ DEV_LOGIN: "1" })).toEqual(["dev"]);
    expect(enabledProviders(parseEnv({ DEV_LOGIN: "1", NODE_ENV: "development" })).dev).toBe(true);
    expect(enabledProviders(parseEnv({ DEV_LOGIN: "0" })).dev).toBe(false);
    // The configuration itself refuses it under NODE_ENV=production (lib/env.test.ts), so it never gets here.
    expect(() => parseEnv({ DEV_LOGIN: "1", NODE_ENV: "production" })).toThrow(/DEV_LOGIN/);
  });

  it("test fakes replace Google's issuer and Kakao's endpoints; OAuth flows check state and PKCE (Google also the nonce)", () => {
    const providers = buildProviders(
      parseEnv({
        AUTH_GOOGLE_ID: "g",
        AUTH_GOOGLE_SECRET: "s",
        AUTH_GOOGLE_ISSUER: "http://localhost:3110/",
        AUTH_KAKAO_ID: "k",
        AUTH_KAKAO_SECRET: "s",
        AUTH_KAKAO_BASE_URL: "http://localhost:3111",
        AUTH_KAKAO_API_URL: "http://localhost:3111",
      }),
    ).map((p) => (typeof p === "function" ? p() : p));
    const [google, kakao] = providers as unknown as { options: Record<string, unknown> }[];
    expect(google!.options).toMatchObject({
      issuer: "http://localhost:3110",
      checks: ["pkce", "state", "nonce"],
    });
    expect(google!.options.allowDangerousEmailAccountLinking).toBeUndefined();
    expect(kakao!.options).toMatchObject({
      authorization: "http://localhost:3111/oauth/authorize?scope",
      token: "http://localhost:3111/oauth/token",
      userinfo: "http://localhost:3111/v2/user/me",
      checks: ["pkce", "state"],
    });
  });
});
