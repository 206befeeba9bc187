import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";
import { provisionOnSignIn } from "@/lib/auth/provision-on-sign-in";
import { buildProviders } from "@/lib/auth/providers";
import { env } from "@/lib/env";

/**
 * Auth.js: OAuth (Google, Kakao) and, in development only, a named sign-in. JWT sessions
 * without an adapter: at sign-in the `jwt` callback provisions our user (first sign-in:
 * user + account + signup bonus, exactly once) and keeps only the user id in the token.
 * Configuration is read lazily, so `next build` never needs the variables.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const e = env();
  return {
    ...authConfig,
    secret: e.AUTH_SECRET,
    providers: buildProviders(e),
    callbacks: {
      ...authConfig.callbacks,
      async jwt({ token, account, profile, user }) {
        if (!account) return token;
        const uid = await provisionOnSignIn({ account, profile, user });
        // Drop name, e-mail and picture: the session names the user, the database describes them.
        return { uid };
      },
    },
  };
});
