import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { universePolicy, type UniversePolicyRow } from "@/db/schema";
import { previousTradingDay, type DayString } from "@/lib/calendar";
import { log } from "@/lib/log";
import { recordAudit } from "@/lib/ops/audit";
import type { PriceProvider } from "@/lib/prices/types";
import { composeUniverse, DEFAULT_POLICY, type Composed, type UniversePolicy } from "./compose";
import { getUniverse, refuseUnknownSymbols, upsertUniverse, type SymbolValidator } from "./universe";

const policyLog = log.child({ module: "universe" });

/** The policy a row holds; the default (keep yesterday's list) until an admin sets one. */
const policyOf = (row: UniversePolicyRow | undefined): UniversePolicy =>
  row ? { rule: row.rule, size: row.size, pinned: row.pinned, excluded: row.excluded } : DEFAULT_POLICY;

/** The policy the 05:30 job follows. */
export async function getUniversePolicy(db: Database): Promise<UniversePolicy> {
  const [row] = await db.select().from(universePolicy).where(eq(universePolicy.id, 1));
  return policyOf(row);
}

/**
 * Set the policy (input already checked by `universePolicySchema`), audited with the old and the
 * new. Pinned symbols go into every coming day, so they must be known to the price provider
 * (`validate`, as for an edit of a day): an unknown one is refused by name.
 */
export async function setUniversePolicy(
  db: Database,
  input: { actorId: string; now: Date; policy: UniversePolicy; validate?: SymbolValidator },
): Promise<UniversePolicy> {
  const { rule, size, pinned, excluded } = input.policy;
  if (input.validate) await refuseUnknownSymbols(input.validate, pinned);
  const values = {
    rule,
    size,
    pinned: [...pinned],
    excluded: [...excluded],
    updatedAt: input.now,
    updatedBy: input.actorId,
  };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(universePolicy).where(eq(universePolicy.id, 1)).for("update");
    await tx
      .insert(universePolicy)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: universePolicy.id, set: values });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "universe.policy_set",
      details: {
        before: policyOf(before),
        after: { rule, size, pinned, excluded },
      },
      now: input.now,
    });
    return { rule, size, pinned: values.pinned, excluded: values.excluded };
  });
}

/**
 * The 05:30 selection of `day` by the policy: the previous trading day's list, the default list
 * or the provider's most active stocks (asked only under that rule; when it cannot answer, the
 * previous list stands in), pins in, exclusions out. Writes the list and says which rule chose
 * each symbol (the job run keeps that).
 */
export async function selectUniverse(
  db: Database,
  input: { tradingDay: DayString; now: Date; provider: Pick<PriceProvider, "mostActive"> },
): Promise<Composed> {
  const policy = await getUniversePolicy(db);
  const previous = (await getUniverse(db, previousTradingDay(input.tradingDay))).map((r) => r.symbol);
  let mostActive: string[] | null = null;
  if (policy.rule === "MOST_ACTIVE") {
    try {
      mostActive = await input.provider.mostActive(policy.size + policy.excluded.length, input.now);
    } catch (e) {
      policyLog.warn(
        { tradingDay: input.tradingDay, error: (e as Error).message },
        "most active stocks unavailable",
      );
    }
  }
  const composed = composeUniverse(policy, { previous, mostActive });
  await upsertUniverse(db, { tradingDay: input.tradingDay, symbols: composed.symbols, now: input.now });
  return composed;
}
