import { route } from "@/lib/http/route";
import { myStreak } from "@/lib/loop/player";
import { getBalance } from "@/lib/points/queries";

export const dynamic = "force-dynamic";

/** `{ id, nickname, role, balance, streak: { current, best, freezes }, email? }` for the signed-in player; 401 when anonymous. */
export const GET = route({ auth: "user" }, async ({ db, user, now }) => ({
  id: user.id,
  nickname: user.nickname,
  role: user.role,
  balance: await getBalance(db, user.id),
  streak: await myStreak(db, user.id, now).then(({ current, best, freezes }) => ({ current, best, freezes })),
  ...(user.email && user.emailVerified ? { email: user.email } : {}),
}));
