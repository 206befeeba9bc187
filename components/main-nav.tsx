"use client";

import { Gift, LayoutGrid, ListChecks, ScrollText, Trophy } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "./ui/cn";

const ITEMS = [
  { href: "/", key: "board", icon: LayoutGrid },
  { href: "/me/predictions", key: "predictions", icon: ListChecks },
  { href: "/leaderboard", key: "leaderboard", icon: Trophy },
  { href: "/rewards", key: "rewards", icon: Gift },
  { href: "/rules", key: "rules", icon: ScrollText },
] as const;

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname.startsWith(href);
}

/** Top links on wide screens (in the header). */
export function MainNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("main")} className="hidden items-center gap-1 md:flex">
      {ITEMS.map(({ href, key }) => (
        <Link
          key={href}
          href={href}
          aria-current={isActive(pathname, href) ? "page" : undefined}
          className={cn(
            "rounded-lg px-3 py-1.5 text-sm font-medium",
            isActive(pathname, href) ? "bg-muted" : "text-muted hover:bg-muted",
          )}
        >
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}

/** The bottom tab bar on phones; rendered outside the header so nothing there can contain it. */
export function MobileTabBar() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav
      aria-label={t("main")}
      className="fixed inset-x-0 bottom-0 z-30 grid grid-cols-5 border-t border-subtle bg-[var(--background)]/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      {ITEMS.map(({ href, key, icon: Icon }) => (
        <Link
          key={href}
          href={href}
          aria-current={isActive(pathname, href) ? "page" : undefined}
          className={cn(
            "flex flex-col items-center gap-0.5 py-2 text-[11px] font-medium",
            isActive(pathname, href) ? "text-brand" : "text-muted",
          )}
        >
          <Icon className="h-5 w-5" aria-hidden />
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}
