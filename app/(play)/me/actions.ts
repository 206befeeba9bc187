"use server";

import { revalidatePath } from "next/cache";
import { setNickname } from "@/lib/accounts/users";
import { setNicknameSchema } from "@/lib/accounts/schemas";
import { userAction } from "@/lib/http/action";

/** The player's own nickname; the shared schema validates, the unique index decides clashes. */
export const setMyNickname = userAction(setNicknameSchema, async ({ nickname }, { db, user, now }) => {
  const updated = await setNickname(db, { userId: user.id, nickname, now });
  revalidatePath("/", "layout");
  return { nickname: updated.nickname };
});
