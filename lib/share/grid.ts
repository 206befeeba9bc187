/**
 * The spoiler-free share grid of a player's day (Wordle-style): no symbols, no prices, only each
 * call's direction and outcome. Pure and client-safe: the board copies it, the share page and
 * its Open Graph image draw the same cells.
 *
 *   OX Universe 12/01 ⭕✅ ❌✅ ⭕❌ 2/3 +100P 🔥12
 */
export type GridCall = { choice: "UP" | "DOWN"; status: "CORRECT" | "INCORRECT" | "VOID" };

export type DayGrid = {
  day: string;
  calls: GridCall[];
  correct: number;
  settled: number;
  points: number;
  streak: number;
};

const CHOICE = { UP: "⭕", DOWN: "❌" } as const;
const OUTCOME = { CORRECT: "✅", INCORRECT: "❌", VOID: "⬜" } as const;

export function gridCells(calls: readonly GridCall[]): string[] {
  return calls.map((c) => `${CHOICE[c.choice]}${OUTCOME[c.status]}`);
}

export function shareText(grid: DayGrid): string {
  const [, month, date] = grid.day.split("-");
  const parts = [`OX Universe ${month}/${date}`, ...gridCells(grid.calls), `${grid.correct}/${grid.settled}`];
  parts.push(`+${grid.points}P`);
  if (grid.streak > 0) parts.push(`🔥${grid.streak}`);
  return parts.join(" ");
}
