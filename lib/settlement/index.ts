// Server entry point of settlement (SPEC §5).
export * from "./rules";
export {
  settleTradingDay,
  assertReadyToSettle,
  assertSettleableDay,
  type SettleDayResult,
} from "./settle-day";
export { symbolsToCollect } from "./needs";
export { settleSymbolManually } from "./manual";
export { settlementSummary, lastSettledSummaryForUser } from "./summary";
