import "server-only";
/**
 * The named jobs of the daily cycle (SPEC §1, §11). Each job says which runs are due at an
 * instant (`plan`, with business keys derived by the server from the clock) and what one run
 * does (`run`). Every run is idempotent on its own and recorded through runJob.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  formatKst,
  isValidDayString,
  gameDayAt,
  marketCloseAt,
  nextTradingDay,
  sessionCutoffAt,
  sessionOpenAt,
  tradingDayAt,
  type DayString,
} from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { pruneHousekeeping } from "@/lib/jobs/retention";
import { backfillEod, backfillRange, getQuotes } from "@/lib/prices";
import { pushWorkDue, sendDuePushes } from "@/lib/push/due";
import { recordTicks } from "@/lib/prices/tick-store";
import { refillSlots } from "@/lib/slots/slots";
import { openSession, closeSession } from "@/lib/sessions/transitions";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";
import { selectUniverse } from "@/lib/universe/policy";
import { getUniverse, universeSymbolsBetween } from "@/lib/universe/universe";
import { raiseAdminAlert } from "./alerts";
import { collectAndSettle, settleOnly } from "./eod-step";
import {
  daysToSettle,
  integrityCheckDayAt,
  openSessionDayAt,
  pruneDayAt,
  sessionsToClose,
  universeSelectionDayAt,
} from "./due-days";
import { done, incomplete, type JobOutcome } from "./run-job";
import type { RunContext } from "./types";

export const JOB_NAMES = [
  "select-universe",
  "open-session",
  "close-session",
  "refresh-prices",
  "collect-eod",
  "settle",
  "cooldown-refill",
  "integrity-check",
  "prune",
  "push-notify",
  "backfill-eod",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

export type { JobDeps, RunContext } from "./types";

export type PlannedRun = { businessKey: string; params?: Record<string, unknown> };
export type Plan =
  | { runs: PlannedRun[] }
  /** Nothing to do at this instant; `retryLater` when a delivery came a little too early. */
  | { skip: string; retryLater?: boolean };

export type JobDefinition = {
  name: JobName;
  description: string;
  /** A RUNNING row older than this is treated as a crashed run and taken over. */
  staleAfterMs: number;
  /** The in-process loop waits this long after a failed run before retrying it. */
  retryBackoffMs: number;
  /** The runs due at `now`. `input` is the (already authenticated) message body, if the job has one. */
  plan(db: Database, now: Date, input: unknown): Promise<Plan>;
  run(ctx: RunContext, planned: PlannedRun): Promise<JobOutcome>;
};

const MINUTE = 60_000;
const dayRuns = (days: DayString[]): Plan =>
  days.length ? { runs: days.map((d) => ({ businessKey: d })) } : { skip: "nothing due" };

const refillInput = z
  .object({
    userId: z.uuid(),
    tradingDay: z.string().refine(isValidDayString, "a day YYYY-MM-DD"),
    dueAt: z.iso.datetime({ offset: true }),
  })
  .strict();

const backfillInput = z
  .object({
    from: z.string().max(10),
    to: z.string().max(10),
    symbols: z.array(z.string().max(12)).max(200).optional(),
  })
  .strict();

