/**
 * The universe policy (docs/rules.md §2): the 05:30 job keeps yesterday's list, takes the
 * default list or the provider's most active stocks (recorded Yahoo answers, no network), pins
 * always in, exclusions always out, and records which rule chose each symbol.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, universePolicy } from "@/db/schema";
import { providerValidator } from "@/lib/admin/universe";
import { tickScheduler } from "@/lib/jobs";
import { createSimulatedMarket, type PriceProvider } from "@/lib/prices";
import { DEFAULT_SYMBOLS, getUniverse, universePolicySchema, upsertUniverse } from "@/lib/universe";
import { getUniversePolicy, setUniversePolicy } from "@/lib/universe/policy";
import { recordedMostActive, SERVER_ERROR } from "@/tests/fixtures/yahoo/fake-yahoo";
import { fakeYahooProvider } from "@/tests/fixtures/yahoo/test-provider";
import { createAdmin } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const kst = (iso: string) => new Date(`${iso}+09:00`);

/** Runs the 05:30 job of `day` (a weekday after `previous`) and returns its result. */
async function select(day: string, provider: PriceProvider) {
  const reports = await tickScheduler(t.db, kst(`${day}T05:30:10`), { deps: { priceProvider: provider } });
  const run = reports
    .filter((r) => r.job === "select-universe")
    .flatMap((r) => r.outcome?.runs.filter((x) => x.fresh) ?? [])
    .find((r) => r.businessKey === day);
  expect(run?.status).toBe("SUCCEEDED");
  return run!.result as Record<string, unknown>;
}
const symbolsOf = async (day: string) => (await getUniverse(t.db, day)).map((u) => u.symbol);
const setPolicy = async (actorId: string, raw: unknown) =>
  setUniversePolicy(t.db, {
    actorId,
    now: kst("2026-12-01T09:00:00"),
    policy: universePolicySchema.parse(raw),
  });

describe("the 05:30 selection follows the universe policy", () => {
  const sim = createSimulatedMarket("universe-policy");

  it("by default keeps yesterday's list (no screener call), the default list when there is none", async () => {
    expect(await getUniversePolicy(t.db)).toMatchObject({ rule: "KEEP", pinned: [], excluded: [] });
    expect(await select("2026-12-01", sim)).toMatchObject({
      rule: "KEEP",
      fellBackTo: "default",
      symbols: 101,
    });
    await upsertUniverse(t.db, { tradingDay: "2026-12-01", symbols: ["NVDA", "AMD", "TSLA"] });
    const { provider, fake } = fakeYahooProvider();
    expect(await select("2026-12-02", provider)).toMatchObject({
      rule: "KEEP",
      symbols: 3,
      chosenBy: { previous: ["NVDA", "AMD", "TSLA"], pinned: [], most_active: [], default: [] },
    });
    expect(await symbolsOf("2026-12-02")).toEqual(["NVDA", "AMD", "TSLA"]);
    expect(fake.count("screener")).toBe(0);
  });

  it("most active on Yahoo's recorded answer: pins first, exclusions and funds out, `size` in all", async () => {
    const admin = await createAdmin(t.db);
    await setPolicy(admin.id, {
      rule: "MOST_ACTIVE",
      size: 10,
      pinned: ["SPY", "NKE"],
      excluded: ["INTC", "DOCN"],
    });
    const { provider, fake } = fakeYahooProvider();
    const result = await select("2026-12-03", provider);

    const offered = recordedMostActive();
    expect(offered.slice(0, 6)).toEqual(["F", "INTC", "DOCN", "DXYZ", "ADSK", "QQQ"]);
    const expected = ["SPY", "NKE", "F", "DXYZ", "ADSK", "GOOGL", "NVMI", "MRVL", "DXCM", "PLTR"];
    expect(await symbolsOf("2026-12-03")).toEqual(expected);
    expect(result).toMatchObject({
      rule: "MOST_ACTIVE",
      symbols: 10,
      chosenBy: { pinned: ["SPY", "NKE"], most_active: expected.slice(2), previous: [], default: [] },
    });
    expect(result.fellBackTo).toBeUndefined();
    expect(fake.count("screener")).toBe(1);
  });

  it("when Yahoo cannot answer, yesterday's list stands in (pins and exclusions still applied)", async () => {
    const { provider, fake } = fakeYahooProvider();
    fake.enqueue("screener", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR);
    const result = await select("2026-12-04", provider);
    expect(result).toMatchObject({ rule: "MOST_ACTIVE", fellBackTo: "previous", symbols: 10 });
    expect(await symbolsOf("2026-12-04")).toEqual(await symbolsOf("2026-12-03"));
  });

  it("the simulated market answers deterministically, a new order each session; a set list is never replaced", async () => {
    const a = await sim.mostActive(20, kst("2026-12-08T05:30:00"));
    expect(a).toEqual(
      await createSimulatedMarket("universe-policy").mostActive(20, kst("2026-12-08T05:30:00")),
    );
    expect(a).not.toEqual(await sim.mostActive(20, kst("2026-12-09T05:30:00")));
    expect(a.every((s) => DEFAULT_SYMBOLS.includes(s) && s !== "SPY" && s !== "QQQ")).toBe(true);

    await upsertUniverse(t.db, { tradingDay: "2026-12-07", symbols: ["AAPL"] });
    expect(await select("2026-12-07", sim)).toMatchObject({ action: "kept", symbols: 1 });
  });

  it("setting the policy is audited with the old and the new; a symbol cannot be pinned and excluded", async () => {
    const admin = await createAdmin(t.db);
    await setPolicy(admin.id, { rule: "DEFAULT", size: 100, pinned: ["ZM", "ZM"], excluded: [] });
    expect(await getUniversePolicy(t.db)).toEqual({
      rule: "DEFAULT",
      size: 100,
      pinned: ["ZM"],
      excluded: [],
    });
    const [line] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, "universe.policy_set")));
    expect(line?.details).toMatchObject({
      before: { rule: "MOST_ACTIVE", size: 10, pinned: ["SPY", "NKE"] },
      after: { rule: "DEFAULT", pinned: ["ZM"] },
    });
    expect(
      universePolicySchema.safeParse({ rule: "KEEP", size: 100, pinned: ["AMD"], excluded: ["amd"] }).success,
    ).toBe(false);
    expect(universePolicySchema.safeParse({ rule: "KEEP", size: 0, pinned: [], excluded: [] }).success).toBe(
      false,
    );
    expect(
      universePolicySchema.safeParse({ rule: "RANDOM", size: 5, pinned: [], excluded: [] }).success,
    ).toBe(false);
    expect(await t.db.select().from(universePolicy)).toHaveLength(1);
  });

  it("a pinned symbol the price provider does not know is refused by name, and nothing changes", async () => {
    const admin = await createAdmin(t.db);
    const before = await getUniversePolicy(t.db);
    const refused = await setUniversePolicy(t.db, {
      actorId: admin.id,
      now: kst("2026-12-01T09:00:00"),
      policy: universePolicySchema.parse({ rule: "KEEP", size: 100, pinned: ["NVDA", "ZZZZ"], excluded: [] }),
      validate: providerValidator(sim),
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "unprocessable:universe_unknown_symbol",
      details: { unknown: ["ZZZZ"] },
    });
    expect(await getUniversePolicy(t.db)).toEqual(before);
    const lines = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, "universe.policy_set")));
    expect(lines).toHaveLength(0);
  });
});
