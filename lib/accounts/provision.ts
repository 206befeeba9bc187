import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { accounts, users, type Account, type User } from "@/db/schema";
import { emailHash } from "@/lib/crypto/fields";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { SIGNUP_BONUS_POINTS, refIds } from "@/lib/points/constants";
import { postEntry } from "@/lib/points/ledger";
import { isRetryableConflict } from "@/db/errors";
import { parseOrThrow } from "@/lib/validation";
import { fallbackNickname, sanitizeProviderNickname } from "./nickname";
import { hasCustomNickname, insertUserWithFreeNickname, renameToFreeNickname } from "./nickname-store";
import { wasRetired } from "./retired-identities";
import { provisionSchema, type ProvisionInput } from "./schemas";

export type ProvisionResult = { user: User; created: boolean };
type Profile = z.output<typeof provisionSchema>;

const MAX_ATTEMPTS = 5;
const ACCOUNT_TYPE = { google: "oidc", kakao: "oauth", dev: "dev" } as const;

/** Thrown inside the first sign-in to undo it: a concurrent sign-in created this account first. */
class AccountTakenMeanwhile extends Error {}

/**
 * The user behind an OAuth sign-in, created on the first one. Called from the Auth.js
 * sign-in callback after the provider verified the token.
 *
 * - An identity is (provider, providerAccountId). Nothing is ever linked by e-mail: the same
 *   person signing in with Google and with Kakao gets two users.
 * - First sign-in: user, account row and the 1000-point signup bonus in one transaction (no
 *   bonus for an identity whose earlier account was deleted: lib/accounts/retired-identities.ts). The
 *   accounts primary key decides between simultaneous first sign-ins: the losers roll back
 *   (their user row with them) and read the winner's account.
 * - Later sign-ins: refresh the account's provider data, sync a changed provider nickname
 *   (unless the player chose their own), record a newly verified e-mail, grant admin to an
 *   allow-listed verified e-mail. Nothing demotes at sign-in.
 * - ADMIN_EMAILS only bootstraps: once an admin has demoted a user, neither that user nor any
 *   other user with the same verified e-mail (a second provider account) is granted admin by it.
 */
export async function provisionOAuthUser(db: Database, input: ProvisionInput): Promise<ProvisionResult> {
  const profile = parseOrThrow(provisionSchema, input, {
    code: "unprocessable:sign_in_profile",
    message: "The sign-in provider sent an incomplete profile.",
  });
  for (let attempt = 1; ; attempt++) {
    let lastError: unknown;
    try {
      const existing = await findAccount(db, profile.provider, profile.providerAccountId);
      if (existing) return { user: await refreshOnSignIn(db, existing, profile), created: false };
      const user = await createOnFirstSignIn(db, profile);
      if (user) return { user, created: true };
      // Lost the race to a concurrent first sign-in: the next round finds its account.
    } catch (err) {
      if (!isRetryableConflict(err)) throw err;
      lastError = err;
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new AppError("unavailable:sign_in_busy", "Signing in is busy right now. Please try again.", {
        cause: lastError,
      });
    }
  }
}

/** Admin by configuration: only a provider-verified e-mail on the allow-list counts. */
export function isAllowListedAdmin(
  email: string | null,
  verified: boolean,
  adminEmails: readonly string[],
): boolean {
  if (!email || !verified) return false;
  const wanted = email.trim().toLowerCase();
  return adminEmails.some((e) => e.trim().toLowerCase() === wanted);
}

async function findAccount(
  db: Database | Tx,
  provider: string,
  providerAccountId: string,
): Promise<Account | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row;
}

/** The provider's display name as given (trimmed, bounded), kept to notice when it changes. */
function rawProviderNickname(nickname: string | null | undefined): string | null {
  const trimmed = nickname?.trim();
  return trimmed ? Array.from(trimmed).slice(0, 100).join("") : null;
}

