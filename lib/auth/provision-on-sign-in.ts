import "server-only";
import type { Account, Profile, User } from "next-auth";
import { getDb } from "@/db";
import { provisionOAuthUser } from "@/lib/accounts/provision";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startSession } from "./sessions";
import { devIdentity, googleIdentity, kakaoIdentity, type SignInIdentity } from "./identities";

/** The provider's verified sign-in, as our identity. Throws for a provider we do not know. */
export function identityFromSignIn(input: {
  account: Account;
  profile?: Profile;
  user?: User;
}): SignInIdentity {
  const { account, profile, user } = input;
  switch (account.provider) {
    case "google":
      return googleIdentity((profile ?? {}) as Record<string, unknown>);
    case "kakao":
      return kakaoIdentity((profile ?? {}) as Record<string, unknown>);
    case "dev": {
      const role = account.providerAccountId.startsWith("admin:") ? "admin" : "player";
      return devIdentity({ nickname: user?.name ?? "", role });
    }
    default:
      throw new Error(`sign-in through an unknown provider: ${account.provider}`);
  }
}

/** Called by the Auth.js `jwt` callback at sign-in; returns our user id and a new session id for the token. */
export async function provisionOnSignIn(input: {
  account: Account;
  profile?: Profile;
  user?: User;
}): Promise<{ uid: string; sid: string }> {
  const identity = identityFromSignIn(input);
  const { extraAdminEmails = [], ...profile } = identity;
  const db = await getDb();
  const now = appClock.now();
  const { user, created } = await provisionOAuthUser(db, {
    ...profile,
    adminEmails: [...env().ADMIN_EMAILS, ...extraAdminEmails],
    now,
  });
  const sid = await startSession(db, { userId: user.id, provider: identity.provider, now });
  log.info({ userId: user.id, provider: identity.provider, created }, "signed in");
  return { uid: user.id, sid };
}
