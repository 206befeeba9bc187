import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { DevSignIn } from "@/components/auth/dev-sign-in";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { OxLogo } from "@/components/ox-mark";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { recentDevAccounts } from "@/lib/auth/dev-accounts";
import { optionalUser } from "@/lib/auth/guards";
import { enabledProviders } from "@/lib/auth/providers";
import { env } from "@/lib/env";
import { signInForDevelopment, signInWithProvider } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title"), robots: { index: false } };
}

const KNOWN_ERRORS = [
  "AccessDenied",
  "OAuthCallbackError",
  "CredentialsSignin",
  "MissingCSRF",
  "Configuration",
] as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Only a relative path survives; the actions and Auth.js check it again. */
function relativeCallback(raw: string | string[] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.includes("\\") && v.length <= 2048
    ? v
    : undefined;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const callbackUrl = relativeCallback(params.callbackUrl);
  const db = await getDb();
  if (await optionalUser(db)) redirect(callbackUrl ?? "/");

  const t = await getTranslations("auth");
  const on = enabledProviders(env());
  const providers = (["google", "kakao"] as const).filter((p) => on[p]);
  const errorParam = Array.isArray(params.error) ? params.error[0] : params.error;
  const error = errorParam
    ? (KNOWN_ERRORS as readonly string[]).includes(errorParam)
      ? t(`errors.${errorParam as (typeof KNOWN_ERRORS)[number]}`)
      : t("errors.default")
    : null;

  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-6 py-4 sm:py-10">
      <Card className="flex flex-col gap-6 p-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <OxLogo className="scale-150" />
          <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted">{t("subtitle")}</p>
          <p className="rounded-full bg-up-soft px-3 py-1 text-xs font-semibold text-up">{t("bonus")}</p>
        </div>
        {error ? (
          <p
            role="alert"
            data-testid="signin-error"
            className="rounded-xl border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200"
          >
            {error}
          </p>
        ) : null}
        {providers.length > 0 ? (
          <>
            <ProviderButtons
              providers={[...providers]}
              callbackUrl={callbackUrl}
              signInAction={signInWithProvider}
            />
            <p className="text-center text-xs text-muted">{t("noPasswords")}</p>
          </>
        ) : on.dev ? null : (
          <p className="text-center text-sm text-muted">{t("noProviders")}</p>
        )}
      </Card>
      {on.dev ? (
        <DevSignIn
          recent={await recentDevAccounts(db)}
          callbackUrl={callbackUrl}
          signInAction={signInForDevelopment}
        />
      ) : null}
    </div>
  );
}
