"use client";

import { Coins, LogOut, Shield, Ticket, UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useTransition, type KeyboardEvent } from "react";
import type { ServerAction } from "@/lib/http/action";
import { cn } from "./ui/cn";

const item =
  "flex w-full cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm outline-none select-none hover:bg-muted focus-visible:bg-muted";

/** The signed-in player's menu: profile, points, admin (for admins) and sign out. */
const LINKS = [
  { href: "/me", icon: UserRound, label: "profile", adminOnly: false },
  { href: "/me/points", icon: Coins, label: "points", adminOnly: false },
  { href: "/me/redemptions", icon: Ticket, label: "redemptions", adminOnly: false },
  { href: "/admin", icon: Shield, label: "admin", adminOnly: true },
] as const;

/**
 * A menu on the browser's own popover (`popover` + `popovertarget`): it opens over the page,
 * closes on Esc, on a click outside and on a choice, and the trigger reports it expanded. The
 * arrow keys move between the entries. No menu library: this is all it needs.
 */
export function AccountMenu({
  nickname,
  isAdmin,
  signOutAction,
}: {
  nickname: string;
  isAdmin: boolean;
  signOutAction: ServerAction<void>;
}) {
  const t = useTranslations("nav");
  const [pending, startTransition] = useTransition();
  const panel = useRef<HTMLDivElement>(null);
  const initial = Array.from(nickname)[0]?.toUpperCase() ?? "?";
  const close = () => panel.current?.hidePopover();

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>("a, button")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = (at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  }

  return (
    <>
      <button
        type="button"
        popoverTarget="account-menu-panel"
        aria-label={t("accountMenu", { nickname })}
        data-testid="account-menu"
        className={cn(
          "inline-flex h-8 w-8 items-center justify-center rounded-full bg-brand text-sm font-bold text-white hover:opacity-90",
          pending && "opacity-60",
        )}
      >
        {initial}
      </button>
      <div
        ref={panel}
        id="account-menu-panel"
        popover="auto"
        onKeyDown={onKeyDown}
        className="fixed inset-auto top-14 right-4 m-0 min-w-52 rounded-xl border border-subtle bg-card p-1.5 text-[var(--foreground)] shadow-lg lg:right-[max(1rem,calc((100vw-64rem)/2+1rem))]"
      >
        <div className="px-2.5 py-2">
          <p className="text-xs text-muted">{t("signedInAs")}</p>
          <p className="truncate font-semibold" data-testid="account-nickname" translate="no">
            {nickname}
          </p>
        </div>
        <div className="my-1 h-px bg-[var(--border)]" role="separator" />
        {LINKS.filter((l) => !l.adminOnly || isAdmin).map(({ href, icon: Icon, label }) => (
          <Link key={href} href={href} className={item} onClick={close}>
            <Icon className="h-4 w-4" aria-hidden />
            {t(label)}
          </Link>
        ))}
        <div className="my-1 h-px bg-[var(--border)]" role="separator" />
        <button
          type="button"
          className={item}
          data-testid="signout"
          disabled={pending}
          onClick={() => startTransition(async () => void (await signOutAction({})))}
        >
          <LogOut className="h-4 w-4" aria-hidden />
          {t("signOut")}
        </button>
      </div>
    </>
  );
}
