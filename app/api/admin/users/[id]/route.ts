import { userOverview } from "@/lib/admin/users";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin" }, async ({ db, params }) => {
  const overview = await userOverview(db, params.id ?? "");
  if (!overview) throw new AppError("not_found:user", "This player does not exist.");
  return overview;
});
