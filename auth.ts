import NextAuth, { type NextAuthConfig } from "next-auth";
import { authConfig } from "@/auth.config";
import { provisionOnSignIn } from "@/lib/auth/provision-on-sign-in";
import { endSignedOutSession } from "@/lib/auth/sign-out";
import { buildProviders } from "@/lib/auth/providers";
import { env } from "@/lib/env";

/**
 * Auth.js: OAuth (Google, Kakao) and, in development only, a named sign-in. JWT sessions
 * without an adapter: at sign-in the `jwt` callback provisions our user (first sign-in:
 * user + account + signup bonus, exactly once) and opens a sign-in session; the token keeps
 * only the user id and the session id. Signing out ends that session in the database.
 * Configuration is read lazily, so `next build` never needs the variables, and built once
 * (Auth.js calls the function on every request). Requests read the session from the cookie
 * themselves (lib/auth/session-token.ts); Auth.js runs for sign-in and sign-out.
 */
let config: NextAuthConfig | undefined;

export const { handlers, signIn, signOut } = NextAuth(() => (config ??= buildConfig()));

function buildConfig(): NextAuthConfig {
  const e = env();
  return {
    ...authConfig,
    secret: e.AUTH_SECRET,
    providers: buildProviders(e),
    callbacks: {
      ...authConfig.callbacks,
      async jwt({ token, account, profile, user }) {
        if (!account) return token;
        const { uid, sid } = await provisionOnSignIn({ account, profile, user });
        // Drop name, e-mail and picture: the session names the user, the database describes them.
        return { uid, sid };
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message) await endSignedOutSession(message.token?.sid);
      },
    },
  };
}
