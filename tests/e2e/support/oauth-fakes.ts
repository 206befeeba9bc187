/**
 * Offline OAuth providers for the end-to-end tests (run with `npx tsx`):
 *  - Google: oauth2-mock-server as an OIDC issuer on GOOGLE_PORT (discovery, authorize,
 *    token with a signed ID token carrying the chosen user, PKCE and nonce honoured);
 *  - Kakao: a small fake of kauth (/oauth/authorize, /oauth/token) and kapi (/v2/user/me) on
 *    KAKAO_PORT, checking client credentials, redirect URI and PKCE like the real one;
 *  - a control endpoint on KAKAO_PORT: POST /__control/{google|kakao} { user?, tamper? }
 *    chooses who signs in next and arms a one-shot tampering.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { OAuth2Server } from "oauth2-mock-server";
import {
  GOOGLE_CLIENT,
  GOOGLE_ISSUER,
  GOOGLE_PORT,
  KAKAO_CLIENT,
  KAKAO_PORT,
  type FakeUser,
  type Tamper,
} from "./oauth-config";

type ProviderState = { user: FakeUser; tamper: Tamper | null };
const state: Record<"google" | "kakao", ProviderState> = {
  google: {
    user: {
      sub: "google-default",
      email: "player@gmail.example",
      emailVerified: true,
      nickname: "Google Player",
    },
    tamper: null,
  },
  kakao: {
    user: { sub: "1000001", email: "player@kakao.example", emailVerified: true, nickname: "카카오 플레이어" },
    tamper: null,
  },
};

function takeTamper(provider: "google" | "kakao", kinds: Tamper[]): Tamper | null {
  const t = state[provider].tamper;
  if (t && kinds.includes(t)) {
    state[provider].tamper = null;
    return t;
  }
  return null;
}

// ---------------------------------------------------------------- Google (OIDC issuer)

async function startGoogle(): Promise<OAuth2Server> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  // It would announce the address it is bound to; the app and the browser use localhost.
  server.issuer.url = GOOGLE_ISSUER;

  server.service.on("beforeAuthorizeRedirect", (redirect: { url: URL }) => {
    if (takeTamper("google", ["state"]))
      redirect.url.searchParams.set("state", `tampered-${randomBytes(8).toString("hex")}`);
  });

  server.service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }) => {
    // The access token carries a scope; the ID token carries the audience.
    if ("scope" in token.payload || !("aud" in token.payload)) return;
    const u = state.google.user;
    Object.assign(token.payload, {
      sub: u.sub,
      email: u.email ?? undefined,
      email_verified: u.email ? (u.emailVerified ?? false) : undefined,
      name: u.nickname ?? undefined,
      picture: u.picture ?? undefined,
    });
    const now = Math.floor(Date.now() / 1000);
    switch (takeTamper("google", ["nonce", "issuer", "audience", "expired"])) {
      case "nonce":
        token.payload.nonce = `wrong-${randomBytes(8).toString("hex")}`;
        break;
      case "issuer":
        token.payload.iss = "https://accounts.evil.example";
        break;
      case "audience":
        token.payload.aud = "someone-elses-client";
        break;
      case "expired":
        Object.assign(token.payload, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
        break;
    }
  });

  // Like Google: the token endpoint wants this client's id and secret (client_secret_basic).
  server.service.on(
    "beforeResponse",
    (res: { body: unknown; statusCode: number }, req: http.IncomingMessage) => {
      const [scheme, value] = (req.headers.authorization ?? "").split(" ");
      const [id, secret] =
        scheme === "Basic" && value
          ? Buffer.from(value, "base64").toString("utf8").split(":").map(decodeURIComponent)
          : [];
      if (id !== GOOGLE_CLIENT.id || secret !== GOOGLE_CLIENT.secret) {
        res.statusCode = 401;
        res.body = { error: "invalid_client" };
      }
    },
  );

  server.service.on("beforeUserinfo", (res: { body: Record<string, unknown> }) => {
    const u = state.google.user;
    res.body = {
      sub: u.sub,
      email: u.email,
      email_verified: u.emailVerified ?? false,
      name: u.nickname,
      picture: u.picture,
    };
  });

  await server.start(GOOGLE_PORT);
  return server;
}

// ---------------------------------------------------------------- Kakao fake + control

type PendingCode = {
  redirectUri: string;
  challenge: string | null;
  method: string | null;
  user: FakeUser;
  expires: number;
};
const codes = new Map<string, PendingCode>();
const accessTokens = new Map<string, FakeUser>();

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const b64url = (buf: Buffer) => buf.toString("base64url");

function kakaoProfile(u: FakeUser) {
  const id = Number(u.sub);
  return {
    id: Number.isSafeInteger(id) ? id : u.sub,
    connected_at: "2026-01-01T00:00:00Z",
    properties: { nickname: u.nickname ?? undefined },
    kakao_account: {
      profile_nickname_needs_agreement: false,
      profile: { nickname: u.nickname ?? undefined, is_default_image: true },
      has_email: Boolean(u.email),
      email_needs_agreement: false,
      ...(u.email
        ? { email: u.email, is_email_valid: true, is_email_verified: u.emailVerified ?? false }
        : {}),
    },
  };
}

async function handleKakao(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", `http://localhost:${KAKAO_PORT}`);

  if (url.pathname === "/health") return send(res, 200, { ok: true });

  if (url.pathname.startsWith("/__control/") && req.method === "POST") {
    const provider = url.pathname.slice("/__control/".length);
    if (provider !== "google" && provider !== "kakao") return send(res, 404, { error: "unknown provider" });
    const body = JSON.parse((await readBody(req)) || "{}") as { user?: FakeUser; tamper?: Tamper | null };
    if (body.user) state[provider].user = body.user;
    if (body.tamper !== undefined) state[provider].tamper = body.tamper;
    return send(res, 200, { ok: true, ...state[provider] });
  }

  if (url.pathname === "/oauth/authorize" && req.method === "GET") {
    const q = url.searchParams;
    if (q.get("client_id") !== KAKAO_CLIENT.id) return send(res, 400, { error: "invalid_client" });
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri || q.get("response_type") !== "code")
      return send(res, 400, { error: "invalid_request" });
    const code = b64url(randomBytes(24));
    codes.set(code, {
      redirectUri,
      challenge: q.get("code_challenge"),
      method: q.get("code_challenge_method"),
      user: state.kakao.user,
      expires: Date.now() + 5 * 60_000,
    });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    const st = q.get("state");
    if (st)
      back.searchParams.set(
        "state",
        takeTamper("kakao", ["state"]) ? `tampered-${randomBytes(8).toString("hex")}` : st,
      );
    res.writeHead(302, { location: back.toString() });
    return res.end();
  }

  if (url.pathname === "/oauth/token" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") !== "authorization_code")
      return send(res, 400, { error: "unsupported_grant_type" });
    // Kakao authenticates the client with client_secret_post.
    if (form.get("client_id") !== KAKAO_CLIENT.id || form.get("client_secret") !== KAKAO_CLIENT.secret) {
      return send(res, 401, { error: "invalid_client", error_code: "KOE010" });
    }
    const code = form.get("code") ?? "";
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending || pending.expires < Date.now() || pending.redirectUri !== form.get("redirect_uri")) {
      return send(res, 400, { error: "invalid_grant", error_code: "KOE320" });
    }
    if (pending.challenge) {
      const verifier = form.get("code_verifier") ?? "";
      const computed =
        pending.method === "S256" ? b64url(createHash("sha256").update(verifier).digest()) : verifier;
      if (computed !== pending.challenge)
        return send(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
    }
    const accessToken = b64url(randomBytes(32));
    accessTokens.set(accessToken, pending.user);
    return send(res, 200, {
      token_type: "bearer",
      access_token: accessToken,
      expires_in: 21599,
      refresh_token: b64url(randomBytes(32)),
      refresh_token_expires_in: 5183999,
    });
  }

  if (url.pathname === "/v2/user/me") {
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const user = accessTokens.get(token);
    if (!user) return send(res, 401, { msg: "this access token does not exist", code: -401 });
    return send(res, 200, kakaoProfile(user));
  }

  return send(res, 404, { error: "not found" });
}

async function main() {
  const google = await startGoogle();
  const kakao = http.createServer((req, res) => {
    handleKakao(req, res).catch((err) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => kakao.listen(KAKAO_PORT, resolve));
  console.log(`OAuth fakes: Google issuer ${GOOGLE_ISSUER}, Kakao + control http://localhost:${KAKAO_PORT}`);
  const stop = async () => {
    kakao.close();
    await google.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

void main();
