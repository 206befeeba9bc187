"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut } from "@/auth";
import { deleteAccount } from "@/lib/accounts/deletion";
import { setNickname } from "@/lib/accounts/users";
import { setNicknameSchema } from "@/lib/accounts/schemas";
import { userAction } from "@/lib/http/action";

/** The player's own nickname; the shared schema validates, the unique index decides clashes. */
export const setMyNickname = userAction(setNicknameSchema, async ({ nickname }, { db, user, now }) => {
  const updated = await setNickname(db, { userId: user.id, nickname, now });
  revalidatePath("/", "layout");
  return { nickname: updated.nickname };
});

/**
 * "Delete my account" from the profile page: the account is anonymised (lib/accounts/deletion.ts),
 * then this browser is signed out and sent home.
 */
export const deleteMyAccount = userAction(
  z.object({ confirm: z.string().max(100) }).strict(),
  async ({ confirm }, { db, user, now }) => {
    await deleteAccount(db, { userId: user.id, confirm, now });
    await signOut({ redirectTo: "/?deleted=1" });
  },
);
