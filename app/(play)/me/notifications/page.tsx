import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { describeNotification } from "@/components/notifications/describe";
import { NotificationList } from "@/components/notifications/notification-list";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { requireUserPage } from "@/lib/auth/pages";
import { countUnread, listNotifications } from "@/lib/notifications";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

const cursorSchema = z.uuid();
const PAGE_SIZE = 30;

/** The notification centre: results, points and reward updates, newest first. */
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUserPage("/me/notifications");
  const db = await getDb();
  const asked = cursorSchema.safeParse((await searchParams).cursor);
  const cursor = asked.success ? asked.data : null;
  const page = await listNotifications(db, { userId: user.id, cursor, limit: PAGE_SIZE });
  const unread = await countUnread(db, user.id);
  const t = await getTranslations("notifications");
  const [format, locale] = [await getFormatter(), await getLocale()];
  // Described here, on the server: the payload checks (zod) never reach the browser.
  const items = page.items.map((n) => {
    const view = {
      id: n.id,
      kind: n.kind,
      payload: n.payload,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt ? n.readAt.toISOString() : null,
    };
    return { ...view, described: describeNotification(view, t as never, format, locale) };
  });

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      <NotificationList items={items} unreadCount={unread} />
      {cursor || page.nextCursor ? (
        <nav aria-label={t("pagination")} className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="outline" size="sm">
              <Link href="/me/notifications">{t("newest")}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/me/notifications?cursor=${page.nextCursor}`}>{t("older")}</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
