"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ServerAction } from "@/lib/http/action";
import { cn } from "../ui/cn";
import { GoogleLogo, KakaoSymbol } from "./brand-logos";

type Provider = "google" | "kakao";

/**
 * Google and Kakao buttons in their own brand dress (Google: white with the four-colour G;
 * Kakao: #FEE500 with the black speech bubble). Each submits the sign-in action, which
 * redirects to the provider.
 */
export function ProviderButtons({
  providers,
  callbackUrl,
  signInAction,
}: {
  providers: Provider[];
  callbackUrl?: string;
  signInAction: ServerAction<void>;
}) {
  const t = useTranslations("auth");
  const tErrors = useTranslations("errors");
  const [state, submit, pending] = useActionState(
    async (_prev: unknown, form: FormData) => signInAction(form),
    null,
  );
  return (
    <form action={submit} className="flex flex-col gap-3">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {providers.includes("google") ? (
        <button
          type="submit"
          name="provider"
          value="google"
          disabled={pending}
          data-testid="signin-google"
          className={cn(
            "flex h-12 w-full items-center justify-center gap-3 rounded-xl border px-4 text-[15px] font-medium transition-colors",
            "border-[#747775] bg-white text-[#1f1f1f] hover:bg-[#f8f9fa]",
            "dark:border-[#8e918f] dark:bg-[#131314] dark:text-[#e3e3e3] dark:hover:bg-[#1f1f20]",
            "disabled:opacity-60",
          )}
        >
          <GoogleLogo className="h-5 w-5" />
          <span>{t("google")}</span>
        </button>
      ) : null}
      {providers.includes("kakao") ? (
        <button
          type="submit"
          name="provider"
          value="kakao"
          disabled={pending}
          data-testid="signin-kakao"
          className="flex h-12 w-full items-center justify-center gap-3 rounded-xl bg-[#FEE500] px-4 text-[15px] font-medium text-black/85 transition-opacity hover:opacity-90 disabled:opacity-60"
        >
          <KakaoSymbol className="h-[18px] w-[18px]" />
          <span>{t("kakao")}</span>
        </button>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.code.startsWith("rate_limited:") ? tErrors("rateLimited") : state.message}
        </p>
      ) : null}
    </form>
  );
}
