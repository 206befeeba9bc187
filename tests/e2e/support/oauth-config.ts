/**
 * The offline OAuth fakes of the end-to-end tests: ports derived from the app server's port
 * (+10 the Google OIDC issuer, +11 the Kakao fake and the control endpoint) and the client
 * credentials that scripts/e2e-server.sh hands to the app (keep the two in step).
 *
 * App server n (one per Playwright worker, n = its parallel index) listens on
 * E2E_PORT + 50·n. A server process gets its own port as E2E_PORT; a test worker finds its
 * server by TEST_PARALLEL_INDEX, which Playwright sets in every worker.
 */
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const SERVER_PORT_STRIDE = 50;
export const appPortOf = (parallelIndex: number) => E2E_BASE_PORT + SERVER_PORT_STRIDE * parallelIndex;
export const E2E_PORT = appPortOf(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
export const GOOGLE_PORT = E2E_PORT + 10;
export const KAKAO_PORT = E2E_PORT + 11;
export const GOOGLE_ISSUER = `http://localhost:${GOOGLE_PORT}`;
export const KAKAO_URL = `http://localhost:${KAKAO_PORT}`;
export const CONTROL_URL = `${KAKAO_URL}/__control`;

export const GOOGLE_CLIENT = { id: "e2e-google-client", secret: "e2e-google-secret" };
export const KAKAO_CLIENT = { id: "e2e-kakao-client", secret: "e2e-kakao-secret" };

/** Allow-listed admin e-mail of the e2e server (ADMIN_EMAILS in scripts/e2e-server.sh). */
export const E2E_ADMIN_EMAIL = "boss@ox-e2e.test";

export type FakeUser = {
  sub: string;
  email?: string | null;
  emailVerified?: boolean;
  nickname?: string | null;
  picture?: string | null;
};

/**
 * One-shot tampering of the next sign-in: `state` rewrites the state on the redirect back;
 * the others change the next ID token (Google only).
 */
export type Tamper = "state" | "nonce" | "issuer" | "audience" | "expired";
