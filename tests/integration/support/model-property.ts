import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eodPrices, pointsBalances, predictions, redemptions, rewardItems, users } from "@/db/schema";
import { provisionOAuthUser } from "@/lib/accounts";
import { marketCloseAt, sessionOpenAt, settlementDueAt, tradingDaysBetween } from "@/lib/calendar";
import { isAppError } from "@/lib/errors";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { cancelPrediction, changePrediction, submitPrediction } from "@/lib/predictions";
import { cancelRedemption, markFailed, redeem } from "@/lib/rewards";
import { settleTradingDay } from "@/lib/settlement";
import { completeAd, getSlotView, refillSlots, startAd } from "@/lib/slots";
import { upsertUniverse } from "@/lib/universe";
import { mulberry32 } from "@/lib/prices/prng";
import { useTestDb } from "./db";
import * as M from "./reference-model";

/**
 * Model-based property test (TESTPLAN): seeded random sequences of sign-up, predict, change,
 * cancel, ad, refill, settle and redeem — each operation sometimes delivered twice at once —
 * run against the database and against a pure reference model (support/reference-model.ts).
 * Each step must answer exactly what the model predicts (which refusal, not just "a refusal"),
 * an `internal:*` error or any other exception fails at once, and after every step balances,
 * slots, calls, redemptions and stock must equal the model's. Every failure names its seed:
 * MODEL_SEED=<n> replays it.
 */
/** The file's database, opened by modelPropertyTest (one shard per test file). */
let t: ReturnType<typeof useTestDb>;
const SYMBOLS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];
const PRICES = [99.5, 100, 100.5];
// A scarce item (sold out across sequences) and a plentiful one dear enough that a third redemption is refused.
const ITEMS = { "MODEL-SCARCE": { cost: 350, stock: 5 }, "MODEL-PLENTY": { cost: 450, stock: 500 } };
const MIN_WATCH_MS = 15_000;
const DAYS = tradingDaysBetween("2024-01-02", "2030-12-31");
const replay = process.env.MODEL_SEED ? [Number(process.env.MODEL_SEED)] : null;
const RUNS = Number(process.env.MODEL_RUNS ?? (process.env.TEST_DB === "postgres" ? 1000 : 100));
/** Enough sequences for every path in each block: two shards on PostgreSQL (1,000), one on PGlite. */
const SHARDS = RUNS >= 400 ? 2 : 1;

const KINDS = [
  "predict",
  "change",
  "cancel",
  "ad",
  "ad-late",
  "refill",
  "redeem",
  "redeem-cancel",
  "redeem-fail",
] as const;
type Kind = (typeof KINDS)[number];
/**
 * Seeds take turns at a few mixes (operation weights, the longest pause between steps, how many
 * steps), so rare paths — no slot, the ad limit, insufficient points — come up often.
 */
type Mix = { weights: Record<Kind, number>; maxGapMs: number; maxSteps: number };
const MIXES: Mix[] = [
  {
    weights: {
      predict: 3,
      change: 1,
      cancel: 1,
      ad: 1,
      "ad-late": 0.5,
      refill: 1,
      redeem: 1,
      "redeem-cancel": 0.5,
      "redeem-fail": 0.5,
    },
    maxGapMs: 240_000,
    maxSteps: 25,
  },
  {
    weights: {
      predict: 2,
      change: 0.5,
      cancel: 1,
      ad: 4,
      "ad-late": 1.5,
      refill: 1,
      redeem: 0.3,
      "redeem-cancel": 0.2,
      "redeem-fail": 0.2,
    },
    maxGapMs: 120_000,
    maxSteps: 40,
  },
  {
    weights: {
      predict: 1,
      change: 0.5,
      cancel: 0.5,
      ad: 0.5,
      "ad-late": 0.2,
      refill: 0.5,
      redeem: 4,
      "redeem-cancel": 1,
      "redeem-fail": 1,
    },
    maxGapMs: 240_000,
    maxSteps: 25,
  },
  {
    weights: {
      predict: 6,
      change: 1,
      cancel: 1.5,
      ad: 0.5,
      "ad-late": 0.2,
      refill: 1,
      redeem: 0.3,
      "redeem-cancel": 0.2,
      "redeem-fail": 0.2,
    },
    maxGapMs: 30_000,
    maxSteps: 25,
  },
];

