import { calendarDay } from "@/lib/admin/operations";
import { priceValidation } from "@/lib/admin/prices";
import { dayQuerySchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Settlement price validation: each symbol's close, source and fetch time; missing ones first. */
export const GET = route({ auth: "admin", query: dayQuerySchema }, async ({ db, query }) =>
  priceValidation(db, calendarDay(query.day, "day")),
);
