import { describe, expect, it } from "vitest";
import { slotsJson } from "@/lib/api/serialize";
import { cardAfter, loadBoard } from "@/lib/board/board";
import { cancelPrediction, changePrediction, submitPrediction, type TakeSnapshot } from "@/lib/predictions";
import { createSimulatedMarket } from "@/lib/prices";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer } from "./support/players";
import { useTestDb } from "./support/db";

const t = useTestDb();
const DAY = "2026-11-27";
const noon = new Date("2026-11-27T12:00:00+09:00");
const snap: TakeSnapshot = async () => ({ price: 181.25, at: noon, source: "simulated" });

/** The board a fresh read shows for `userId`: the card of `symbol` and the slots. */
async function fresh(userId: string, symbol: string) {
  const board = await loadBoard(t.db, {
    userId,
    now: noon,
    provider: createSimulatedMarket(),
    locale: "en",
  });
  const s = board.symbols.find((x) => x.symbol === symbol)!;
  return { card: { symbol, myCall: s.myCall, crowd: s.crowd }, slots: board.slots };
}

describe("what a board mutation answers", () => {
  it("is exactly what a fresh board read shows for that card and the slots: after a call, a change and a cancel", async () => {
    await upsertUniverse(t.db, { tradingDay: DAY });
    const p = await createPlayer(t.db);
    // The crowd split shows from 5 other players' calls (CROWD_MIN_OTHERS): 4, then a 5th.
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await createPlayer(t.db));
    const callOf = (userId: string, choice: "UP" | "DOWN") =>
      submitPrediction(t.db, { userId, symbol: "NVDA", choice, now: noon, takeSnapshot: snap });
    for (const o of others.slice(0, 4)) await callOf(o.id, "DOWN");

    const submitted = await submitPrediction(t.db, {
      userId: p.id,
      symbol: "NVDA",
      choice: "UP",
      now: noon,
      takeSnapshot: snap,
    });
    const afterSubmit = {
      card: await cardAfter(t.db, submitted.prediction),
      slots: slotsJson(submitted.slots),
    };
    expect(afterSubmit).toEqual(await fresh(p.id, "NVDA"));
    // Four other players: below the minimum, no split; the player's own call never counts.
    expect(afterSubmit.card.crowd).toBeNull();
    await callOf(others[4]!.id, "UP");
    expect((await fresh(p.id, "NVDA")).card.crowd).toEqual({
      others: 5,
      up: 1,
      down: 4,
      upPct: 20,
      downPct: 80,
    });
    expect(afterSubmit.card.myCall).toMatchObject({ choice: "UP", status: "PENDING", snapshotPrice: 181.25 });

    const changed = await changePrediction(t.db, {
      userId: p.id,
      predictionId: submitted.prediction.id,
      choice: "DOWN",
      now: noon,
      takeSnapshot: snap,
    });
    const afterChange = await cardAfter(t.db, changed);
    expect(afterChange).toEqual((await fresh(p.id, "NVDA")).card);
    expect(afterChange.crowd).toMatchObject({ others: 5, up: 1, down: 4 });

    const cancelled = await cancelPrediction(t.db, {
      userId: p.id,
      predictionId: submitted.prediction.id,
      now: noon,
    });
    const afterCancel = {
      card: await cardAfter(t.db, cancelled.prediction),
      slots: slotsJson(cancelled.slots),
    };
    expect(afterCancel).toEqual(await fresh(p.id, "NVDA"));
    expect(afterCancel.card).toEqual({ symbol: "NVDA", myCall: null, crowd: null });
  });
});
