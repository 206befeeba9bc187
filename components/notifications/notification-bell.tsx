"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { onNotificationsChanged } from "./query-keys";

async function fetchUnread(): Promise<number> {
  const res = await fetch("/api/me/notifications?unread=1&limit=1", { cache: "no-store" });
  if (!res.ok) throw new Error(`notifications ${res.status}`);
  return (await res.json()).unreadCount as number;
}

/** The header bell: the unread count from the server render, refreshed every minute and after changes. */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const t = useTranslations("notifications");
  const [count, setCount] = useState(initialCount);
  // A fresh server render (router.refresh, navigation) knows best.
  const [rendered, setRendered] = useState(initialCount);
  if (rendered !== initialCount) {
    setRendered(initialCount);
    setCount(initialCount);
  }
  useEffect(() => {
    const read = () => void fetchUnread().then(setCount, () => {});
    const timer = setInterval(read, 60_000);
    const off = onNotificationsChanged(read);
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  return (
    <Link
      href="/me/notifications"
      aria-label={count > 0 ? t("bellUnread", { count }) : t("bell")}
      data-testid="notification-bell"
      className="relative inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full hover:bg-muted"
    >
      <Bell className="h-4.5 w-4.5" aria-hidden />
      {count > 0 ? (
        <span
          data-testid="unread-count"
          className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] leading-none font-bold text-white tabular-nums"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
