import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteAccount } from "@/lib/accounts/deletion";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-token";
import { route } from "@/lib/http/route";
import { myStreak } from "@/lib/loop/player";
import { getBalance } from "@/lib/points/queries";

export const dynamic = "force-dynamic";

const deleteBodySchema = z.object({ confirm: z.string().max(100) }).strict();

/** `{ id, nickname, role, balance, streak: { current, best, freezes }, email? }` for the signed-in player; 401 when anonymous. */
export const GET = route({ auth: "user" }, async ({ db, user, now }) => ({
  id: user.id,
  nickname: user.nickname,
  role: user.role,
  balance: await getBalance(db, user.id),
  streak: await myStreak(db, user.id, now).then(({ current, best, freezes }) => ({ current, best, freezes })),
  ...(user.email && user.emailVerified ? { email: user.email } : {}),
}));

/**
 * "Delete my account": `{ confirm: "DELETE" }` (or "삭제"). The account is anonymised, pending
 * redemptions are refunded first, every session ends (docs/rules.md, "Your data").
 */
export const DELETE = route({ auth: "user", body: deleteBodySchema }, async ({ db, user, now, body }) => {
  const result = await deleteAccount(db, { userId: user.id, confirm: body.confirm, now });
  const res = NextResponse.json({ ok: true, deleted: true, ...result });
  for (const name of SESSION_COOKIE_NAMES) res.cookies.delete(name);
  return res;
});
