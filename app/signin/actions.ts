"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { devSignInSchema } from "@/lib/auth/identities";
import { enabledProviders } from "@/lib/auth/providers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enforceRequestLimit } from "@/lib/ratelimit/subject";
import { endEverySession } from "@/lib/auth/sign-out";
import { action, userAction } from "@/lib/http/action";

const callbackUrl = z.string().max(2048).optional();

async function landingPath(raw: string | undefined): Promise<string> {
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  return safeCallbackPath(raw, origin);
}

/** Auth.js failures (a refused credential, a provisioning error) become a clear, safe result. */
function signInFailed(err: unknown): never {
  if (err instanceof AuthError) {
    throw new AppError("unauthorized:sign_in_failed", "Sign-in could not be completed. Please try again.", {
      cause: err,
    });
  }
  throw err;
}

/** Start an OAuth sign-in: Auth.js answers with a redirect to the provider. */
export const signInWithProvider = action(
  z.object({ provider: z.enum(["google", "kakao"]), callbackUrl }).strict(),
  async ({ provider, callbackUrl: raw }, { db, now }) => {
    if (!enabledProviders(env())[provider])
      throw new AppError("not_found:provider", "This sign-in method is not available.");
    await enforceRequestLimit(db, "auth-signin", { headers: await headers(), now });
    await signIn(provider, { redirectTo: await landingPath(raw) }).catch(signInFailed);
  },
);

/** The development sign-in: a name and a role, one click. Absent unless DEV_LOGIN is on (never in production). */
export const signInForDevelopment = action(
  devSignInSchema.extend({ callbackUrl }).strict(),
  async ({ nickname, role, callbackUrl: raw }, { db, now }) => {
    if (!enabledProviders(env()).dev)
      throw new AppError("not_found:provider", "This sign-in method is not available.");
    await enforceRequestLimit(db, "auth-signin", { headers: await headers(), now });
    await signIn("dev", { nickname, role, redirectTo: await landingPath(raw) }).catch(signInFailed);
  },
);

/** "Sign out": this browser's session ends in the database (Auth.js `signOut` event) and its cookie is cleared. */
export const signOutHere = action(z.object({}).strict(), async () => {
  await signOut({ redirectTo: "/" });
});

/** "Sign out everywhere": every session of the player ends, on every device; then this cookie is cleared. */
export const signOutEverywhere = userAction(z.object({}).strict(), async (_input, { user }) => {
  await endEverySession(user.id);
  await signOut({ redirectTo: "/" });
});
