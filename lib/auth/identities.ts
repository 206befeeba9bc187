import { createHash } from "node:crypto";
import { z } from "zod";
import { nicknameSchema } from "@/lib/accounts/nickname";
import type { OAuthProvider } from "@/lib/accounts/schemas";

/**
 * What a verified sign-in tells us about a person, per provider, before provisioning.
 * Pure: the Auth.js `jwt` callback hands over the provider's profile, these functions decide
 * which e-mail counts as verified and which name to start from.
 */
export type SignInIdentity = {
  provider: OAuthProvider;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  nickname: string | null;
  image: string | null;
  /** Extra allow-listed admin e-mails for this sign-in only (the development admin). */
  extraAdminEmails?: readonly string[];
};

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** Google's ID token claims. `email_verified` is a boolean (older tokens sent the string "true"). */
export function googleIdentity(profile: Record<string, unknown>): SignInIdentity {
  const sub = str(profile.sub);
  if (!sub) throw new Error("Google ID token without a subject");
  const email = str(profile.email);
  return {
    provider: "google",
    providerAccountId: sub,
    email,
    emailVerified: Boolean(email) && (profile.email_verified === true || profile.email_verified === "true"),
    nickname: str(profile.name) ?? str(profile.given_name),
    image: str(profile.picture),
  };
}

type KakaoAccount = {
  email?: unknown;
  is_email_valid?: unknown;
  is_email_verified?: unknown;
  profile?: { nickname?: unknown; profile_image_url?: unknown; thumbnail_image_url?: unknown };
};

/**
 * Kakao's `/v2/user/me`. An e-mail counts only when Kakao says it is both verified and still
 * valid (`is_email_verified && is_email_valid`); the nickname is the Kakao profile nickname.
 */
export function kakaoIdentity(profile: Record<string, unknown>): SignInIdentity {
  const id = profile.id;
  const providerAccountId = typeof id === "number" && Number.isSafeInteger(id) ? String(id) : str(id);
  if (!providerAccountId) throw new Error("Kakao profile without an id");
  const account = (
    typeof profile.kakao_account === "object" && profile.kakao_account ? profile.kakao_account : {}
  ) as KakaoAccount;
  const properties = (
    typeof profile.properties === "object" && profile.properties ? profile.properties : {}
  ) as Record<string, unknown>;
  const email = str(account.email);
  return {
    provider: "kakao",
    providerAccountId,
    email,
    emailVerified: Boolean(email) && account.is_email_verified === true && account.is_email_valid === true,
    nickname: str(account.profile?.nickname) ?? str(properties.nickname),
    image: str(account.profile?.profile_image_url) ?? str(properties.profile_image),
  };
}

/** The development sign-in form: a name and whether to be a player or an admin. */
export const devSignInSchema = z
  .object({
    nickname: nicknameSchema,
    role: z.enum(["player", "admin"]).default("player"),
  })
  .strict();

/** The development account behind a name and role: the same name and role always sign in as the same player. */
export function devAccountId(nickname: string, role: "player" | "admin"): string {
  return `${role}:${nickname.toLowerCase()}`;
}

/**
 * A development admin is made an admin the same way as a real one: through the e-mail
 * allow-list, with a verified address under the reserved `.invalid` domain that no real
 * provider can ever hand out.
 */
export function devAdminEmail(nickname: string): string {
  const hash = createHash("sha256").update(nickname.toLowerCase()).digest("hex").slice(0, 16);
  return `dev-admin-${hash}@ox-universe.invalid`;
}

export function devIdentity(input: { nickname: string; role: "player" | "admin" }): SignInIdentity {
  const admin = input.role === "admin";
  const email = admin ? devAdminEmail(input.nickname) : null;
  return {
    provider: "dev",
    providerAccountId: devAccountId(input.nickname, input.role),
    email,
    emailVerified: admin,
    nickname: input.nickname,
    image: null,
    extraAdminEmails: email ? [email] : [],
  };
}
