import { z } from "zod";

export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.-]{0,9}$/;
export const UNIVERSE_MAX = 200;

export const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(SYMBOL_PATTERN, "A symbol is 1–10 characters: letters, digits, '.' or '-', starting with a letter");

/** An empty or missing list means "use the default list". */
export const universeUpsertSchema = z
  .object({
    symbols: z
      .array(symbolSchema)
      .max(UNIVERSE_MAX, `A universe holds at most ${UNIVERSE_MAX} symbols`)
      .optional()
      .refine((list) => !list || new Set(list).size === list.length, "Each symbol may appear only once"),
  })
  .strict();
