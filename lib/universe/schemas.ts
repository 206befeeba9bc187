import { z } from "zod";

export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.-]{0,9}$/;
export const UNIVERSE_MAX = 200;
/** How the 05:30 job may choose a day's list (lib/universe/compose.ts). */
export const UNIVERSE_RULES = ["KEEP", "DEFAULT", "MOST_ACTIVE"] as const;

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

const symbolList = (max: number) =>
  z
    .array(symbolSchema)
    .max(max, `At most ${max} symbols`)
    .transform((list) => [...new Set(list)]);

/** The universe policy an admin sets (lib/universe/policy.ts); a symbol cannot be both pinned and excluded. */
export const universePolicySchema = z
  .object({
    rule: z.enum(UNIVERSE_RULES),
    size: z.number().int().min(1).max(UNIVERSE_MAX),
    pinned: symbolList(50),
    excluded: symbolList(UNIVERSE_MAX),
  })
  .strict()
  .superRefine((p, ctx) => {
    const both = p.pinned.filter((s) => p.excluded.includes(s));
    if (both.length)
      ctx.addIssue({
        code: "custom",
        path: ["excluded"],
        message: `Pinned and excluded at once: ${both.join(", ")}`,
      });
  });
