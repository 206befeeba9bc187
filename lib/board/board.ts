import "server-only";
import type { Database } from "@/db/client";
import type { Prediction } from "@/db/schema";
import { myCallJson, slotsJson } from "@/lib/api/serialize";
import { previousTradingDay } from "@/lib/calendar";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import type { PriceProvider } from "@/lib/prices/types";
import { getSessionStatus, sessionStatusJson } from "@/lib/sessions/status";
import { getSlotView } from "@/lib/slots/slots";
import { othersCalls } from "./crowd";
import { crowdOf, personalBoard } from "./personal";
import { sharedBoard } from "./shared";
import type { Board, CardView } from "./types";

export type { Board } from "./types";

/**
 * Everything the board shows: the shared part (universe, names, quotes, lines) from memory,
 * the player's own part (calls, crowd, yesterday's results, slots) from two small queries.
 * Never asks the price provider: quotes and lines come from the tables the refresh job fills.
 */
export async function loadBoard(
  db: Database,
  input: { userId: string | null; now: Date; provider: PriceProvider; locale: Locale },
): Promise<Board> {
  const { now, provider } = input;
  const status = await getSessionStatus(db, now);
  const boardDay = status.tradingDay ?? status.nextTradingDay;
  const crowdMin = env().CROWD_MIN_OTHERS;
  const [shared, mine, slots] = await Promise.all([
    sharedBoard(db, { boardDay, useDefaultList: !status.tradingDay, now, provider }),
    input.userId
      ? personalBoard(db, {
          userId: input.userId,
          boardDay,
          previousDay: previousTradingDay(boardDay),
          crowdMin,
        })
      : null,
    input.userId && status.tradingDay
      ? getSlotView(db, { userId: input.userId, tradingDay: status.tradingDay, now })
      : null,
  ]);
  return {
    session: sessionStatusJson(status),
    boardDay,
    interactive: status.acceptingPredictions,
    simulated: shared.simulated,
    priceSource: shared.priceSource,
    settlesAt: shared.settlesAt,
    crowdMin,
    slots: slots && slotsJson(slots),
    lastResults: mine?.lastResults ?? null,
    symbols: shared.symbols.map(({ nameEn, nameKo, ...s }) => {
      const own = mine?.calls.get(s.symbol);
      return {
        ...s,
        name: input.locale === "ko" ? nameKo : nameEn,
        myCall: own?.call ?? null,
        crowd: own?.crowd ?? null,
      };
    }),
  };
}

/**
 * A card as the board shows it after a call, change or cancel of `prediction`: the call (none
 * once cancelled) and the crowd split of the other players, which the board shows only for
 * called symbols and only above the minimum.
 */
export async function cardAfter(db: Database, prediction: Prediction): Promise<CardView> {
  const { symbol } = prediction;
  if (prediction.status === "CANCELLED") return { symbol, myCall: null, crowd: null };
  const { up, down } = await othersCalls(db, {
    tradingDay: prediction.tradingDay,
    symbol,
    userId: prediction.userId,
  });
  return { symbol, myCall: myCallJson(prediction), crowd: crowdOf(up, down, env().CROWD_MIN_OTHERS) };
}
