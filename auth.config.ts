import type { DefaultSession, NextAuthConfig } from "next-auth";
import { sameOriginRedirect } from "@/lib/auth/callback-url";

declare module "next-auth" {
  interface Session {
    /** Only the id: role, nickname and balance are read from the database where they matter. */
    user: { id: string } & DefaultSession["user"];
    /** The sign-in session (`user_sessions` row) the cookie belongs to; checked on every request. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** Our user id, set at sign-in. The token carries nothing else about the user. */
    uid?: string;
    /** Our sign-in session id, set at sign-in; the session ends when that row does. */
    sid?: string;
  }
}

/** Paths the proxy sends anonymous visitors away from (to /signin). Never the only check. */
const SIGNED_IN_AREAS = [/^\/me(\/|$)/, /^\/admin(\/|$)/];

export function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_AREAS.some((re) => re.test(pathname));
}

/**
 * The edge-safe half of the Auth.js configuration (no database, no providers), used by `auth.ts`.
 */
export const authConfig = {
  pages: { signIn: "/signin", error: "/signin" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  providers: [],
  callbacks: {
    // Open-redirect protection: callback URLs stay on this origin.
    redirect: sameOriginRedirect,
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.uid ?? "" },
        sessionId: token.sid,
      } as typeof session;
    },
  },
} satisfies NextAuthConfig;
