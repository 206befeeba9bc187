import "server-only";
import { and, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions } from "@/db/schema";
import { liveCallsOn } from "@/lib/predictions/live-calls";

/** How the other players called one symbol on one day (cancelled calls aside). */
export async function othersCalls(
  db: Database,
  input: { tradingDay: string; symbol: string; userId: string },
): Promise<{ up: number; down: number }> {
  const [row] = await db
    .select({
      up: sql<number>`(count(*) filter (where ${predictions.choice} = 'UP'))::int`,
      down: sql<number>`(count(*) filter (where ${predictions.choice} = 'DOWN'))::int`,
    })
    .from(predictions)
    .where(and(liveCallsOn(input), ne(predictions.userId, input.userId)));
  return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
}
