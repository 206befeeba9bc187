import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  isCoveredDay,
  isTradingDay,
  isValidDayString,
  type DayString,
} from "@/lib/calendar";
import { AppError } from "@/lib/errors";

/** A day a universe may be set for: a date, inside the calendar, a NYSE trading day; else 422 saying which. */
export function universeTradingDay(day: unknown, field = "day"): DayString {
  if (!isValidDayString(day)) {
    throw new AppError("unprocessable:invalid_query", `Invalid query — ${field}: day must be YYYY-MM-DD`, {
      fieldErrors: { [field]: ["day must be YYYY-MM-DD"] },
    });
  }
  if (!isCoveredDay(day))
    throw new AppError(
      "unprocessable:out_of_calendar",
      `${day} is outside the trading calendar (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
    );
  if (!isTradingDay(day))
    throw new AppError("unprocessable:not_trading_day", `${day} is not a NYSE trading day.`);
  return day;
}
