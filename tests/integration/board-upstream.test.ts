/**
 * The board never asks the price provider: quotes and intraday lines come from the tables the
 * price-refresh job fills. The provider here is Yahoo's real client on the counting fake at
 * the network edge, so every upstream request is seen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBoard } from "@/lib/board/board";
import { forgetSharedBoards, SHARED_TTL_MS } from "@/lib/board/shared";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { jobDefinition } from "@/lib/jobs/registry";
import { submitPrediction } from "@/lib/predictions";
import { upsertUniverse } from "@/lib/universe";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";
import { fakeYahooProvider } from "../fixtures/yahoo/test-provider";
import { provideProcessValue, serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createPlayer } from "./support/players";

const t = useTestDb();
const yahoo = fakeYahooProvider();
const undo: Array<() => void> = [];
const DAY = "2026-11-27";
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+09:00`);

async function refresh(now: Date) {
  const job = jobDefinition("refresh-prices");
  const plan = await job.plan(t.db, now, undefined);
  if (!("runs" in plan)) throw new Error(`refresh skipped: ${plan.skip}`);
  return job.run({ db: t.db, now, deps: { priceProvider: yahoo.provider } }, plan.runs[0]!);
}

beforeAll(async () => {
  undo.push(serveAppFrom(t));
  undo.push(provideProcessValue("price-provider", yahoo.provider));
  await upsertUniverse(t.db, { tradingDay: DAY, symbols: [...DEFAULT_SYMBOLS] });
  forgetSharedBoards();
});
afterAll(() => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
});

describe("the board and the price provider", () => {
  it("a refresh of 101 symbols (quotes and lines) costs at most 5 upstream requests", async () => {
    const before = yahoo.fake.requests.length;
    const outcome = await refresh(at("12:00"));
    expect(outcome).toMatchObject({ done: true });
    const used = yahoo.fake.requests.slice(before);
    expect(used.length).toBeLessThanOrEqual(5);
    expect(used.filter((r) => r.route === "chart")).toEqual([]);
  });

  // GET /api/board and the page call loadBoard and nothing else that prices (the e2e walker
  // reads both against the production build).
  it("page views — anonymous and signed in, in either language — never call upstream", async () => {
    const player = await createPlayer(t.db);
    await submitPrediction(t.db, {
      userId: player.id,
      symbol: "NVDA",
      choice: "UP",
      now: at("12:01"),
      takeSnapshot: async () => ({ price: 100, at: at("12:01"), source: "yahoo" }),
    });
    const before = yahoo.fake.requests.length;
    // Past every cache's age as well: still nothing upstream.
    for (const minute of ["12:02", "12:40", "13:30", "23:00"]) {
      const now = at(minute);
      shiftAppClockTo(now);
      const anonymous = await loadBoard(t.db, { userId: null, now, provider: yahoo.provider, locale: "ko" });
      const mine = await loadBoard(t.db, { userId: player.id, now, provider: yahoo.provider, locale: "en" });
      expect(anonymous.symbols).toHaveLength(101);
      expect(mine.symbols.find((s) => s.symbol === "NVDA")!.myCall).toMatchObject({ choice: "UP" });
    }
    expect(yahoo.fake.requests.length).toBe(before);
  });

  it("the shared part is built once per interval for every player; names follow the language", async () => {
    const now = at("14:00");
    const [ko, en] = [
      await loadBoard(t.db, { userId: null, now, provider: yahoo.provider, locale: "ko" }),
      await loadBoard(t.db, { userId: null, now, provider: yahoo.provider, locale: "en" }),
    ];
    expect(ko.symbols.find((s) => s.symbol === "NVDA")!.name).toBe("엔비디아");
    expect(en.symbols.find((s) => s.symbol === "NVDA")!.name).not.toBe("엔비디아");
    expect(ko.symbols[0]!.series).toBe(en.symbols[0]!.series);
    const later = await loadBoard(t.db, {
      userId: null,
      now: new Date(now.getTime() + SHARED_TTL_MS),
      provider: yahoo.provider,
      locale: "ko",
    });
    expect(later.symbols[0]!.series).not.toBe(ko.symbols[0]!.series);
  });

  it("a line's colour and its % share one reference: every card's last point against its previous close", async () => {
    const board = await loadBoard(t.db, {
      userId: null,
      now: at("14:05"),
      provider: yahoo.provider,
      locale: "ko",
    });
    const priced = board.symbols.filter((s) => s.price !== null && s.previousClose !== null);
    expect(priced.length).toBeGreaterThan(90);
    for (const s of priced) {
      expect(s.series.at(-1), s.symbol).toBe(s.price);
      if (s.changePct !== 0)
        expect(Math.sign(s.changePct!), s.symbol).toBe(Math.sign(s.price! - s.previousClose!));
    }
  });
});