/** What one delivery answered: "ok", "ok:unchanged", or the refusal's code. Anything else fails the test. */
async function outcomeOf(op: Promise<M.Outcome>): Promise<M.Outcome> {
  try {
    return await op;
  } catch (e) {
    if (isAppError(e) && !e.code.startsWith("internal:")) return e.code;
    throw e;
  }
}

const seen = new Map<string, number>();

async function runSequence(seed: number, model: M.Model, adminId: string): Promise<void> {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const mix = MIXES[seed % MIXES.length]!;
  const weightTotal = KINDS.reduce((s, k) => s + mix.weights[k], 0);
  const pickKind = (): Kind => {
    let x = r() * weightTotal;
    for (const k of KINDS) if ((x -= mix.weights[k]) < 0) return k;
    return "predict";
  };
  const day = DAYS[seed % DAYS.length]!;
  const replayHint = `replay with MODEL_SEED=${seed}`;
  await upsertUniverse(t.db, { tradingDay: day, symbols: SYMBOLS });
  let now = new Date(sessionOpenAt(day).getTime() + Math.floor(r() * 3_600_000));

  /** Deliver once, or twice at the same time; the answers must be the model's, applied as many times. */
  async function step(
    label: string,
    twice: boolean,
    run: () => Promise<M.Outcome>,
    apply: () => M.Outcome,
  ): Promise<void> {
    const actual = (await Promise.all((twice ? [run(), run()] : [run()]).map(outcomeOf))).sort();
    const expected = (twice ? [apply(), apply()] : [apply()]).sort();
    expect(actual, `${label}${twice ? " ×2" : ""} at step answers (${replayHint})`).toEqual(expected);
    for (const o of actual)
      seen.set(`${label.split(" ")[0]} → ${o}`, (seen.get(`${label.split(" ")[0]} → ${o}`) ?? 0) + 1);
  }

  const players: string[] = [];
  for (let k = 0; k < 2; k++) {
    const input = {
      provider: "google" as const,
      providerAccountId: `m${seed}-${k}`,
      email: null,
      emailVerified: false,
      nickname: `m${seed}x${k}`,
      adminEmails: [],
      now,
    };
    const results = await Promise.all((r() < 0.3 ? [1, 2] : [1]).map(() => provisionOAuthUser(t.db, input)));
    expect(new Set(results.map((x) => x.user.id)).size, `one player per identity (${replayHint})`).toBe(1);
    players.push(results[0]!.user.id);
    M.signUp(model, results[0]!.user.id);
  }
  await compare(model, players, day, now, `after sign-up (${replayHint})`);

  const steps = 8 + Math.floor(r() * (mix.maxSteps - 7));
  for (let s = 0; s < steps; s++) {
    now = new Date(now.getTime() + Math.floor(r() * mix.maxGapMs));
    const at = now;
    const userId = pick(players);
    const other = players.find((p) => p !== userId)!;
    const twice = r() < 0.3;
    const kind = pickKind();
    const price = pick(PRICES);
    const takeSnapshot = async () => ({ price, at, source: "simulated" });
    let created: string | null = null;
    const createdId = () => created ?? "<nothing was created>";

    if (kind === "predict") {
      const symbol = pick(SYMBOLS);
      const choice = r() < 0.5 ? "UP" : "DOWN";
      await step(
        `predict ${symbol} ${choice}`,
        twice,
        () =>
          submitPrediction(t.db, { userId, symbol, choice, now: at, takeSnapshot }).then(
            (x) => ((created = x.prediction.id), "ok"),
          ),
        () => M.predict(model, userId, symbol, choice, price, at.getTime(), createdId),
      );
    } else if (kind === "change" || kind === "cancel") {
      // Mostly one's own call; sometimes the other player's, or one that does not exist.
      const roll = r();
      const owner = roll < 0.85 ? userId : other;
      const calls = [...model.players.get(owner)!.calls.values()];
      const target = roll < 0.95 ? (calls.length ? pick(calls) : null) : null;
      const id = target?.id ?? randomUUID();
      if (kind === "change") {
        const choice = target?.choice === "UP" ? "DOWN" : "UP";
        await step(
          "change",
          twice,
          () =>
            changePrediction(t.db, { userId, predictionId: id, choice, now: at, takeSnapshot }).then(
              () => "ok" as const,
            ),
          () => M.change(model, userId, id, choice, price),
        );
      } else {
        await step(
          "cancel",
          twice,
          () => cancelPrediction(t.db, { userId, predictionId: id, now: at }).then(() => "ok" as const),
          () => M.cancel(model, userId, id, at.getTime()),
        );
      }
    } else if (kind === "ad") {
      let token: string | null = null;
      await step(
        "ad-start",
        false,
        () =>
          startAd(t.db, { userId, tradingDay: day, now: at, minWatchSeconds: MIN_WATCH_MS / 1000 }).then(
            (x) => ((token = x.token), "ok"),
          ),
        () => M.startAd(model, userId, at.getTime(), MIN_WATCH_MS, () => token!),
      );
      if (token) {
        const done = new Date(at.getTime() + (r() < 0.8 ? MIN_WATCH_MS + 1_000 : 5_000));
        now = done;
        await step(
          "ad-complete",
          twice,
          () => completeAd(t.db, { userId, token: token!, now: done }).then(() => "ok" as const),
          () => M.completeAd(model, userId, token!, done.getTime()),
        );
      }
    } else if (kind === "ad-late") {
      // An earlier token: finished by now, already used, expired, or someone else's.
      const tokens = [...model.ads.values()].filter((a) => a.userId === userId || a.userId === other);
      if (!tokens.length) continue;
      const ad = pick(tokens);
      await step(
        "ad-late",
        twice,
        () => completeAd(t.db, { userId, token: ad.token, now: at }).then(() => "ok" as const),
        () => M.completeAd(model, userId, ad.token, at.getTime()),
      );
    } else if (kind === "refill") {
      await step(
        "refill",
        true,
        () => refillSlots(t.db, { userId, tradingDay: day, now: at }).then(() => "ok" as const),
        () => M.refill(model, userId, at.getTime()),
      );
    } else if (kind === "redeem") {
      const key = `model-key-${seed}-${Math.floor(r() * 8)}`;
      const sku = pick(Object.keys(ITEMS));
      await step(
        `redeem ${sku}`,
        twice,
        () =>
          redeem(t.db, { userId, sku, requestKey: key, now: at }).then(
            (x) => ((created = x.redemption.id), x.created ? "ok" : "ok:unchanged"),
          ),
        () => M.redeem(model, userId, sku, key, createdId),
      );
    } else {
      const mine = [...model.redemptions.values()].filter((x) => x.userId === (r() < 0.85 ? userId : other));
      if (!mine.length) continue;
      const id = pick(mine).id;
      const changed = (x: { changed: boolean }) => (x.changed ? "ok" : "ok:unchanged") as M.Outcome;
      if (kind === "redeem-cancel") {
        await step(
          "redeem-cancel",
          twice,
          () => cancelRedemption(t.db, { userId, redemptionId: id, now: at }).then(changed),
          () => M.closeWithRefund(model, id, "CANCELLED", userId),
        );
      } else {
        await step(
          "redeem-fail",
          twice,
          () =>
            markFailed(t.db, { actorId: adminId, redemptionId: id, reason: "vendor out", now: at }).then(
              changed,
            ),
          () => M.closeWithRefund(model, id, "FAILED"),
        );
      }
    }
    await compare(model, players, day, now, `after step ${s} (${kind}; ${replayHint})`);
  }

  // Settle the day: closes for all but one symbol (which stays pending until its 24 h deadline).
  const closes = new Map(SYMBOLS.slice(0, 5).map((symbol) => [symbol, pick(PRICES)]));
  await t.db
    .insert(eodPrices)
    .values(
      [...closes].map(([symbol, close]) => ({
        tradingDay: day,
        symbol,
        close: close.toFixed(2),
        source: "simulated",
      })),
    )
    .onConflictDoNothing();
  const late = r() < 0.5;
  const due = new Date(settlementDueAt(day).getTime() + (late ? 25 * 3_600_000 : 60_000));
  const pastDeadline = due.getTime() >= marketCloseAt(day).getTime() + 24 * 3_600_000;
  await step(
    "settle",
    r() < 0.5,
    () => settleTradingDay(t.db, { tradingDay: day, now: due }).then(() => "ok" as const),
    () => M.settleDay(model, players, closes, pastDeadline),
  );
  await compare(model, players, day, due, `after settlement (${replayHint})`);
}

