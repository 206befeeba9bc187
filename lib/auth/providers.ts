import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import Kakao from "next-auth/providers/kakao";
import type { Env } from "@/lib/env";
import { devAccountId, devSignInSchema } from "./identities";

type Provider = NextAuthConfig["providers"][number];

/** Providers that are configured (ids and secrets present); the sign-in page shows exactly these. */
export function enabledProviders(e: Env): { google: boolean; kakao: boolean; dev: boolean } {
  return {
    google: Boolean(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET),
    kakao: Boolean(e.AUTH_KAKAO_ID && e.AUTH_KAKAO_SECRET),
    // env() already refuses DEV_LOGIN with NODE_ENV=production or APP_ENV=production.
    dev: e.DEV_LOGIN && e.NODE_ENV !== "production" && !e.isProduction,
  };
}

/**
 * The Auth.js providers. No e-mail linking between providers (allowDangerousEmailAccountLinking
 * stays off): an identity is (provider, provider account id). Every OAuth flow checks state
 * and PKCE; Google also the OIDC nonce. The issuer and Kakao endpoints can point at local
 * fakes for tests (start-up refuses those switches in production).
 */
export function buildProviders(e: Env): Provider[] {
  const on = enabledProviders(e);
  const providers: Provider[] = [];
  if (on.google) {
    providers.push(
      Google({
        clientId: e.AUTH_GOOGLE_ID,
        clientSecret: e.AUTH_GOOGLE_SECRET,
        checks: ["pkce", "state", "nonce"],
        ...(e.AUTH_GOOGLE_ISSUER ? { issuer: e.AUTH_GOOGLE_ISSUER.replace(/\/$/, "") } : {}),
      }),
    );
  }
  if (on.kakao) {
    const kauth = (e.AUTH_KAKAO_BASE_URL ?? "https://kauth.kakao.com").replace(/\/$/, "");
    const kapi = (e.AUTH_KAKAO_API_URL ?? "https://kapi.kakao.com").replace(/\/$/, "");
    providers.push(
      Kakao({
        clientId: e.AUTH_KAKAO_ID,
        clientSecret: e.AUTH_KAKAO_SECRET,
        checks: ["pkce", "state"],
        // "?scope" with no value: Kakao takes the consent items configured for the app.
        authorization: `${kauth}/oauth/authorize?scope`,
        token: `${kauth}/oauth/token`,
        userinfo: `${kapi}/v2/user/me`,
      }),
    );
  }
  if (on.dev) {
    providers.push(
      Credentials({
        id: "dev",
        name: "Development",
        credentials: { nickname: { label: "Nickname" }, role: { label: "Role" } },
        authorize(credentials) {
          const parsed = devSignInSchema.safeParse({
            nickname: credentials.nickname,
            role: credentials.role,
          });
          if (!parsed.success) return null;
          const { nickname, role } = parsed.data;
          return { id: devAccountId(nickname, role), name: nickname };
        },
      }),
    );
  }
  return providers;
}
