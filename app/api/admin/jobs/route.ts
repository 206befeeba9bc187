import { jobRunsQuerySchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";
import { listJobRuns } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin", query: jobRunsQuerySchema }, async ({ db, query }) => ({
  runs: await listJobRuns(db, query),
}));
