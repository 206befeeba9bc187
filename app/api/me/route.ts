import { route } from "@/lib/http/route";
import { getBalance } from "@/lib/points/queries";

export const dynamic = "force-dynamic";

/** `{ id, nickname, role, balance, email? }` for the signed-in player; 401 when anonymous. */
export const GET = route({ auth: "user" }, async ({ db, user }) => ({
  id: user.id,
  nickname: user.nickname,
  role: user.role,
  balance: await getBalance(db, user.id),
  ...(user.email && user.emailVerified ? { email: user.email } : {}),
}));
