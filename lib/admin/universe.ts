import "server-only";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { pendingCallsOn, voidCallsOfRemovedSymbols } from "@/lib/predictions/void-removed";
import { appPriceProvider } from "@/lib/prices/app-provider";
import type { PriceProvider } from "@/lib/prices/types";
import {
  universeTradingDay,
  upsertUniverse,
  type SymbolValidator,
  type UniverseChange,
} from "@/lib/universe";

/** The symbols `provider` does not know (online: asked; simulated: its instrument catalogue). */
export function providerValidator(provider: Pick<PriceProvider, "lookupSymbols">): SymbolValidator {
  return async (symbols) => {
    const info = await provider.lookupSymbols(symbols);
    return { unknown: symbols.filter((s) => !info.get(s)?.valid) };
  };
}

/**
 * Replace a trading day's universe (an empty or missing list means the default list), audited
 * in the same transaction as the change. New symbols must be known to the price provider.
 * Removing a symbol that has pending calls that day is refused (`conflict:universe_removal_unconfirmed`,
 * with the number of calls) until `confirmRemoval`; then those calls are VOID
 * `removed_from_universe`, their slots come back and their players are told.
 */
export async function adminUpsertUniverse(
  db: Database,
  input: {
    actorId: string;
    now: Date;
    tradingDay: string;
    symbols?: string[];
    confirmRemoval?: boolean;
    provider?: Pick<PriceProvider, "lookupSymbols">;
  },
) {
  const tradingDay = universeTradingDay(input.tradingDay);
  let change: UniverseChange = { added: [], removed: [], moved: [] };
  let voided = 0;
  const counts = await upsertUniverse(db, {
    tradingDay,
    symbols: input.symbols,
    now: input.now,
    validate: providerValidator(input.provider ?? appPriceProvider()),
    onChange: async (tx, c) => {
      change = c;
      const affected = await pendingCallsOn(tx, tradingDay, c.removed);
      if (affected > 0 && !input.confirmRemoval) {
        throw new AppError(
          "conflict:universe_removal_unconfirmed",
          `${affected} pending calls are on symbols this change removes; confirm to void them.`,
          { details: { affected, symbols: c.removed } },
        );
      }
      voided = (await voidCallsOfRemovedSymbols(tx, { tradingDay, symbols: c.removed, now: input.now }))
        .voided;
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "universe.upsert",
        target: tradingDay,
        details: { ...c, voided, now: input.now.toISOString() },
        now: input.now,
      });
    },
  });
  return { tradingDay, ...counts, voided, change };
}
