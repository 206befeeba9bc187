// Server entry point of settlement (SPEC §5).
export * from "./rules";
export { settleTradingDay, assertSettleableDay, type SettleDayResult } from "./settle-day";
export { symbolsToCollect } from "./needs";
export { settleSymbolManually } from "./manual";
export { settlementSummary, lastSettledSummaryForUser } from "./summary";
