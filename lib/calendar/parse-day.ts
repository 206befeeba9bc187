/**
 * The one parser of a day a request or a job names: "YYYY-MM-DD", a real date, inside the
 * calendar (2024–2030) and — unless `anyDay` — a NYSE trading day. Each refusal is an AppError
 * naming the field: 400 `bad_request:trading_day` for a malformed or impossible date,
 * 422 `unprocessable:out_of_calendar`, 422 `unprocessable:not_trading_day`.
 */
import { AppError } from "@/lib/errors";
import { isValidDayString, type DayString } from "./day-string";
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from "./nyse-holidays";
import { isCoveredDay, isTradingDay } from "./trading-days";

export type ParseDayOptions = {
  /** The field named in the message and the field errors (default `tradingDay`). */
  field?: string;
  /** Accept weekends and holidays too (a calendar date in range). */
  anyDay?: boolean;
  /** Why a non-trading day is refused, appended to the message ("there is nothing to settle"). */
  reason?: string;
};

export function parseTradingDay(value: unknown, opts: ParseDayOptions = {}): DayString {
  const field = opts.field ?? "tradingDay";
  if (!isValidDayString(value)) {
    throw new AppError("bad_request:trading_day", `${field} must be a date YYYY-MM-DD.`, {
      fieldErrors: { [field]: ["invalid date"] },
    });
  }
  if (!isCoveredDay(value)) {
    throw new AppError(
      "unprocessable:out_of_calendar",
      `${value} is outside the trading calendar (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}).`,
      {
        fieldErrors: { [field]: ["outside the calendar"] },
      },
    );
  }
  if (!opts.anyDay && !isTradingDay(value)) {
    throw new AppError(
      "unprocessable:not_trading_day",
      `${value} is not a NYSE trading day${opts.reason ? `: ${opts.reason}` : ""}.`,
      {
        fieldErrors: { [field]: ["not a trading day"] },
      },
    );
  }
  return value;
}
