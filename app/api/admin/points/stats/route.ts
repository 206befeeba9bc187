import { fromZonedTime } from "date-fns-tz";
import { calendarDay } from "@/lib/admin/operations";
import { statsQuerySchema } from "@/lib/admin/schemas";
import { addDays } from "@/lib/calendar";
import { route } from "@/lib/http/route";
import { pointsStats } from "@/lib/points";

export const dynamic = "force-dynamic";

/** Points moved per KST day and reason for the KST dates [from, to]. */
export const GET = route({ auth: "admin", query: statsQuerySchema }, async ({ db, query }) => {
  const from = calendarDay(query.from, "from");
  const to = calendarDay(query.to, "to");
  const rows = await pointsStats(db, {
    from: fromZonedTime(`${from}T00:00:00`, "Asia/Seoul"),
    to: fromZonedTime(`${addDays(to, 1)}T00:00:00`, "Asia/Seoul"),
  });
  return { from, to, rows };
});
