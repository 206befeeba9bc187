import { DEFAULT_SYMBOLS } from "./default-list";
import { SYMBOL_PATTERN, UNIVERSE_MAX, UNIVERSE_RULES } from "./schemas";

export type UniverseRule = (typeof UNIVERSE_RULES)[number];

export type UniversePolicy = {
  rule: UniverseRule;
  /** How many symbols "most active" takes, pins included. */
  size: number;
  pinned: readonly string[];
  excluded: readonly string[];
};

export const DEFAULT_POLICY: UniversePolicy = { rule: "KEEP", size: 100, pinned: [], excluded: [] };

/** Which rule put a symbol on the day's list. */
export type ChosenBy = "pinned" | "previous" | "default" | "most_active";

export type Composed = {
  symbols: string[];
  chosenBy: Record<ChosenBy, string[]>;
  /** The rule asked for, and the one that answered when it could not (no previous list, provider down). */
  rule: UniverseRule;
  fellBackTo?: "previous" | "default";
};

/**
 * A day's list from the policy and what each rule offers: the admin's pins first (in their
 * order), then the rule's symbols in theirs, exclusions never, each symbol once, at most
 * 200 (and at most `size` under "most active"). "Keep" without a previous list, and
 * "most active" without an answer from the provider, fall back to the previous list, then to
 * the default list. Never empty: when exclusions leave nothing, the pins or the default list stay.
 */
export function composeUniverse(
  policy: UniversePolicy,
  offered: { previous: readonly string[]; mostActive: readonly string[] | null },
): Composed {
  const excluded = new Set(policy.excluded);
  const chosenBy: Record<ChosenBy, string[]> = { pinned: [], previous: [], default: [], most_active: [] };
  const taken = new Set<string>();
  const cap = policy.rule === "MOST_ACTIVE" ? Math.min(policy.size, UNIVERSE_MAX) : UNIVERSE_MAX;
  const take = (symbols: readonly string[], by: ChosenBy, limit = cap) => {
    for (const s of symbols) {
      if (taken.size >= limit) return;
      if (excluded.has(s) || taken.has(s) || !SYMBOL_PATTERN.test(s)) continue;
      taken.add(s);
      chosenBy[by].push(s);
    }
  };
  take(policy.pinned, "pinned", UNIVERSE_MAX);

  let fellBackTo: Composed["fellBackTo"];
  const fallback = () => {
    if (offered.previous.length > 0) {
      fellBackTo = "previous";
      take(offered.previous, "previous");
    } else {
      fellBackTo = "default";
      take(DEFAULT_SYMBOLS, "default");
    }
  };
  if (policy.rule === "KEEP") {
    if (offered.previous.length > 0) take(offered.previous, "previous");
    else fallback();
  } else if (policy.rule === "DEFAULT") {
    take(DEFAULT_SYMBOLS, "default");
  } else if (offered.mostActive && offered.mostActive.length > 0) {
    take(offered.mostActive, "most_active");
  } else {
    fallback();
  }
  // Everything the rule offered was excluded: the default list, exclusions still out; and if
  // even that is all excluded, its first symbol (a day needs at least one).
  if (taken.size === 0) take(DEFAULT_SYMBOLS, "default");
  if (taken.size === 0) {
    taken.add(DEFAULT_SYMBOLS[0]!);
    chosenBy.default.push(DEFAULT_SYMBOLS[0]!);
  }

  return { symbols: [...taken], chosenBy, rule: policy.rule, ...(fellBackTo ? { fellBackTo } : {}) };
}
