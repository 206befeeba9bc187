/**
 * Sign-in over plain HTTP through the real Auth.js flow against the offline Kakao fake
 * (tests/e2e/support/oauth-fakes.ts): the session cookie is the one the app itself issues.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { HttpClient } from "./http-client";

export type OAuthFakes = { port: number; controlUrl: string; stop: () => Promise<void> };

/** What an app server needs to sign in through the fakes started for `port` (as scripts/e2e-server.sh sets). */
export function oauthEnv(port: number): Record<string, string> {
  return {
    AUTH_KAKAO_ID: "e2e-kakao-client",
    AUTH_KAKAO_SECRET: "e2e-kakao-secret",
    AUTH_KAKAO_BASE_URL: `http://localhost:${port + 11}`,
    AUTH_KAKAO_API_URL: `http://localhost:${port + 11}`,
    AUTH_GOOGLE_ID: "e2e-google-client",
    AUTH_GOOGLE_SECRET: "e2e-google-secret",
    AUTH_GOOGLE_ISSUER: `http://localhost:${port + 10}`,
    // Every sign-in of a test comes from 127.0.0.1.
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
  };
}

export async function startOAuthFakes(port: number): Promise<OAuthFakes> {
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["tests/e2e/support/oauth-fakes.ts"], {
    env: { ...process.env, E2E_PORT: String(port) },
    detached: true,
    stdio: "ignore",
  });
  const health = `http://localhost:${port + 11}/health`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(health, { signal: AbortSignal.timeout(1_000) })).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error("OAuth fakes did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    controlUrl: `http://localhost:${port + 11}/__control`,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // gone
      }
    },
  };
}

export type KakaoUser = {
  sub: string;
  email?: string | null;
  emailVerified?: boolean;
  nickname?: string | null;
};

/** Signs `user` in on `client` (Kakao); resolves once the session cookie is set. One at a time per fakes. */
export async function signInWithKakao(client: HttpClient, fakes: OAuthFakes, user: KakaoUser): Promise<void> {
  const control = await fetch(`${fakes.controlUrl}/kakao`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  if (!control.ok) throw new Error(`fake control: ${control.status}`);
  const csrf = await client.json<{ csrfToken: string }>("/api/auth/csrf");
  const start = await client.request("/api/auth/signin/kakao", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, callbackUrl: "/" }).toString(),
  });
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize)
    throw new Error(`sign-in start: ${start.status} ${await start.text()}`);
  const back = await fetch(authorize, { redirect: "manual" });
  const callback = back.headers.get("location");
  if (!callback) throw new Error(`authorize: ${back.status}`);
  const done = await client.request(callback);
  if (done.status !== 302 && done.status !== 303)
    throw new Error(`callback: ${done.status} ${await done.text()}`);
  const session = [...["authjs.session-token", "__Secure-authjs.session-token"]].some((n) =>
    client.cookie(n),
  );
  if (!session)
    throw new Error(
      `no session cookie after sign-in (callback answered ${done.status} → ${done.headers.get("location")})`,
    );
}
