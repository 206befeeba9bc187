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
import { action } from "@/lib/http/action";

const callbackUrl = z.string().max(2048).optional();

async function landingPath(raw: string | undefined): Promise<string> {
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  return safeCallbackPath(raw, origin);
}

/** Auth.js failures (a refused credential, a provisioning error) become a clear, safe result. */
function signInFailed(err: unknown): never {
  if (err instanceof AuthError) {
    throw new AppError("unauthorized:sign_in_failed", "Sign-in could not be completed. Please try again.", { cause: err });
  }
  throw err;
}

/** Start an OAuth sign-in: Auth.js answers with a redirect to the provider. */
export const signInWithProvider = action(
  z.object({ provider: z.enum(["google", "kakao"]), callbackUrl }).strict(),
  async ({ provider, callbackUrl: raw }) => {
    if (!enabledProviders(env())[provider]) throw new AppError("not_found:provider", "This sign-in method is not available.");
    await signIn(provider, { redirectTo: await landingPath(raw) }).catch(signInFailed);
  },
);

/** The development sign-in: a name and a role, one click. Absent unless DEV_LOGIN is on (never in production). */
export const signInForDevelopment = action(devSignInSchema.extend({ callbackUrl }).strict(), async ({ nickname, role, callbackUrl: raw }) => {
  if (!enabledProviders(env()).dev) throw new AppError("not_found:provider", "This sign-in method is not available.");
  await signIn("dev", { nickname, role, redirectTo: await landingPath(raw) }).catch(signInFailed);
});

export const signOutEverywhere = action(z.object({}).strict(), async () => {
  await signOut({ redirectTo: "/" });
});
