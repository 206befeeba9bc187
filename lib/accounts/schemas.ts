import { z } from "zod";
import type { userRole } from "@/db/schema/users";
import { nicknameSchema } from "./nickname";

export const OAUTH_PROVIDERS = ["google", "kakao", "dev"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
// Spelled out so the profile form can import this file without drizzle; checked against the schema below.
export const USER_ROLES = ["player", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
type DbUserRole = (typeof userRole.enumValues)[number];
const _rolesMatch: [UserRole, DbUserRole] extends [DbUserRole, UserRole] ? true : never = true;
void _rolesMatch;

/** The profile form: the player's own nickname. */
export const setNicknameSchema = z.object({ nickname: nicknameSchema }).strict();

/** The admin form: change a player's role. */
export const setRoleSchema = z
  .object({ userId: z.uuid("Choose a player"), role: z.enum(USER_ROLES) })
  .strict();

/** What the Auth.js callback hands over after the provider verified the sign-in. */
export const provisionSchema = z
  .object({
    provider: z.enum(OAUTH_PROVIDERS),
    providerAccountId: z.string().trim().min(1).max(255),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320)
      .nullish()
      .transform((v) => (v && z.email().safeParse(v).success ? v : null)),
    emailVerified: z.boolean(),
    nickname: z.string().max(1000).nullish(),
    image: z.string().trim().nullish().transform(safeImageUrl),
    adminEmails: z.array(z.string()).readonly(),
    now: z.date(),
  })
  .strict();
export type ProvisionInput = z.input<typeof provisionSchema>;

/**
 * A provider picture URL we are willing to render: http(s) only, https preferred (Kakao
 * still hands out some http:// CDN links, which also serve https). Anything else is dropped.
 */
function safeImageUrl(v: string | null | undefined): string | null {
  if (!v || v.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "http:" && !local) url.protocol = "https:";
  return url.protocol === "https:" || (url.protocol === "http:" && local) ? url.toString() : null;
}

/** An admin suspends a player: the reason is kept and shown to admins. */
export const suspendSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/** The word a player types to delete their account (either language). */
export const DELETE_CONFIRMATIONS = ["DELETE", "삭제"] as const;

/** "Delete my account": the confirmation must be typed exactly. */
export const deleteAccountSchema = z
  .object({
    confirm: z
      .string()
      .trim()
      .refine(
        (v) => (DELETE_CONFIRMATIONS as readonly string[]).includes(v),
        "Type DELETE (or 삭제) to confirm.",
      ),
  })
  .strict();
