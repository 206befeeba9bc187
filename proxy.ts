import { NextResponse, type NextRequest } from "next/server";
import { needsSignIn } from "@/auth.config";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/origin";
import { localeOfHeaders } from "@/lib/i18n/config";
import { localizedError } from "@/lib/i18n/server-errors";
import { contentSecurityPolicy, HSTS, newNonce, overHttps } from "@/lib/http/security-headers";

/**
 * Next 16's proxy, on every request but static files:
 * - Server Actions must come from our own origin: a foreign or missing Origin is answered
 *   403 here (Next itself would fail with a 500 on a foreign one and only warn on a missing one).
 * - Sends visitors without a session cookie away from /me/** and /admin/** to /signin with a
 *   same-origin callbackUrl. A convenience only: every page, action and handler checks the
 *   session and the role again itself (lib/auth/guards.ts).
 * - A Content Security Policy with a fresh nonce, on the request (Next puts the nonce on its
 *   own scripts; the layout hands it to next-themes) and on the response; HSTS over https only.
 *
 * It only looks for the cookie and never asks Auth.js for the session: that would re-issue
 * the cookie on every request, and a prefetch still in flight when the player signs out would
 * then bring the session back.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(req: NextRequest): boolean {
  return req.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

export default function proxy(req: NextRequest) {
  if (
    req.method === "POST" &&
    req.headers.has("next-action") &&
    !isSameOrigin(req.headers.get("origin"), env().PUBLIC_BASE_URL, req.nextUrl.origin)
  ) {
    const err = new AppError(
      "forbidden:cross_site",
      "This request must come from the OX Universe site itself.",
    );
    return NextResponse.json(localizedError(err, localeOfHeaders(req.headers)), { status: err.status });
  }
  if (needsSignIn(req.nextUrl.pathname) && !hasSessionCookie(req)) {
    const signIn = new URL("/signin", req.nextUrl.origin);
    signIn.searchParams.set(
      "callbackUrl",
      safeCallbackPath(`${req.nextUrl.pathname}${req.nextUrl.search}`, req.nextUrl.origin),
    );
    return NextResponse.redirect(signIn);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV !== "production",
    imgOrigins: env().CSP_IMG_ORIGINS,
  });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  if (overHttps(req.nextUrl.protocol, req.headers.get("x-forwarded-proto")))
    res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

export const config = {
  // Pages (their CSP nonce, the Server Action Origin check, the sign-in redirect): everything but
  // the JSON API (route() checks Origin itself, and the proxy must not stand between a route and
  // its bounded body read), the build's static files and the public folder's pictures.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon\\.ico|rewards/|.*\\.(?:svg|png|jpg|jpeg|webp|ico|txt|webmanifest)$).*)",
  ],
};
