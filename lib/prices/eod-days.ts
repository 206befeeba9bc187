/** Which days can have an official close, and from when. */
import { parseTradingDay, settlementDueAt, type DayString } from "@/lib/calendar";
import { AppError } from "@/lib/errors";

/** A NYSE trading day inside the calendar, or an AppError saying why not. */
export function assertEodDayShape(tradingDay: DayString): void {
  parseTradingDay(tradingDay, { reason: "there is no close to collect" });
}

/** …whose close is final at `now` (SPEC §1: 20 minutes after the close). */
export function assertEodDay(tradingDay: DayString, now: Date): void {
  assertEodDayShape(tradingDay);
  const finalAt = settlementDueAt(tradingDay);
  if (now.getTime() < finalAt.getTime()) {
    throw new AppError(
      "conflict:eod_not_final",
      `The close of ${tradingDay} is final from ${finalAt.toISOString()}; try again then.`,
      {
        details: { tradingDay, finalAt: finalAt.toISOString() },
      },
    );
  }
}
