import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { retiredIdentities } from "@/db/schema";
import { env } from "@/lib/env";

/**
 * The provider identities of deleted accounts, kept only as a keyed hash: HMAC-SHA256 of
 * "provider:providerAccountId" under a key derived (HKDF) from AUTH_SECRET. It cannot be turned
 * back into the identity, nor compared across installations. Used for one purpose only: a
 * deleted player who signs in again gets a new player without a second signup bonus
 * (docs/rules.md, "Suspension and account deletion").
 */
let cached: { secret: string; key: Buffer } | undefined;

function hashKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cached?.secret !== secret) {
    const key = Buffer.from(hkdfSync("sha256", secret, "ox-universe", "retired provider identity", 32));
    cached = { secret, key };
  }
  return cached.key;
}

export function identityHash(provider: string, providerAccountId: string): string {
  return createHmac("sha256", hashKey()).update(`${provider}:${providerAccountId}`).digest("hex");
}

/** Remember that these identities once belonged to a (now deleted) player. */
export async function retireIdentities(
  tx: Tx,
  identities: { provider: string; providerAccountId: string }[],
  now: Date,
): Promise<void> {
  if (identities.length === 0) return;
  await tx
    .insert(retiredIdentities)
    .values(
      identities.map((i) => ({
        identityHash: identityHash(i.provider, i.providerAccountId),
        retiredAt: now,
      })),
    )
    .onConflictDoNothing();
}

/** Whether this identity belonged to a deleted player (then no signup bonus). */
export async function wasRetired(tx: Tx, provider: string, providerAccountId: string): Promise<boolean> {
  const [row] = await tx
    .select({ h: retiredIdentities.identityHash })
    .from(retiredIdentities)
    .where(eq(retiredIdentities.identityHash, identityHash(provider, providerAccountId)))
    .limit(1);
  return Boolean(row);
}
