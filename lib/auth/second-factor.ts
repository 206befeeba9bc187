import "server-only";
import { createHash, randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Database, Tx } from "@/db/client";
import { adminRecoveryCodes, adminTotp } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { enforceRateLimit, type RateLimitRule } from "@/lib/ratelimit/rate-limit";
import { isUuid } from "@/lib/validation";
import { lockActingAdmin } from "./acting-admin";
import { endAllSessions, markSecondFactor, type SessionFacts } from "./sessions";

/**
 * The admin's second factor (docs/rules.md, "Admins"): TOTP (RFC 6238: SHA-1, 6 digits, 30 s)
 * with ten one-time recovery codes. The admin role takes effect in a session only after it
 * passed the factor, again every 12 hours, and a role change or a point adjustment needs it
 * passed within the last 5 minutes (a "recent" check, as a bank's transfer confirmation). The
 * owner of `admin_totp` and `admin_recovery_codes`.
 */
export const SECOND_FACTOR_TTL_MS = 12 * 60 * 60 * 1000;
export const RECENT_SECOND_FACTOR_MS = 5 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;
/** A code of the step before or after the server's is accepted (clock drift of a phone). */
const WINDOW = 1;
/** Attempts per admin: 5 in 15 minutes, whether right or wrong (a 6-digit code cannot be guessed at that rate). */
export const SECOND_FACTOR_ATTEMPTS: RateLimitRule = {
  name: "second-factor",
  limit: 5,
  windowMs: 15 * 60_000,
};

export type SecondFactorLevel = "none" | "session" | "recent";

/**
 * Whether a session of an admin has the second factor the request needs. The development
 * sign-in (never available in production) skips it, outside production only.
 */
export function assertSecondFactor(
  session: SessionFacts,
  level: SecondFactorLevel,
  now: Date,
  production = env().isProduction,
): void {
  if (level === "none") return;
  if (session.provider === "dev" && !production) return;
  const at = session.secondFactorAt?.getTime();
  if (at === undefined || now.getTime() - at >= SECOND_FACTOR_TTL_MS || at > now.getTime() + 60_000)
    throw new AppError(
      "forbidden:second_factor_required",
      "Confirm it is you with your authenticator app to use the admin console.",
    );
  if (level === "recent" && now.getTime() - at >= RECENT_SECOND_FACTOR_MS)
    throw new AppError(
      "forbidden:second_factor_recent",
      "Enter a code from your authenticator app to confirm this change.",
    );
}

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: "OX Universe",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

export type Enrolment =
  { confirmed: true; recoveryCodesLeft: number } | { confirmed: false; secret: string; uri: string };

/**
 * The admin's authenticator as the gate shows it: confirmed, or the secret to scan (created on
 * the first visit and kept until a code confirms it, so a reload shows the same QR code).
 */
export async function enrolmentOf(
  db: Database,
  input: { userId: string; label: string },
): Promise<Enrolment> {
  await db
    .insert(adminTotp)
    .values({ userId: input.userId, secret: new Secret({ size: 20 }).base32 })
    .onConflictDoNothing();
  const [row] = await db.select().from(adminTotp).where(eq(adminTotp.userId, input.userId));
  if (!row) throw new AppError("not_found:user", "This admin does not exist.");
  if (row.confirmedAt)
    return { confirmed: true, recoveryCodesLeft: await recoveryCodesLeft(db, input.userId) };
  return { confirmed: false, secret: row.secret, uri: totpOf(row.secret, input.label).toString() };
}

type Attempt = { userId: string; sessionId: string; code: string; now: Date };

type TotpRow = typeof adminTotp.$inferSelect;

/**
 * The gate's one answer to a code, under a lock of the admin's authenticator row: the first
 * accepted code confirms a new authenticator (and returns the recovery codes, once); after that
 * a code or a recovery code passes it.
 */
export async function passSecondFactor(
  db: Database,
  input: Attempt,
): Promise<{
  via: "enrolment" | "totp" | "recovery_code";
  recoveryCodes?: string[];
  recoveryCodesLeft?: number;
}> {
  await enforceRateLimit(db, {
    rule: SECOND_FACTOR_ATTEMPTS,
    subject: `user:${input.userId}`,
    now: input.now,
  });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(adminTotp).where(eq(adminTotp.userId, input.userId)).for("update");
    if (!row)
      throw new AppError(
        "conflict:second_factor_not_started",
        "Open the admin console to set up your authenticator.",
      );
    return row.confirmedAt
      ? verifySecondFactor(tx, row, input)
      : { via: "enrolment" as const, ...(await confirmEnrolment(tx, row, input)) };
  });
}

/**
 * Confirms the authenticator with its first code: the factor takes effect, this session has
 * passed it, and ten recovery codes are made — returned this once, stored only as hashes.
 */
