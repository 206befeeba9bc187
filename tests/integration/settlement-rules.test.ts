import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eodPrices, predictions } from "@/db/schema";
import { marketOpenAt, settlementDueAt } from "@/lib/calendar";
import { outcomeOf, settleTradingDay } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer } from "./support/players";
import { mulberry32 } from "@/lib/prices/prng";
import { useTestDb } from "./support/db";

const t = useTestDb();

/** Deterministic PRNG (mulberry32): a failing seed replays. */
const rng = mulberry32;

describe("the set-based SQL settles exactly as the rules say", () => {
  it.each([1, 2, 3])(
    "seed %i: 300 random calls, including cent edges, void cases and corporate actions",
    async (seed) => {
      const day = ["2026-10-06", "2026-10-07", "2026-10-08"][seed - 1]!;
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const symbols = Array.from({ length: 15 }, (_, i) => `R${seed}S${i}`);
      await upsertUniverse(t.db, { tradingDay: day, symbols });
      const open = marketOpenAt(day);

      // Closes: mostly ordinary, some half-cent values, one NaN, one split, one missing.
      const closes = new Map<string, { close: string; corporateAction: string | null } | undefined>();
      symbols.forEach((s, i) => {
        if (i === 0) closes.set(s, undefined);
        else if (i === 1) closes.set(s, { close: "NaN", corporateAction: null });
        else if (i === 2) closes.set(s, { close: "25.125", corporateAction: "split 4:1" });
        else
          closes.set(s, {
            close: (10 + Math.floor(rand() * 400) / 100 + pick([0, 0.005, 0.004, 0.001])).toFixed(6),
            corporateAction: null,
          });
      });
      await t.db.insert(eodPrices).values(
        [...closes].flatMap(([symbol, c]) =>
          c
            ? [
                {
                  tradingDay: day,
                  symbol,
                  close: c.close,
                  corporateAction: c.corporateAction,
                  source: "simulated",
                },
              ]
            : [],
        ),
      );

      const players = await Promise.all(Array.from({ length: 20 }, () => createPlayer(t.db)));
      const rows = players.flatMap((p) =>
        symbols.map((symbol) => {
          const c = closes.get(symbol);
          const near = c && c.close !== "NaN" ? Number(c.close) : 12;
          const snapshot = pick([
            null,
            "0",
            "NaN",
            near.toFixed(6),
            (near + pick([-0.004, 0.004, 0.005, -0.005, 0.01, -0.01, 0.5, -0.5])).toFixed(6),
          ]);
          const at = pick([new Date(open.getTime() - 3_600_000), new Date(open.getTime() + 600_000)]);
          return {
            userId: p.id,
            tradingDay: day,
            symbol,
            choice: pick(["UP", "DOWN"] as const),
            snapshotPrice: snapshot,
            snapshotAt: snapshot === null ? null : at,
          };
        }),
      );
      await t.db.insert(predictions).values(rows);

      const noCloseDeadlinePassed = new Date(settlementDueAt(day).getTime() + 25 * 3_600_000);
      const result = await settleTradingDay(t.db, {
        tradingDay: day,
        now: noCloseDeadlinePassed,
        batchSize: 37,
      });
      expect(result).toMatchObject({ complete: true, settled: 300 });

      const settled = await t.db.select().from(predictions).where(eq(predictions.tradingDay, day));
      const seen = new Set<string>();
      for (const row of settled) {
        const c = closes.get(row.symbol);
        const expected = outcomeOf({
          choice: row.choice,
          snapshotPrice: row.snapshotPrice === null ? null : Number(row.snapshotPrice),
          snapshotAt: row.snapshotAt,
          close: c === undefined ? undefined : Number(c.close),
          corporateAction: c?.corporateAction ?? null,
          marketOpenAt: open,
        });
        expect({
          id: row.id,
          status: row.status,
          voidReason: row.voidReason,
          points: row.pointsAwarded,
        }).toEqual({
          id: row.id,
          status: expected.status,
          voidReason: expected.voidReason,
          points: expected.points,
        });
        seen.add(expected.voidReason ?? expected.status);
      }
      // The sample really covers every outcome.
      expect([...seen].sort()).toEqual(
        [
          "CORRECT",
          "INCORRECT",
          "bad_close",
          "bad_snapshot",
          "corporate_action",
          "flat",
          "no_close",
          "no_snapshot",
        ].sort(),
      );
    },
  );
});
