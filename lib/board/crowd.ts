import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions } from "@/db/schema";

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
    .where(
      and(
        eq(predictions.tradingDay, input.tradingDay),
        eq(predictions.symbol, input.symbol),
        ne(predictions.userId, input.userId),
        ne(predictions.status, "CANCELLED"),
      ),
    );
  return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
}
