import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  adViews,
  metricsDays,
  pointsBalances,
  pointsLedger,
  predictions,
  redemptions,
  rewardItems,
  users,
} from "@/db/schema";
import { loadMetrics, metricsRange, type Metrics } from "@/lib/admin/metrics";
import {
  gameDayAt,
  isTradingDay,
  previousTradingDay,
  tradingDaysBetween,
  type DayString,
} from "@/lib/calendar";
import { postEntries } from "@/lib/points/ledger";
import { useTestDb } from "./support/db";

/**
 * The dashboard's numbers against a brute-force count over the raw rows of a generated data set
 * (players joining over two weeks with a weekend and a holiday, calls of every status, ledger
 * entries of every reason at all hours, redemptions and ads).
 */
const t = useTestDb();
const FROM = "2026-11-20"; // Friday; Thanksgiving (11-26) is a holiday inside the range.
const TO = "2026-12-02";

function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

describe("the morning numbers", () => {
  it("equal a brute-force count of the generated rows, day by day", async () => {
    const rnd = prng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const start = Date.parse("2026-11-15T00:00:00Z");
    const span = Date.parse("2026-12-06T00:00:00Z") - start;
    const at = () => new Date(start + Math.floor(rnd() * span));

    const people = Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      nickname: `m-${i}-${randomUUID().slice(0, 6)}`,
      createdAt: at(),
    }));
    await t.db.insert(users).values(people);

    // Calls: each player, some trading days, some symbols, any status.
    const tradingDays = tradingDaysBetween("2026-11-18", "2026-12-04");
    const calls: (typeof predictions.$inferInsert)[] = [];
    for (const p of people)
      for (const d of tradingDays)
        for (const symbol of ["AAPL", "NVDA", "MSFT"]) {
          if (rnd() < 0.55) continue;
          // Days up to 11-24 are settled (no call pending); later ones may still have pending calls.
          const status =
            d <= "2026-11-24"
              ? pick(["CORRECT", "INCORRECT", "VOID", "CANCELLED"] as const)
              : pick(["PENDING", "CORRECT", "INCORRECT", "VOID", "CANCELLED"] as const);
          calls.push({
            userId: p.id,
            tradingDay: d,
            symbol,
            choice: rnd() < 0.5 ? "UP" : "DOWN",
            status,
            voidReason: status === "VOID" ? "flat" : null,
            pointsAwarded: status === "CORRECT" ? 50 : 0,
          });
        }
    const inserted = await t.db.insert(predictions).values(calls).returning();

    // Ledger, as the game writes it (the integrity checks run after each test): a signup bonus,
    // bonuses and adjustments, one award per CORRECT call, a debit per redemption and a refund
    // per failed or cancelled one — each at a random instant.
    await postEntries(
      t.db,
      people.map((p) => ({
        userId: p.id,
        amount: 1000,
        reason: "SIGNUP_BONUS" as const,
        refId: `signup:${p.id}`,
        now: at(),
      })),
    );
    await postEntries(t.db, [
      ...people.flatMap((p) =>
        Array.from({ length: 4 }, (_, i) => ({
          userId: p.id,
          amount: 10 + Math.floor(rnd() * 500),
          reason: pick(["STREAK_BONUS", "ADMIN_ADJUST"] as const),
          refId: `test:${p.id}:c${i}`,
          now: at(),
        })),
      ),
      ...inserted
        .filter((c) => c.status === "CORRECT")
        .map((c) => ({
          userId: c.userId,
          amount: 50,
          reason: "PREDICTION_CORRECT" as const,
          refId: `settle:${c.id}`,
          now: at(),
        })),
    ]);
    const wanted = Array.from({ length: 60 }, () => ({
      userId: pick(people).id,
      status: pick(["PENDING", "ISSUED", "FAILED", "CANCELLED"] as const),
      createdAt: at(),
    }));
    const live = wanted.filter((r) => r.status === "PENDING" || r.status === "ISSUED").length;
    const [item] = await t.db
      .insert(rewardItems)
      .values({
        sku: `M-${randomUUID().slice(0, 8).toUpperCase()}`,
        nameKo: "상품",
        nameEn: "Item",
        cost: 100,
        stock: 1000,
        stockTotal: 1000 + live,
      })
      .returning();
    const made = await t.db
      .insert(redemptions)
      .values(wanted.map((r) => ({ ...r, itemId: item!.id, cost: 100, requestKey: randomUUID() })))
      .returning();
    await postEntries(
      t.db,
      made.map((r) => ({
        userId: r.userId,
        amount: -100,
        reason: "REDEMPTION" as const,
        refId: `redeem:${r.id}`,
        now: at(),
      })),
    );
    await postEntries(t.db, [
      ...made
        .filter((r) => r.status === "FAILED" || r.status === "CANCELLED")
        .map((r) => ({
          userId: r.userId,
          amount: 100,
          reason: "REDEMPTION_REFUND" as const,
          refId: `refund:${r.id}`,
          now: at(),
        })),
      ...people.map((p) => ({
        userId: p.id,
        amount: -(1 + Math.floor(rnd() * 20)),
        reason: "ADMIN_ADJUST" as const,
        refId: `test:${p.id}:d`,
        now: at(),
      })),
    ]);
    await t.db.insert(adViews).values(
      Array.from({ length: 80 }, () => {
        const d = pick(tradingDays);
        const startedAt = new Date(Date.parse(`${d}T03:00:00Z`) + Math.floor(rnd() * 10 * 3_600_000));
        return {
          userId: pick(people).id,
          tradingDay: d,
          status: rnd() < 0.7 ? ("COMPLETED" as const) : ("STARTED" as const),
          startedAt,
          eligibleAt: startedAt,
          expiresAt: new Date(startedAt.getTime() + 1_800_000),
        };
      }),
    );

    // Brute force over every row.
    const bucket = (instant: Date) => {
      const d = gameDayAt(instant);
      return isTradingDay(d) ? d : previousTradingDay(d);
    };
    const allUsers = await t.db.select().from(users);
    const allLedger = await t.db.select().from(pointsLedger);
    const allRedemptions = await t.db.select().from(redemptions);
    const allAds = await t.db.select().from(adViews);
    const balanceNow = (await t.db.select().from(pointsBalances)).reduce((s, b) => s + b.balance, 0);
    const days = tradingDaysBetween(FROM, TO);
    const endOf = (d: DayString) => {
      const i = days.indexOf(d);
      // The end of a day's window: the start of the next trading day's game day.
      const next = i + 1 < days.length ? days[i + 1]! : "2026-12-03";
      return Date.parse(`${next}T06:00:00+09:00`);
    };
    const expectBruteForce = async (got: Metrics) => {
      expect(got.days.map((d) => d.tradingDay)).toEqual(days);
      const allCalls = await t.db.select().from(predictions);
      for (const d of days) {
        const of = (s: string) => allCalls.filter((c) => c.tradingDay === d && c.status === s).length;
        const made = allCalls.filter((c) => c.tradingDay === d && c.status !== "CANCELLED");
        const active = new Set(made.map((c) => c.userId)).size;
        const ledgerOfDay = allLedger.filter((l) => bucket(l.createdAt) === d);
        const issued = (r: string) =>
          ledgerOfDay.filter((l) => l.reason === r && l.amount > 0).reduce((s, l) => s + l.amount, 0);
        const decided = of("CORRECT") + of("INCORRECT");
        expect(
          got.days.find((m) => m.tradingDay === d),
          d,
        ).toEqual({
          tradingDay: d,
          registeredPlayers: allUsers.filter((u) => u.createdAt.getTime() < endOf(d)).length,
          newPlayers: allUsers.filter((u) => bucket(u.createdAt) === d).length,
          playersWithCall: active,
          calls: {
            PENDING: of("PENDING"),
            CORRECT: of("CORRECT"),
            INCORRECT: of("INCORRECT"),
            VOID: of("VOID"),
            CANCELLED: of("CANCELLED"),
          },
          callsPerActivePlayer: active ? Math.round((made.length / active) * 100) / 100 : null,
          crowdAccuracy: decided ? Math.round((of("CORRECT") / decided) * 10_000) / 10_000 : null,
          pointsIssued: {
            SIGNUP_BONUS: issued("SIGNUP_BONUS"),
            PREDICTION_CORRECT: issued("PREDICTION_CORRECT"),
            REDEMPTION: issued("REDEMPTION"),
            REDEMPTION_REFUND: issued("REDEMPTION_REFUND"),
            ADMIN_ADJUST: issued("ADMIN_ADJUST"),
            STREAK_BONUS: issued("STREAK_BONUS"),
          },
          pointsIssuedTotal: ledgerOfDay.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0),
          pointsSpent: ledgerOfDay.filter((l) => l.amount < 0).reduce((s, l) => s - l.amount, 0),
          pointsOutstanding: allLedger
            .filter((l) => l.createdAt.getTime() < endOf(d))
            .reduce((s, l) => s + l.amount, 0),
          redemptions: Object.fromEntries(
            (["PENDING", "ISSUED", "FAILED", "CANCELLED"] as const).map((s) => [
              s,
              allRedemptions.filter((r) => r.status === s && bucket(r.createdAt) === d).length,
            ]),
          ),
          adsCompleted: allAds.filter((a) => a.tradingDay === d && a.status === "COMPLETED").length,
        });
      }
    };
    const range = { from: FROM as DayString, to: TO as DayString };
    const keptDays = async () =>
      (await t.db.select({ d: metricsDays.tradingDay }).from(metricsDays)).map((r) => r.d).sort();

    // Half an hour after 11-24's window closed: the settled days before it are kept, 11-24
    // not yet (an hour's grace), nothing with a call pending.
    await expectBruteForce(await loadMetrics(t.db, range, new Date("2026-11-24T21:30:00Z")));
    expect(await keptDays()).toEqual(["2026-11-20", "2026-11-23"]);
    // Long after: every day with no call pending is kept, and the numbers are the same.
    const later = new Date("2026-12-08T00:00:00Z");
    const got = await loadMetrics(t.db, range, later);
    await expectBruteForce(got);
    const settled = got.days.filter((m) => m.calls.PENDING === 0).map((m) => m.tradingDay);
    expect(settled).toEqual(expect.arrayContaining(["2026-11-20", "2026-11-23", "2026-11-24"]));
    expect(await keptDays()).toEqual(settled);
    // Read again: the kept days come from metrics_days, with the same numbers.
    await expectBruteForce(await loadMetrics(t.db, range, later));
    // Proof that they are read, not recounted: a call slipped into a kept day (which the game
    // never does after its cutoff) is not seen there, while the same on a live day is.
    const liveDay = got.days.find((m) => m.calls.PENDING > 0)!.tradingDay;
    await t.db.insert(predictions).values(
      ["2026-11-23", liveDay].map((d) => ({
        userId: people[0]!.id,
        tradingDay: d,
        symbol: "TSLA",
        choice: "UP" as const,
        status: "CANCELLED" as const,
      })),
    );
    const after = await loadMetrics(t.db, range, later);
    const cancelled = (m: Metrics, d: string) => m.days.find((x) => x.tradingDay === d)!.calls.CANCELLED;
    expect(cancelled(after, "2026-11-23")).toBe(cancelled(got, "2026-11-23"));
    expect(cancelled(after, liveDay)).toBe(cancelled(got, liveDay) + 1);
    // A range of kept days only: no aggregate over calls, the same numbers as within the month.
    const keptOnly = await loadMetrics(t.db, { from: "2026-11-20", to: "2026-11-24" }, later);
    expect(keptOnly.days).toEqual(got.days.slice(0, 3));

    // The data set is not trivial: every figure is non-zero somewhere, the holiday folded into the day before.
    expect(got.days.some((m) => m.calls.CANCELLED > 0 && m.pointsSpent > 0 && m.adsCompleted > 0)).toBe(true);
    expect(got.days.find((m) => m.tradingDay === "2026-11-25")!.newPlayers).toBe(
      allUsers.filter((u) => ["2026-11-25", "2026-11-26"].includes(gameDayAt(u.createdAt))).length,
    );
    expect(balanceNow).toBe(allLedger.reduce((s, l) => s + l.amount, 0));
  });

  it("defaults to the last 30 trading days up to today and refuses a reversed range", () => {
    const now = new Date("2026-12-07T03:00:00Z"); // Monday 12:00 KST
    const r = metricsRange(now);
    expect(r.to).toBe("2026-12-07");
    expect(r.days).toHaveLength(30);
    expect(metricsRange(new Date("2026-12-06T03:00:00Z")).to).toBe("2026-12-04");
    expect(() => metricsRange(now, { from: "2026-12-04", to: "2026-12-01" })).toThrow(
      expect.objectContaining({ code: "unprocessable:metrics_range" }),
    );
  });
});
