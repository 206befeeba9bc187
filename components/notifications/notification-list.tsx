"use client";

import { BellRing, CheckCheck, Gift, Trophy } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "../ui/toast";
import { markReadAction } from "@/app/(play)/me/notifications/actions";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { KST_MONTH_DAY_TIME } from "@/lib/i18n/kst-format";
import type { Described, NotificationView } from "./describe";
import { notificationsChanged } from "./query-keys";

const icon = (kind: string) =>
  kind === "settlement" ? Trophy : kind.startsWith("redemption_") ? Gift : BellRing;

/** The inbox: newest first, unread ones marked; opening one marks it read. */
export function NotificationList({
  items,
  unreadCount,
}: {
  items: Array<NotificationView & { described: Described }>;
  unreadCount: number;
}) {
  const t = useTranslations("notifications");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const when = (iso: string) => format.dateTime(new Date(iso), KST_MONTH_DAY_TIME);

  function mark(input: { ids: string[] } | { all: true }) {
    startTransition(async () => {
      try {
        const r = await markReadAction(input);
        if (!r.ok) toast.error(r.message);
      } catch {
        toast.error(tErrors("generic"));
      }
      router.refresh();
      notificationsChanged();
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted" data-testid="unread-summary">
          {unreadCount > 0 ? `${t("unread")} ${format.number(unreadCount)}` : t("allRead")}
        </p>
        <Button
          variant="outline"
          size="sm"
          disabled={unreadCount === 0 || pending}
          onClick={() => mark({ all: true })}
          data-testid="mark-all-read"
        >
          <CheckCheck className="h-4 w-4" aria-hidden />
          {t("markAllRead")}
        </Button>
      </div>
      {items.length === 0 ? (
        <p className="rounded-2xl bg-muted p-6 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-[var(--border)] overflow-hidden rounded-2xl border border-subtle bg-card"
          data-testid="notifications"
        >
          {items.map((n) => {
            const d = n.described;
            const Icon = icon(n.kind);
            const unread = n.readAt === null;
            const inner = (
              <>
                <span
                  className={cn(
                    "mt-0.5 flex h-9 w-9 shrink-0 items-center justify-center rounded-full",
                    d.tone === "good"
                      ? "bg-emerald-100 text-emerald-700 dark:bg-emerald-900/50 dark:text-emerald-200"
                      : d.tone === "bad"
                        ? "bg-red-100 text-red-700 dark:bg-red-900/50 dark:text-red-200"
                        : "bg-muted text-muted",
                  )}
                  aria-hidden
                >
                  <Icon className="h-4.5 w-4.5" />
                </span>
                <span className="flex min-w-0 flex-1 flex-col gap-0.5 break-keep">
                  <span className="flex items-start justify-between gap-2">
                    <span
                      className={cn("min-w-0 text-sm leading-snug", unread ? "font-bold" : "font-medium")}
                      data-testid="notification-title"
                    >
                      {d.title}
                    </span>
                    {d.highlight ? (
                      <span className="shrink-0 text-sm font-bold text-up tabular-nums">{d.highlight}</span>
                    ) : null}
                  </span>
                  {d.body ? (
                    <span className="text-sm text-muted" data-testid="notification-body">
                      {d.body}
                    </span>
                  ) : null}
                  <time dateTime={n.createdAt} className="text-xs text-muted tabular-nums">
                    {t("time", { time: when(n.createdAt) })}
                  </time>
                </span>
                {unread ? (
                  <span className="mt-2 h-2 w-2 shrink-0 rounded-full bg-brand" aria-label={t("unread")} />
                ) : null}
              </>
            );
            const row = cn("flex gap-3 p-3 sm:p-4", unread && "bg-brand/5");
            return (
              <li key={n.id} data-testid={`notification-${n.kind}`} data-unread={unread}>
                {d.href ? (
                  <Link
                    href={d.href}
                    className={cn(row, "hover:bg-muted")}
                    onClick={() => unread && mark({ ids: [n.id] })}
                  >
                    {inner}
                  </Link>
                ) : (
                  <div className={row}>{inner}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
