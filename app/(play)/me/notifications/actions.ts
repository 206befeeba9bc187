"use server";

import { userAction } from "@/lib/http/action";
import { countUnread, markRead } from "@/lib/notifications";
import { markReadSchema } from "@/lib/notifications/schemas";

/** Mark some of one's own notifications read, or all of them. */
export const markReadAction = userAction(markReadSchema, async (input, { db, now, user }) => {
  const marked = await markRead(db, { userId: user.id, now, ...input });
  return { marked, unreadCount: await countUnread(db, user.id) };
});
