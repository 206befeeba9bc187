/** Outcome colours: their own hues (violet, amber, grey), never the up/down colours of either convention. */
export const OUTCOME_CLASS = {
  CORRECT: "text-violet-700 dark:text-violet-300",
  INCORRECT: "text-amber-800 dark:text-amber-300",
  VOID: "text-muted",
} as const;
export const OUTCOME_MARK = { CORRECT: "✓", INCORRECT: "✗", VOID: "–" } as const;