/** The database, read back, equals the model: balances, slots, calls, redemptions, stock. */
async function compare(
  model: M.Model,
  players: string[],
  day: string,
  now: Date,
  label: string,
): Promise<void> {
  const balances = await t.db
    .select({ userId: pointsBalances.userId, balance: pointsBalances.balance })
    .from(pointsBalances)
    .where(inArray(pointsBalances.userId, players));
  const calls = await t.db
    .select({
      id: predictions.id,
      symbol: predictions.symbol,
      choice: predictions.choice,
      status: predictions.status,
      snapshot: predictions.snapshotPrice,
      points: predictions.pointsAwarded,
    })
    .from(predictions)
    .where(inArray(predictions.userId, players));
  const reds = await t.db
    .select({ id: redemptions.id, status: redemptions.status })
    .from(redemptions)
    .where(inArray(redemptions.userId, players));
  const stock = await t.db
    .select({ sku: rewardItems.sku, stock: rewardItems.stock })
    .from(rewardItems)
    .where(inArray(rewardItems.sku, Object.keys(ITEMS)));
  const slots = [];
  for (const userId of players) {
    const v = await getSlotView(t.db, { userId, tradingDay: day, now });
    slots.push({
      userId,
      available: v.available,
      adSlotsUsed: v.adSlotsUsed,
      nextRefillAt: v.nextRefillAt?.getTime() ?? null,
    });
  }
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  const byUser = <T extends { userId: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.userId.localeCompare(b.userId));
  expect(byUser(balances), `balances ${label}`).toEqual(
    byUser(players.map((userId) => ({ userId, balance: model.players.get(userId)!.balance }))),
  );
  expect(slots, `slots ${label}`).toEqual(
    players.map((userId) => ({ userId, ...M.slotView(model, userId, now.getTime()) })),
  );
  expect(
    byId(calls.map((c) => ({ ...c, snapshot: c.snapshot === null ? null : Number(c.snapshot) }))),
    `calls ${label}`,
  ).toEqual(
    byId(
      players.flatMap((u) =>
        [...model.players.get(u)!.calls.values()].map((c) => ({
          id: c.id,
          symbol: c.symbol,
          choice: c.choice,
          status: c.status,
          snapshot: c.snapshot,
          points: c.points,
        })),
      ),
    ),
  );
  expect(byId(reds), `redemptions ${label}`).toEqual(
    byId(
      [...model.redemptions.values()]
        .filter((x) => players.includes(x.userId))
        .map((x) => ({ id: x.id, status: x.status })),
    ),
  );
  expect(
    [...stock].sort((a, b) => a.sku.localeCompare(b.sku)),
    `stock ${label}`,
  ).toEqual(
    [...model.items].map(([sku, i]) => ({ sku, stock: i.stock })).sort((a, b) => a.sku.localeCompare(b.sku)),
  );
}

