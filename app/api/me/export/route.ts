import { NextResponse } from "next/server";
import { z } from "zod";
import { EXPORT_PARTS, exportPartCsv, exportPlayerData } from "@/lib/accounts/export";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const query = z
  .object({ format: z.enum(["json", "csv"]).default("json"), part: z.enum(EXPORT_PARTS).optional() })
  .strict()
  .refine((q) => q.format === "json" || q.part, { message: "A CSV export names its part", path: ["part"] });

/**
 * "Download my data": the signed-in player's profile, calls, ledger, redemptions and
 * notifications as one JSON file, or one part as CSV (`?format=csv&part=calls|ledger|
 * redemptions|notifications`) (docs/rules.md, "Your data"). Rate limited per player.
 */
export const GET = route(
  { auth: "user", rateLimit: "data-export", query },
  async ({ db, user, now, query: q }) => {
    const data = await exportPlayerData(db, user.id, now);
    const name = `ox-universe-${now.toISOString().slice(0, 10)}`;
    if (q.format === "csv" && q.part) {
      return new NextResponse(`\uFEFF${exportPartCsv(data, q.part)}\r\n`, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}-${q.part}.csv"`,
          "Cache-Control": "no-store",
        },
      });
    }
    return NextResponse.json(data, {
      headers: { "Content-Disposition": `attachment; filename="${name}.json"`, "Cache-Control": "no-store" },
    });
  },
);
