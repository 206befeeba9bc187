import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "./locale-switcher";
import { MainNav } from "./main-nav";
import { OxLogo } from "./ox-mark";
import { ThemeToggle } from "./theme-toggle";

export async function SiteHeader({ account }: { account?: ReactNode }) {
  const t = await getTranslations();
  return (
    <header className="sticky top-0 z-30 border-b border-subtle bg-[var(--background)]/90 backdrop-blur">
      {/* Tight on a 320 px phone: logo, balance, bell, avatar, language and theme fit in one row. */}
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-2 px-3 sm:gap-3 sm:px-4">
        <Link
          href="/"
          aria-label={t("app.name")}
          className="flex items-center gap-2 font-extrabold tracking-tight"
        >
          <OxLogo />
          <span className="hidden whitespace-nowrap sm:inline">{t("app.name")}</span>
        </Link>
        <MainNav />
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          {account}
          <LocaleSwitcher />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
