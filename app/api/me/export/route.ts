import { NextResponse } from "next/server";
import { exportPlayerData } from "@/lib/accounts/export";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * "Download my data": the signed-in player's profile, calls, ledger, redemptions and
 * notifications as one JSON file (docs/rules.md, "Your data"). Rate limited per player.
 */
export const GET = route({ auth: "user", rateLimit: "data-export" }, async ({ db, user, now }) => {
  const data = await exportPlayerData(db, user.id, now);
  return NextResponse.json(data, {
    headers: {
      "Content-Disposition": `attachment; filename="ox-universe-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