async function createOnFirstSignIn(db: Database, p: Profile): Promise<User | undefined> {
  const id = randomUUID();
  const providerNickname = rawProviderNickname(p.nickname);
  const base = sanitizeProviderNickname(providerNickname) ?? fallbackNickname(id);
  // An unverified e-mail is kept on the account row only, never as the user's e-mail.
  const email = p.emailVerified ? p.email : null;
  const allowListed = isAllowListedAdmin(email, p.emailVerified, p.adminEmails);
  try {
    return await db.transaction(async (tx) => {
      const admin = allowListed && !(await wasDemoted(tx, email));
      const user = await insertUserWithFreeNickname(
        tx,
        {
          id,
          email,
          emailHash: email ? emailHash(email) : null,
          emailVerified: email ? p.now : null,
          image: p.image,
          role: admin ? "admin" : "player",
          createdAt: p.now,
          updatedAt: p.now,
          lastSignInAt: p.now,
        },
        base,
      );
      const [account] = await tx
        .insert(accounts)
        .values({
          provider: p.provider,
          providerAccountId: p.providerAccountId,
          userId: id,
          type: ACCOUNT_TYPE[p.provider],
          email: p.email,
          emailVerified: p.emailVerified && Boolean(p.email),
          providerNickname,
          createdAt: p.now,
          updatedAt: p.now,
        })
        .onConflictDoNothing({ target: [accounts.provider, accounts.providerAccountId] })
        .returning();
      if (!account) throw new AccountTakenMeanwhile();
      // One signup bonus per provider identity: not again after the player deleted their account.
      if (!(await wasRetired(tx, p.provider, p.providerAccountId)))
        await postEntry(tx, {
          userId: id,
          amount: SIGNUP_BONUS_POINTS,
          reason: "SIGNUP_BONUS",
          refId: refIds.signup(id),
          now: p.now,
        });
      if (admin) await auditAdminGrant(tx, id, p);
      return user;
    });
  } catch (err) {
    if (err instanceof AccountTakenMeanwhile) return undefined;
    throw err;
  }
}

async function refreshOnSignIn(db: Database, found: Account, p: Profile): Promise<User> {
  return db.transaction(async (tx) => {
    // The user row lock serialises simultaneous sign-ins of one player.
    const [user] = await tx.select().from(users).where(eq(users.id, found.userId)).for("update");
    if (!user) throw new AppError("not_found:user", "This account has no player any more.");
    const account = (await findAccount(tx, found.provider, found.providerAccountId)) ?? found;

    const providerNickname = rawProviderNickname(p.nickname);
    await tx
      .update(accounts)
      .set({
        email: p.email,
        emailVerified: p.emailVerified && Boolean(p.email),
        providerNickname,
        updatedAt: p.now,
      })
      .where(
        and(
          eq(accounts.provider, account.provider),
          eq(accounts.providerAccountId, account.providerAccountId),
        ),
      );

    const patch: Partial<typeof users.$inferInsert> = { lastSignInAt: p.now, updatedAt: p.now };
    if (p.emailVerified && p.email && (p.email !== user.email || !user.emailVerified)) {
      patch.email = p.email;
      patch.emailHash = emailHash(p.email);
      patch.emailVerified = p.now;
    }
    if (p.image && p.image !== user.image) patch.image = p.image;
    if (
      user.role !== "admin" &&
      !user.adminDemotedAt &&
      isAllowListedAdmin(p.email, p.emailVerified, p.adminEmails) &&
      !(await wasDemoted(tx, p.email))
    ) {
      patch.role = "admin";
      await auditAdminGrant(tx, user.id, p);
    }

    if (providerNickname && providerNickname !== account.providerNickname) {
      const base = sanitizeProviderNickname(providerNickname);
      if (base && base !== user.nickname && !(await hasCustomNickname(tx, user.id))) {
        await renameToFreeNickname(tx, user.id, base, p.now);
      }
    }

    const [updated] = await tx.update(users).set(patch).where(eq(users.id, user.id)).returning();
    return updated!;
  });
}

/** Whether an admin ever demoted a user with this (verified) e-mail: then ADMIN_EMAILS grants nothing to it. */
async function wasDemoted(tx: Tx, email: string | null): Promise<boolean> {
  if (!email) return false;
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.emailHash, emailHash(email)),
        isNotNull(users.emailVerified),
        isNotNull(users.adminDemotedAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function auditAdminGrant(tx: Tx, userId: string, p: Profile): Promise<void> {
  await recordAudit(tx, {
    actorId: null,
    action: "user.role_granted",
    target: `user:${userId}`,
    // Not the e-mail itself: the audit log is not encrypted (docs/architecture.md, "Encryption at rest").
    details: { role: "admin", via: "ADMIN_EMAILS", provider: p.provider },
    now: p.now,
  });
}
