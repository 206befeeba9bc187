import type { Board, BoardPatch, BoardSymbol, CardView } from "@/lib/board/types";

/** What the player asked of one card: call it (or switch to) UP or DOWN, or cancel the call. */
export type Intent = { kind: "call"; choice: "UP" | "DOWN" } | { kind: "cancel" };

/** The personal part of one card, as the cached board has it now. */
export function cardOf(board: Board, symbol: string): CardView | undefined {
  const s = board.symbols.find((x) => x.symbol === symbol);
  return s && { symbol: s.symbol, myCall: s.myCall, crowd: s.crowd };
}

function editCard(board: Board, symbol: string, edit: (s: BoardSymbol) => BoardSymbol): Board {
  if (!board.symbols.some((s) => s.symbol === symbol)) return board;
  return { ...board, symbols: board.symbols.map((s) => (s.symbol === symbol ? edit(s) : s)) };
}

/** Apply what a mutation answered: the card it touched and the slots, when given. Nothing else moves. */
export function applyPatch(board: Board, patch: BoardPatch): Board {
  let next = board;
  if (patch.card) {
    const { symbol, myCall, crowd } = patch.card;
    next = editCard(next, symbol, (s) => ({ ...s, myCall, crowd }));
  }
  // Slots exist only for a signed-in player on a trading day; a patch never invents them.
  if (patch.slots && next.slots) next = { ...next, slots: patch.slots };
  return next;
}

/**
 * The card as the player asked for it, shown before the server answers: a new call is a
 * PENDING call at the current price; a change flips the choice; a cancel clears the call and
 * the crowd (which the board shows only for called symbols).
 */
export function applyIntent(board: Board, symbol: string, intent: Intent): Board {
  return editCard(board, symbol, (s) => {
    if (intent.kind === "cancel") return { ...s, myCall: null, crowd: null };
    if (s.myCall) return { ...s, myCall: { ...s.myCall, choice: intent.choice } };
    return {
      ...s,
      myCall: {
        id: "pending",
        choice: intent.choice,
        status: "PENDING",
        snapshotPrice: s.price,
        snapshotAt: null,
        closePrice: null,
        voidReason: null,
        pointsAwarded: 0,
      },
    };
  });
}
