import type { CrowdSplit } from "@/lib/predictions/queries";
import type { SessionStatusJson } from "@/lib/sessions/status";

/** The board's JSON shape, shared by the server loader, GET /api/board and the client. */
export type MyCall = {
  id: string;
  choice: "UP" | "DOWN";
  status: "PENDING" | "CORRECT" | "INCORRECT" | "VOID" | "CANCELLED";
  snapshotPrice: number | null;
  snapshotAt: string | null;
  closePrice: number | null;
  voidReason: string | null;
  pointsAwarded: number;
};

export type BoardSymbol = {
  symbol: string;
  name: string;
  price: number | null;
  previousClose: number | null;
  changePct: number | null;
  asOf: string | null;
  stale: boolean;
  series: number[];
  myCall: MyCall | null;
  crowd: CrowdSplit | null;
};

export type SlotsJson = { available: number; max: number; adSlotsUsed: number; adSlotsLeft: number; nextRefillAt: string | null };

export type Board = {
  session: SessionStatusJson;
  /** The trading day whose universe is shown (today's, or the next one when closed for the day). */
  boardDay: string;
  interactive: boolean;
  simulated: boolean;
  priceSource: string;
  slots: SlotsJson | null;
  /** The player's most recent settled day ("yesterday's results"). */
  lastResults: { tradingDay: string; correct: number; incorrect: number; void: number; pending: number; points: number } | null;
  symbols: BoardSymbol[];
};

