import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";
import { env } from "@/lib/env";

/**
 * Next 16's proxy: sends anonymous visitors of /me/** and /admin/** to /signin with a
 * same-origin callbackUrl. A convenience only: every page, action and handler checks the
 * session and the role again itself (lib/auth/guards.ts). Reads the session with the
 * edge-safe configuration (no database).
 */
const { auth } = NextAuth(() => ({ ...authConfig, secret: env().AUTH_SECRET }));

export default auth;

export const config = {
  matcher: ["/me", "/me/:path*", "/admin", "/admin/:path*"],
};
