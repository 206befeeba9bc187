import { z } from "zod";

export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.-]{0,9}$/;
export const UNIVERSE_MAX = 200;

export const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(SYMBOL_PATTERN, "A symbol is 1–10 characters: letters, digits, '.' or '-', starting with a letter");

/**
 * An empty or missing list means "use the default list". A symbol listed twice is refused by
 * `upsertUniverse`, which names it.
 */
export const universeUpsertSchema = z
  .object({
    symbols: z
      .array(symbolSchema)
      .max(UNIVERSE_MAX, `A universe holds at most ${UNIVERSE_MAX} symbols`)
      .optional(),
    /** Removing symbols that have pending calls voids those calls: refused (409) unless confirmed. */
    confirmRemoval: z.boolean().optional(),
  })
  .strict();
