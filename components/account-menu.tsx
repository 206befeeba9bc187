"use client";

import { Coins, LogOut, Shield, Ticket, UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { useTransition } from "react";
import type { ServerAction } from "@/lib/http/action";
import { cn } from "./ui/cn";

const item = "flex cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm outline-none select-none data-[highlighted]:bg-muted";

/** The signed-in player's menu: profile, points, admin (for admins) and sign out. */
const LINKS = [
  { href: "/me", icon: UserRound, label: "profile", adminOnly: false },
  { href: "/me/points", icon: Coins, label: "points", adminOnly: false },
  { href: "/me/redemptions", icon: Ticket, label: "redemptions", adminOnly: false },
  { href: "/admin", icon: Shield, label: "admin", adminOnly: true },
] as const;

export function AccountMenu({ nickname, isAdmin, signOutAction }: { nickname: string; isAdmin: boolean; signOutAction: ServerAction<void> }) {
  const t = useTranslations("nav");
  const [pending, startTransition] = useTransition();
  const initial = Array.from(nickname)[0]?.toUpperCase() ?? "?";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t("accountMenu", { nickname })}
        data-testid="account-menu"
        className={cn(
          "inline-flex h-8 w-8 items-center justify-center rounded-full bg-brand text-sm font-bold text-white hover:opacity-90",
          pending && "opacity-60",
        )}
      >
        {initial}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={8}
          className="z-50 min-w-52 rounded-xl border border-subtle bg-card p-1.5 shadow-lg"
        >
          <div className="px-2.5 py-2">
            <p className="text-xs text-muted">{t("signedInAs")}</p>
            <p className="truncate font-semibold" data-testid="account-nickname">
              {nickname}
            </p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-[var(--border)]" />
          {LINKS.filter((l) => !l.adminOnly || isAdmin).map(({ href, icon: Icon, label }) => (
            <DropdownMenu.Item key={href} asChild className={item}>
              <Link href={href}>
                <Icon className="h-4 w-4" />
                {t(label)}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-[var(--border)]" />
          <DropdownMenu.Item
            className={item}
            data-testid="signout"
            disabled={pending}
            onSelect={() => startTransition(async () => void (await signOutAction({})))}
          >
            <LogOut className="h-4 w-4" />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
