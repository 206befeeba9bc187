import { route } from "@/lib/http/route";
import { countUnread, markRead, markReadSchema } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** `POST { ids: [...] }` or `{ all: true }` → `{ marked, unreadCount }`. Other players' ids are ignored. */
export const POST = route({ auth: "user", body: markReadSchema }, async ({ db, now, user, body }) => {
  const marked = await markRead(db, { userId: user.id, now, ...body });
  return { marked, unreadCount: await countUnread(db, user.id) };
});
