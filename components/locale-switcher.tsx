"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/config";
import { cn } from "./ui/cn";

function rememberLocale(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

const LABEL: Record<Locale, string> = { ko: "한국어", en: "English" };

/** The choice is remembered in a cookie for a year; the server renders in that language. */
export function LocaleSwitcher() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function choose(next: Locale) {
    rememberLocale(next);
    startTransition(() => router.refresh());
  }
  return (
    <div
      role="group"
      aria-label={t("label")}
      className={cn("flex rounded-lg border border-subtle p-0.5 text-xs", pending && "opacity-60")}
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          onClick={() => choose(l)}
          className={cn(
            "rounded-md px-2 py-1 font-medium",
            l === locale ? "bg-brand text-white" : "text-muted hover:bg-muted",
          )}
        >
          {/* The name starts with what is shown: "KO 한국어" on a phone, "한국어" on a wide screen. */}
          <span className="sm:hidden">
            {l.toUpperCase()}
            <span className="sr-only"> {LABEL[l]}</span>
          </span>
          <span className="hidden sm:inline">{LABEL[l]}</span>
        </button>
      ))}
    </div>
  );
}
