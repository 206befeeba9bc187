import type { SessionStatusJson } from "@/lib/sessions/status";
import type { Sector } from "@/lib/universe/sectors";

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

/** How other players called a symbol today: present only once at least `Board.crowdMin` have. */
export type Crowd = { others: number; up: number; down: number; upPct: number; downPct: number };

/** A symbol's market side, the same for every player (lib/board/shared.ts keeps it per process). */
export type SymbolQuote = {
  symbol: string;
  sector: Sector;
  price: number | null;
  /** The one reference of the card: the % change and the line's colour and dotted baseline. */
  previousClose: number | null;
  changePct: number | null;
  asOf: string | null;
  stale: boolean;
  /** The latest regular session's points up to `price`, oldest first (may be empty). */
  series: number[];
};

export type BoardSymbol = SymbolQuote & {
  /** In the request's language (Korean names for the default universe). */
  name: string;
  myCall: MyCall | null;
  crowd: Crowd | null;
};

export type SlotsJson = {
  available: number;
  max: number;
  adSlotsUsed: number;
  adSlotsLeft: number;
  nextRefillAt: string | null;
};

export type LastResults = {
  tradingDay: string;
  correct: number;
  incorrect: number;
  void: number;
  pending: number;
  points: number;
};

export type Board = {
  session: SessionStatusJson;
  /** The trading day whose universe is shown (today's, or the next one when closed for the day). */
  boardDay: string;
  interactive: boolean;
  simulated: boolean;
  priceSource: string;
  /** When the board day's calls are settled (its close is final), KST ISO. */
  settlesAt: string;
  /** The fewest other players' calls before a crowd split is shown. */
  crowdMin: number;
  slots: SlotsJson | null;
  /** The player's results of the trading day before the board's ("yesterday's results"). */
  lastResults: LastResults | null;
  symbols: BoardSymbol[];
};

/** One card's personal part: what a call, change or cancel changes on it. */
export type CardView = { symbol: string; myCall: MyCall | null; crowd: Crowd | null };

/**
 * What a board mutation returns and the client applies to its cached board: the card it
 * touched and the slots, when they changed. Absent parts are left as they are.
 */
export type BoardPatch = { card?: CardView; slots?: SlotsJson };
