import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Admin-only: who the guard let through (proves the admin guard end to end). */
export const GET = route({ auth: "admin" }, async ({ user }) => ({
  id: user.id,
  nickname: user.nickname,
  role: user.role,
}));
