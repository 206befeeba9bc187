import { notificationJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { countUnread, listNotifications, notificationPageSchema } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** `GET /api/me/notifications?cursor=&limit=&unread=1` → `{ items, nextCursor, unreadCount }`, newest first. */
export const GET = route({ auth: "user", query: notificationPageSchema }, async ({ db, user, query }) => {
  const page = await listNotifications(db, {
    userId: user.id,
    cursor: query.cursor,
    limit: query.limit,
    unreadOnly: query.unread,
  });
  return {
    items: page.items.map(notificationJson),
    nextCursor: page.nextCursor,
    unreadCount: await countUnread(db, user.id),
  };
});
