// Server entry point of settlement (SPEC §5).
export * from "./rules";
export { settleTradingDay, assertSettleableDay, type SettleDayInput, type SettleDayResult, type SettleHooks } from "./settle-day";
export { settleSymbolManually, type ManualSettleInput, type ManualSettleResult } from "./manual";
export {
  settlementSummary,
  lastSettledSummaryForUser,
  type SettlementSummary,
  type SymbolSummary,
  type PlayerDayResults,
  type SettledCall,
  type StatusCounts,
} from "./summary";
