import { NextResponse, type NextRequest } from "next/server";
import { needsSignIn } from "@/auth.config";
import { safeCallbackPath } from "@/lib/auth/callback-url";

/**
 * Next 16's proxy: sends visitors without a session cookie away from /me/** and /admin/** to
 * /signin with a same-origin callbackUrl. A convenience only: every page, action and handler
 * checks the session and the role again itself (lib/auth/guards.ts).
 *
 * It only looks for the cookie and never asks Auth.js for the session: that would re-issue
 * the cookie on every request, and a prefetch still in flight when the player signs out would
 * then bring the session back.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(req: NextRequest): boolean {
  return req.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

export default function proxy(req: NextRequest) {
  if (!needsSignIn(req.nextUrl.pathname) || hasSessionCookie(req)) return NextResponse.next();
  const signIn = new URL("/signin", req.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", safeCallbackPath(`${req.nextUrl.pathname}${req.nextUrl.search}`, req.nextUrl.origin));
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/me", "/me/:path*", "/admin", "/admin/:path*"],
};
