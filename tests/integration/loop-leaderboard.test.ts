import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { loadLeaderboard } from "@/lib/loop/leaderboard";
import { recordDayResults } from "@/lib/loop/record-day";
import { updateLoopSettings } from "@/lib/loop/settings";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2026-12-16T00:00:00Z");

describe("leaderboard rules on a small board", () => {
  it("ties share a rank, hidden players vanish from the board but see their place, accuracy needs the minimum", async () => {
    const db = t.db;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [u] = rowsOf<{ id: string }>(
        await db.execute(sql`insert into users (nickname) values (${`small-${i}`}) returning id::text as id`),
      );
      ids.push(u!.id);
    }
    const day = "2026-12-15";
    // correct/incorrect per player: 3/0, 3/0, 2/1, 1/0, 0/3, 2/2 (player 3 has too few for accuracy).
    const plan = [
      [3, 0],
      [3, 0],
      [2, 1],
      [1, 0],
      [0, 3],
      [2, 2],
    ];
    let n = 0;
    for (const [i, [c, w]] of plan.entries()) {
      for (let k = 0; k < c! + w!; k++) {
        const correct = k < c!;
        await db.execute(sql`insert into predictions (user_id, trading_day, symbol, choice, status, points_awarded, snapshot_price, close_price)
          values (${ids[i]!}, ${day}, ${`T${n++}`}, 'UP', ${correct ? "CORRECT" : "INCORRECT"}, ${correct ? 50 : 0}, 100, ${correct ? 101 : 99})`);
        if (correct)
          await db.execute(sql`insert into points_ledger (ref_id, user_id, amount, reason, balance_after)
            select 'settle:' || p.id, p.user_id, 50, 'PREDICTION_CORRECT',
              50 + coalesce((select balance from points_balances b where b.user_id = p.user_id), 0)
            from predictions p where p.user_id = ${ids[i]!} and p.symbol = ${`T${n - 1}`}`);
        if (correct)
          await db.execute(sql`insert into points_balances (user_id, balance) values (${ids[i]!}, 50)
            on conflict (user_id) do update set balance = points_balances.balance + 50`);
      }
    }
    await db.transaction((tx) => recordDayResults(tx, { tradingDay: day, now: NOW }));
    const points = await loadLeaderboard(db, { period: "day", by: "points", day });
    expect(Object.fromEntries(points.entries.map((e) => [e.nickname, e.rank]))).toEqual({
      "small-0": 1,
      "small-1": 1,
      "small-2": 3,
      "small-5": 3,
      "small-3": 5,
      "small-4": 6,
    });
    const accuracy = await loadLeaderboard(db, { period: "day", by: "accuracy", day, userId: ids[3] });
    expect(accuracy.entries.map((e) => e.nickname)).not.toContain("small-3");
    expect(accuracy.me).toMatchObject({ rank: null, callsToQualify: 2 });
    expect(accuracy.entries.find((e) => e.nickname === "small-2")!.rank).toBe(3);

    await updateLoopSettings(db, { userId: ids[0]!, patch: { hideFromBoards: true }, now: NOW });
    const after = await loadLeaderboard(db, { period: "day", by: "points", day, userId: ids[0] });
    expect(after.entries.map((e) => e.nickname)).not.toContain("small-0");
    expect(after.entries.find((e) => e.nickname === "small-1")!.rank).toBe(1);
    // Hidden: not on the board, still told where they would stand among the visible players.
    expect(after.me).toMatchObject({ hidden: true, rank: 1 });
    expect(after.me!.neighbours.map((e) => e.nickname)).not.toContain("small-0");
  });
});
