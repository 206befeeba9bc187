import "server-only";
/** An admin-entered official close (halted symbol, provider outage, correction). */
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eodPrices } from "@/db/schema";
import { marketCloseAt, type DayString } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { assertSymbols, toStoredEod, type StoredEod } from "./eod-store";
import { usablePrice } from "./price-values";
import { assertEodDayShape } from "./eod-days";

const DECIMAL = /^\s*\d+(\.\d+)?\s*$/;

export type ManualCloseInput = {
  tradingDay: DayString;
  symbol: string;
  /** A number, or the decimal text of an admin form ("123.45"). */
  close: number | string;
  /** Who set it (admin user id or email), kept in `set_by`. */
  setBy: string;
  now: Date;
  /** Replace a close already stored for the day. Without it an existing close is refused. */
  replace?: boolean;
};

export async function setManualClose(
  db: Database,
  input: ManualCloseInput,
): Promise<{ stored: StoredEod; previous: StoredEod | null }> {
  assertEodDayShape(input.tradingDay);
  const [symbol] = assertSymbols([input.symbol]);
  if (!symbol)
    throw new AppError("bad_request:symbol", "A symbol is required.", {
      fieldErrors: { symbol: ["required"] },
    });
  const raw =
    typeof input.close === "string" ? (DECIMAL.test(input.close) ? Number(input.close) : NaN) : input.close;
  const close = usablePrice(raw);
  if (close === null) {
    throw new AppError("bad_request:close", "A close must be a finite number greater than 0.", {
      fieldErrors: { close: ["must be a finite number greater than 0"] },
    });
  }
  const setBy = input.setBy.trim();
  if (!setBy)
    throw new AppError("bad_request:set_by", "Who sets the close must be recorded.", {
      fieldErrors: { setBy: ["required"] },
    });
  if (input.now.getTime() < marketCloseAt(input.tradingDay).getTime()) {
    throw new AppError(
      "conflict:eod_not_final",
      `${input.tradingDay} has not closed yet; a close cannot be set before the market closes.`,
    );
  }

  const key = and(eq(eodPrices.tradingDay, input.tradingDay), eq(eodPrices.symbol, symbol));
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(eodPrices).where(key).for("update");
    if (existing && !input.replace) {
      throw new AppError(
        "conflict:eod_exists",
        `${symbol} already has a close for ${input.tradingDay} (${existing.close}, ${existing.source}).`,
        {
          details: { close: existing.close, source: existing.source },
        },
      );
    }
    const values = { close: String(close), source: "manual", setBy, fetchedAt: input.now };
    const [row] = existing
      ? await tx.update(eodPrices).set(values).where(key).returning()
      : await tx
          .insert(eodPrices)
          .values({ tradingDay: input.tradingDay, symbol, ...values })
          .onConflictDoNothing()
          .returning();
    if (!row) {
      throw new AppError(
        "conflict:eod_exists",
        `${symbol} got a close for ${input.tradingDay} meanwhile; reload and retry.`,
      );
    }
    log.info(
      { module: "prices", tradingDay: input.tradingDay, symbol, close, setBy, replaced: Boolean(existing) },
      "manual EOD close set",
    );
    return { stored: toStoredEod(row), previous: existing ? toStoredEod(existing) : null };
  });
}
