import { userSearchSchema } from "@/lib/admin/schemas";
import { searchUsers } from "@/lib/admin/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin", query: userSearchSchema }, async ({ db, query }) => ({
  users: await searchUsers(db, query),
}));
