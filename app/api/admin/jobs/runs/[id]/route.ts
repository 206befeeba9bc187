import { route } from "@/lib/http/route";
import { jobRunById } from "@/lib/jobs";

export const dynamic = "force-dynamic";

/** One job run as the console follows it: status, progress (done of total), result; 404 if none. */
export const GET = route({ auth: "admin" }, async ({ db, params }) => jobRunById(db, params.id ?? ""));