/**
 * Shard `shard` runs its block of the seeds (1–500 and 501–1000 of 1,000), on a database
 * and a model of its own, so the sequences run in parallel workers. Each shard must take
 * every path on its own.
 */
export function modelPropertyTest(shard: number): void {
  describe.runIf(shard < SHARDS)(`model-based property test (shard ${shard + 1} of ${SHARDS})`, () => {
    t = useTestDb();
    it(
      `${replay ? `replays seed ${replay[0]}` : `${RUNS / SHARDS} of ${RUNS} seeded sequences`} answer and end as the reference model says`,
      { timeout: 60 * 60_000 },
      async () => {
        const [admin] = await t.db
          .insert(users)
          .values({ nickname: "model-admin", role: "admin" })
          .returning();
        await t.db.insert(rewardItems).values(
          Object.entries(ITEMS).map(([sku, i]) => ({
            sku,
            nameKo: `모델 ${sku}`,
            nameEn: `Model ${sku}`,
            cost: i.cost,
            stock: i.stock,
            stockTotal: i.stock,
          })),
        );
        const model = M.newModel(ITEMS);
        // A replayed seed runs in the shard whose block holds it (seeds beyond RUNS in the last).
        const ownBlock = (s: number) => Math.min(Math.floor(((s - 1) * SHARDS) / RUNS), SHARDS - 1) === shard;
        const seeds = (replay ?? Array.from({ length: RUNS }, (_, i) => i + 1)).filter(ownBlock);
        for (const seed of seeds) {
          try {
            await runSequence(seed, model, admin!.id);
          } catch (e) {
            throw new Error(
              `sequence failed — replay with MODEL_SEED=${seed}: ${e instanceof Error ? e.stack : String(e)}`,
            );
          }
          if (seed % 50 === 0 || seed === seeds[seeds.length - 1]) {
            const problems = await runIntegrityChecks(t.db);
            expect(problems, `invariants after seed ${seed} (replay with MODEL_SEED=${seed})`).toEqual([]);
          }
          if (seed % 100 === 0)
            console.info(
              `model-based property test: ${seed} of ${seeds.length} sequences agree with the model`,
            );
        }
        if (replay) return;
        // The sequences really exercised every path, each refusal included (not only the happy ones).
        const expected = [
          "predict → ok",
          "predict → conflict:already_predicted",
          "predict → conflict:no_slot",
          "change → ok",
          "change → conflict:not_pending",
          "change → forbidden:not_your_prediction",
          "cancel → ok",
          "cancel → conflict:not_pending",
          "cancel → not_found:prediction",
          "ad-start → ok",
          "ad-start → conflict:ad_limit",
          "ad-complete → ok",
          "ad-complete → conflict:ad_not_finished",
          "ad-complete → conflict:ad_already_redeemed",
          "ad-late → not_found:ad_token",
          "ad-late → conflict:ad_already_redeemed",
          "redeem → ok",
          "redeem → ok:unchanged",
          "redeem → conflict:sold_out",
          "redeem → conflict:insufficient_points",
          "redeem → conflict:request_key_reused",
          "redeem-cancel → ok",
          "redeem-cancel → conflict:redemption_not_pending",
          "redeem-fail → ok",
          "redeem-fail → ok:unchanged",
        ];
        const missing = expected.filter((k) => !seen.has(k));
        expect(missing, `paths never taken; seen: ${JSON.stringify(Object.fromEntries(seen))}`).toEqual([]);
        const byStatus = new Set([...model.calls.values()].map((c) => c.status));
        for (const status of ["CORRECT", "INCORRECT", "VOID", "CANCELLED", "PENDING"] as const)
          expect(byStatus.has(status), status).toBe(true);
      },
    );
  });
}