const JOBS: Record<JobName, JobDefinition> = {
  "select-universe": {
    name: "select-universe",
    description: "05:30 KST: the coming trading day's universe by the admin's policy, unless one was set",
    staleAfterMs: 5 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (_db, now) => {
      const day = universeSelectionDayAt(now);
      return day ? dayRuns([day]) : { skip: "not due before 05:30 KST" };
    },
    run: async ({ db, now, deps }, { businessKey: day }) => {
      const existing = await getUniverse(db, day);
      if (existing.length > 0) return done({ tradingDay: day, action: "kept", symbols: existing.length });
      const c = await selectUniverse(db, { tradingDay: day, now, provider: deps.priceProvider });
      // Which rule chose each symbol stays with the run (admin → job runs).
      return done({
        tradingDay: day,
        action: "selected",
        rule: c.rule,
        ...(c.fellBackTo ? { fellBackTo: c.fellBackTo } : {}),
        symbols: c.symbols.length,
        chosenBy: c.chosenBy,
      });
    },
  },
  "open-session": {
    name: "open-session",
    description: "06:00 KST: open today's session (no session on a non-trading day)",
    staleAfterMs: 5 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (_db, now) => {
      const day = openSessionDayAt(now);
      if (day) return dayRuns([day]);
      return { skip: tradingDayAt(now) ? "past the cutoff" : "not a trading day" };
    },
    run: async ({ db, now }, { businessKey: day }) =>
      done({ tradingDay: day, ...(await openSession(db, { tradingDay: day, now })) }),
  },
  "close-session": {
    name: "close-session",
    description: "23:59 KST: close today's session (and any session whose close was missed)",
    staleAfterMs: 5 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (db, now) => {
      const days = await sessionsToClose(db, now);
      if (days.length) return dayRuns(days);
      const today = tradingDayAt(now);
      const early =
        today &&
        sessionCutoffAt(today).getTime() - now.getTime() <= 5 * MINUTE &&
        now < sessionCutoffAt(today);
      return early ? { skip: "the cutoff is a moment away", retryLater: true } : { skip: "nothing to close" };
    },
    run: async ({ db, now }, { businessKey: day }) => {
      // A day whose open never ran still gets its row and universe, so it can be settled.
      const opened = await openSession(db, { tradingDay: day, now });
      const closed = await closeSession(db, { tradingDay: day, now });
      return done({ tradingDay: day, universeSeeded: opened.universeSeeded, ...closed });
    },
  },
  "refresh-prices": {
    name: "refresh-prices",
    description:
      "Every 5 minutes from the session open to the end of the US regular session (every 30 minutes otherwise): the quotes and intraday lines of the board's universe",
    staleAfterMs: 5 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (_db, now) => {
      const day = tradingDayAt(now);
      // Players follow their pending calls overnight, through the US regular session; outside
      // it (a weekend, a holiday, the hour before the open) the board still shows the latest
      // prices of the day it offers, refreshed as often as a closed market's quotes expire.
      const following = day !== null && now >= sessionOpenAt(day) && now <= marketCloseAt(day);
      const boardDay = day ?? nextTradingDay(gameDayAt(now));
      const every = (following ? 5 : 30) * MINUTE;
      const bucket = new Date(Math.floor(now.getTime() / every) * every);
      return { runs: [{ businessKey: `${boardDay}@${formatKst(bucket, "HH:mm")}` }] };
    },
    run: async ({ db, now, deps }, { businessKey }) => {
      const day = businessKey.slice(0, 10);
      const listed = (await getUniverse(db, day)).map((u) => u.symbol);
      // Before the 05:30 selection, the board shows (and so prices) the default list.
      const symbols = listed.length > 0 ? listed : [...DEFAULT_SYMBOLS];
      const quotes = await getQuotes(db, deps.priceProvider, symbols, now);
      const ticks = await recordTicks(db, quotes.values());
      let fresh = 0;
      let stale = 0;
      const unavailable: string[] = [];
      for (const q of quotes.values()) {
        if (q.status !== "ok") unavailable.push(q.symbol);
        else if (q.stale) stale += 1;
        else fresh += 1;
      }
      return done({
        tradingDay: day,
        symbols: symbols.length,
        ticks,
        fresh,
        stale,
        unavailable: unavailable.slice(0, 50),
      });
    },
  },
  "collect-eod": {
    name: "collect-eod",
    description:
      "20 min after the US close (06:20 KST winter, 05:20 summer): collect the closes, settle, retry until complete",
    staleAfterMs: 30 * MINUTE,
    retryBackoffMs: 5 * MINUTE,
    plan: async (db, now) => dayRuns(await daysToSettle(db, now)),
    run: (ctx, { businessKey: day }) => collectAndSettle(ctx, day),
  },
  settle: {
    name: "settle",
    description: "Settle a day from the closes already stored (admin re-run)",
    staleAfterMs: 30 * MINUTE,
    retryBackoffMs: 5 * MINUTE,
    plan: async (db, now) => dayRuns(await daysToSettle(db, now)),
    run: (ctx, { businessKey: day }) => settleOnly(ctx, day),
  },
  "cooldown-refill": {
    name: "cooldown-refill",
    description: "A player's cooldown timer fired: persist the refill (slots are derived lazily anyway)",
    staleAfterMs: 2 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (_db, now, input) => {
      const parsed = refillInput.safeParse(input);
      if (!parsed.success)
        throw new AppError("bad_request:refill", "A refill message needs userId, tradingDay and dueAt.");
      const { userId, tradingDay, dueAt } = parsed.data;
      if (now.getTime() < new Date(dueAt).getTime())
        return { skip: "the timer has not fired yet", retryLater: true };
      return {
        runs: [
          {
            businessKey: `${userId}:${tradingDay}:${new Date(dueAt).toISOString()}`,
            params: { userId, tradingDay },
          },
        ],
      };
    },
    run: async ({ db, now, deps }, { params }) => {
      const key = { userId: String(params?.userId), tradingDay: String(params?.tradingDay) };
      const r = await refillSlots(db, { ...key, now });
      if (r.refillDueAt) await deps.scheduleRefill?.({ ...key, dueAt: r.refillDueAt });
      return done({
        added: r.added,
        available: r.slots.available,
        nextRefillAt: r.refillDueAt?.toISOString() ?? null,
      });
    },
  },
  "integrity-check": {
    name: "integrity-check",
    description:
      "07:00 KST daily: verify the ledger, award and stock invariants; alert admins on any problem",
    staleAfterMs: 15 * MINUTE,
    retryBackoffMs: 5 * MINUTE,
    plan: async (_db, now) => {
      const day = integrityCheckDayAt(now);
      return day ? dayRuns([day]) : { skip: "not due before 07:00 KST" };
    },
    run: async ({ db, now }, { businessKey: day }) => {
      const problems = await runIntegrityChecks(db, { limitPerCheck: 20 });
      if (problems.length) {
        await raiseAdminAlert(db, {
          kind: "integrity",
          severity: "critical",
          message: `Integrity check of ${day} found ${problems.length} problem(s): ${problems[0]!.check} — ${problems[0]!.detail}`,
          details: { problems: problems.slice(0, 50) },
          dedupeKey: `integrity:${day}`,
          now,
        });
      }
      return done({ day, problems: problems.length, details: problems.slice(0, 50) });
    },
  },
  prune: {
    name: "prune",
    description:
      "04:00 KST daily: keep rate_limits, ad_views, quotes, job_runs and error_log within their retention (never the ledger, calls, redemptions or audit)",
    staleAfterMs: 15 * MINUTE,
    retryBackoffMs: 5 * MINUTE,
    plan: async (_db, now) => {
      const day = pruneDayAt(now);
      return day ? dayRuns([day]) : { skip: "not due before 04:00 KST" };
    },
    run: async ({ db, now }, { businessKey: day }) =>
      done({ day, deleted: await pruneHousekeeping(db, now) }),
  },
  "push-notify": {
    name: "push-notify",
    description:
      "Every 5 minutes (every tick in-process): Web Push reminders at each player's chosen time and the day's results, outside quiet hours",
    staleAfterMs: 5 * MINUTE,
    retryBackoffMs: MINUTE,
    plan: async (db, now) => {
      if (!(await pushWorkDue(db, now))) return { skip: "nothing to push" };
      return { runs: [{ businessKey: formatKst(now, "yyyy-MM-dd'T'HH:mm") }] };
    },
    run: async ({ db, now }) => done({ ...(await sendDuePushes(db, now)) }),
  },
  "backfill-eod": {
    name: "backfill-eod",
    description:
      "On an admin's request: the closes of every trading day of a past range (the given symbols, else every symbol of the range's universes, else the default list)",
    staleAfterMs: 30 * MINUTE,
    retryBackoffMs: 5 * MINUTE,
    plan: async (db, _now, input) => {
      if (input === undefined) return { skip: "started by an admin, with a range" };
      const parsed = backfillInput.safeParse(input);
      if (!parsed.success)
        throw new AppError("bad_request:backfill", "A backfill needs from, to and optionally symbols.");
      const chosen = parsed.data.symbols ?? [];
      const { from, to, symbols: given } = backfillRange({ ...parsed.data, symbols: chosen });
      let symbols = given;
      if (symbols.length === 0) symbols = await universeSymbolsBetween(db, { from, to });
      if (symbols.length === 0) symbols = [...DEFAULT_SYMBOLS];
      // One run per range (and per chosen list): a second start while it runs joins it.
      const list = given.length
        ? `:${createHash("sha256").update(given.join(",")).digest("hex").slice(0, 10)}`
        : "";
      return { runs: [{ businessKey: `${from}..${to}${list}`, params: { from, to, symbols } }] };
    },
    run: async ({ db, now, deps, progress }, { params }) => {
      const { from, to, symbols } = params as { from: DayString; to: DayString; symbols: string[] };
      const r = await backfillEod(db, deps.priceProvider, {
        from,
        to,
        symbols,
        now,
        onProgress: async (handled, total) => progress?.({ done: handled, total, unit: "closes" }),
      });
      const result = {
        from,
        to,
        days: r.days.length,
        notFinal: r.notFinal,
        symbols: symbols.length,
        ...r.totals,
        pendingSymbols: [...new Set(r.days.flatMap((d) => d.pending.map((p) => p.symbol)))].slice(0, 50),
      };
      // Closes still missing (or days not final yet): the range may be run again later.
      if (r.totals.pending > 0 || r.notFinal.length > 0)
        return incomplete(
          `${r.totals.pending} close(s) pending, ${r.notFinal.length} day(s) not final yet`,
          result,
        );
      return done(result);
    },
  },
};

export function jobDefinition(name: JobName): JobDefinition {
  return JOBS[name];
}