async function confirmEnrolment(tx: Tx, row: TotpRow, input: Attempt): Promise<{ recoveryCodes: string[] }> {
  const step = acceptedStep(row.secret, row.lastStep, input.code, input.now);
  if (step === null) throw wrongCode();
  await tx
    .update(adminTotp)
    .set({ confirmedAt: input.now, lastStep: step })
    .where(eq(adminTotp.userId, input.userId));
  await tx.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, input.userId));
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.insert(adminRecoveryCodes).values(
    recoveryCodes.map((c) => ({
      userId: input.userId,
      codeHash: hashRecoveryCode(c),
      createdAt: input.now,
    })),
  );
  await passSession(tx, input);
  await recordAudit(tx, {
    actorId: input.userId,
    action: "admin.second_factor_enrolled",
    target: `user:${input.userId}`,
    now: input.now,
  });
  return { recoveryCodes };
}

/**
 * A code from the authenticator (each 30-second code is taken once) or an unused recovery
 * code (each works once; its use is audited): this session has passed the second factor now.
 */
async function verifySecondFactor(
  tx: Tx,
  row: TotpRow,
  input: Attempt,
): Promise<{ via: "totp" | "recovery_code"; recoveryCodesLeft?: number }> {
  const code = input.code.trim();
  if (/^\d{6}$/.test(code.replace(/\s/g, ""))) {
    const step = acceptedStep(row.secret, row.lastStep, code, input.now);
    if (step === null) throw wrongCode();
    await tx.update(adminTotp).set({ lastStep: step }).where(eq(adminTotp.userId, input.userId));
    await passSession(tx, input);
    return { via: "totp" };
  }
  const used = await tx
    .update(adminRecoveryCodes)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(adminRecoveryCodes.userId, input.userId),
        eq(adminRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(adminRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: adminRecoveryCodes.id });
  if (used.length === 0) throw wrongCode();
  const left = await recoveryCodesLeft(tx, input.userId);
  await passSession(tx, input);
  await recordAudit(tx, {
    actorId: input.userId,
    action: "admin.recovery_code_used",
    target: `user:${input.userId}`,
    details: { left },
    now: input.now,
  });
  return { via: "recovery_code", recoveryCodesLeft: left };
}

/**
 * Another admin's lost authenticator: an admin (who passed the second factor within 5 minutes)
 * removes it and its recovery codes and ends that admin's sessions, in one audited
 * transaction; their next admin page sets up a new one. Not for oneself: ask another admin.
 */
export async function resetSecondFactor(
  db: Database,
  input: { actorId: string; userId: string; now: Date },
): Promise<{ userId: string; hadOne: boolean; sessionsEnded: number }> {
  if (!isUuid(input.userId)) throw new AppError("not_found:user", "This player does not exist.");
  if (input.userId === input.actorId)
    throw new AppError("conflict:second_factor_self", "Ask another admin to reset your second factor.");
  return db.transaction(async (tx) => {
    const locked = await lockActingAdmin(tx, input.actorId, {
      alsoLock: [input.userId],
      message: "Only an admin can reset a second factor.",
    });
    if (!locked.has(input.userId)) throw new AppError("not_found:user", "This player does not exist.");
    await tx.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, input.userId));
    const removed = await tx
      .delete(adminTotp)
      .where(eq(adminTotp.userId, input.userId))
      .returning({ userId: adminTotp.userId });
    const sessionsEnded = await endAllSessions(tx, { userId: input.userId, now: input.now });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "admin.second_factor_reset",
      target: `user:${input.userId}`,
      details: { hadOne: removed.length > 0, sessionsEnded },
      now: input.now,
    });
    return { userId: input.userId, hadOne: removed.length > 0, sessionsEnded };
  });
}

async function recoveryCodesLeft(db: Database | Tx, userId: string): Promise<number> {
  const unused = await db
    .select({ id: adminRecoveryCodes.id })
    .from(adminRecoveryCodes)
    .where(and(eq(adminRecoveryCodes.userId, userId), isNull(adminRecoveryCodes.usedAt)));
  return unused.length;
}

async function passSession(tx: Tx, input: Attempt): Promise<void> {
  if (!(await markSecondFactor(tx, { sessionId: input.sessionId, userId: input.userId, now: input.now })))
    throw new AppError("unauthorized:signin_required", "Your session has ended. Please sign in again.");
}

/** The 30-second step a code belongs to, when it is within the window and newer than the last one taken. */
export function acceptedStep(secret: string, lastStep: number, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret, "check");
  const delta = totp.validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  return step > lastStep ? step : null;
}

function wrongCode(): AppError {
  return new AppError(
    "unprocessable:second_factor_code",
    "That code is not right, has expired or was already used. Enter the current code from your app.",
  );
}

/** Letters and digits that cannot be misread for each other (no 0/O, 1/l/I). */
const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

function newRecoveryCode(): string {
  const pick = () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  const part = () => Array.from({ length: 5 }, pick).join("");
  return `${part()}-${part()}`;
}

/** A recovery code as stored: SHA-256 of the code without case, spaces or dashes (50 random bits; no salt needed). */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code.toLowerCase().replace(/[\s-]/g, "")).digest("hex");
}
