import { and, eq, ne } from "drizzle-orm";
import { predictions } from "@/db/schema";

/** The calls on `symbol` on `tradingDay` that count: every one not cancelled. */
export const liveCallsOn = (key: { tradingDay: string; symbol: string }) =>
  and(
    eq(predictions.tradingDay, key.tradingDay),
    eq(predictions.symbol, key.symbol),
    ne(predictions.status, "CANCELLED"),
  );
