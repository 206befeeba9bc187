import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { tstz, tstzNotNull, tstzNow, uuidPk, day } from "./columns";
import { userRef } from "./users";

/**
 * The daily loop's aggregates (docs/rules.md §14), written only by lib/loop/record-day.ts inside
 * settlement. One row per player and period: `day` (a trading day), `week` (the Monday of the
 * KST Monday–Friday trading week), `month` (its first day) and `all` (1970-01-01). Leaderboards
 * rank these rows through the partial indexes below; nothing reads `predictions` per page view.
 *
 * `always_o`: the player's settled non-void calls that "always O" would have got right (the
 * close above the snapshot); `crowd_correct`: those the day's crowd majority got right.
 * `accuracy_key` is correct / (correct + incorrect) as an exact integer floor (× 10¹²), null
 * below the period's minimum of settled non-void calls; `edge` is correct − always_o.
 */
export const playerStats = pgTable(
  "player_stats",
  {
    period: text().notNull(),
    periodStart: day(),
    userId: userRef("cascade"),
    settled: integer().notNull().default(0),
    correct: integer().notNull().default(0),
    incorrect: integer().notNull().default(0),
    void: integer().notNull().default(0),
    points: integer().notNull().default(0),
    alwaysO: integer().notNull().default(0),
    crowdCorrect: integer().notNull().default(0),
    /** The player's "hide me from public boards" setting, copied here so ranks are index-only. */
    hidden: boolean().notNull().default(false),
    accuracyKey: bigint({ mode: "number" }).generatedAlwaysAs(
      sql`case when correct + incorrect >= case period when 'day' then 3 when 'week' then 10 when 'month' then 30 else 100 end
        then (correct::bigint * 1000000000000) / (correct + incorrect) end`,
    ),
    edge: integer().generatedAlwaysAs(sql`correct - always_o`),
    updatedAt: tstzNow(),
  },
  (t) => [
    // Player first: it serves a player's own rows (stats, the board's own row, the cascade from
    // users) so no second per-player index is written on every recorded day.
    primaryKey({ columns: [t.userId, t.period, t.periodStart] }),
    index("player_stats_points_idx")
      .on(t.period, t.periodStart, t.points.desc(), t.userId)
      .where(sql`not hidden`),
    index("player_stats_accuracy_idx")
      .on(t.period, t.periodStart, t.accuracyKey.desc(), t.userId)
      .where(sql`not hidden and accuracy_key is not null`),
    index("player_stats_edge_idx")
      .on(t.period, t.periodStart, t.edge.desc(), t.userId)
      .where(sql`not hidden`),
    check("player_stats_period", sql`${t.period} in ('day', 'week', 'month', 'all')`),
    check(
      "player_stats_counts",
      sql`${t.correct} >= 0 and ${t.incorrect} >= 0 and ${t.void} >= 0 and ${t.points} >= 0
        and ${t.settled} = ${t.correct} + ${t.incorrect} + ${t.void}
        and ${t.alwaysO} between 0 and ${t.correct} + ${t.incorrect}
        and ${t.crowdCorrect} between 0 and ${t.correct} + ${t.incorrect}`,
    ),
  ],
);

/**
 * Trading days whose results are recorded (settlement finished them), with how many players
 * played. `revision` counts the re-runs that changed the day's results: with the number of days,
 * it keys the boards each process keeps in memory (lib/loop/leaderboard.ts).
 */
export const loopDays = pgTable("loop_days", {
  tradingDay: date({ mode: "string" }).primaryKey(),
  players: integer().notNull(),
  recordedAt: tstzNotNull(),
  revision: integer().notNull().default(0),
});

/**
 * A player's streak as of `lastDay`, the last trading day they played. Missed days after it are
 * applied when read (lib/loop/streak.ts), so a player who stops playing needs no write.
 */
export const playerStreaks = pgTable(
  "player_streaks",
  {
    userId: userRef("cascade", { primaryKey: true }),
    current: integer().notNull(),
    best: integer().notNull(),
    freezes: integer().notNull(),
    lastDay: day(),
    updatedAt: tstzNotNull(),
  },
  (t) => [
    check("player_streaks_range", sql`${t.current} >= 1 and ${t.best} >= ${t.current}`),
    check("player_streaks_freezes", sql`${t.freezes} between 0 and 2`),
  ],
);

/** Streak milestones reached (7, 30, 100, 365), once per player and milestone. */
export const streakBadges = pgTable(
  "streak_badges",
  {
    userId: userRef("cascade"),
    milestone: integer().notNull(),
    tradingDay: day(),
    earnedAt: tstzNotNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.milestone] }),
    check("streak_badges_milestone", sql`${t.milestone} in (7, 30, 100, 365)`),
  ],
);

/** The player's daily-loop settings; a missing row means the defaults. */
export const loopSettings = pgTable(
  "loop_settings",
  {
    userId: userRef("cascade", { primaryKey: true }),
    dailyGoal: integer().notNull().default(3),
    hideFromBoards: boolean().notNull().default(false),
    /** The last trading day whose morning reveal the player was shown. */
    revealSeenDay: date({ mode: "string" }),
    /** The all-time rank shown with that reveal, to show the change next time. */
    revealSeenRank: integer(),
    /** Web Push: a reminder at this KST time ("HH:MM") of each trading day, before the cutoff. */
    reminderAt: text(),
    /** Web Push: the day's results once it is settled. */
    resultsPush: boolean().notNull().default(false),
    /** Quiet hours, KST "HH:MM" (may wrap past midnight); nothing is pushed inside them. */
    quietFrom: text(),
    quietUntil: text(),
    locale: text().notNull().default("ko"),
    updatedAt: tstzNotNull(),
  },
  (t) => [
    check("loop_settings_goal", sql`${t.dailyGoal} between 1 and 10`),
    check(
      "loop_settings_reminder",
      sql`${t.reminderAt} is null or ${t.reminderAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
    ),
    check(
      "loop_settings_quiet",
      sql`(${t.quietFrom} is null) = (${t.quietUntil} is null)
        and (${t.quietFrom} is null or (${t.quietFrom} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${t.quietUntil} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'))`,
    ),
    check("loop_settings_locale", sql`${t.locale} in ('ko', 'en')`),
  ],
);

/**
 * Public share links of a player's day (`/s/<token>`): the token is 128 random bits, the page
 * shows the nickname and the day's grid only. Revoking keeps the row (so the token is never reused).
 */
export const shares = pgTable(
  "shares",
  {
    id: uuidPk(),
    token: text().notNull(),
    userId: userRef("cascade"),
    tradingDay: day(),
    locale: text().notNull(),
    createdAt: tstzNotNull(),
    revokedAt: tstz(),
  },
  (t) => [
    uniqueIndex("shares_token_uq").on(t.token),
    // One live link per player-day: asking again answers the same link.
    uniqueIndex("shares_live_uq")
      .on(t.userId, t.tradingDay)
      .where(sql`revoked_at is null`),
    check("shares_locale", sql`${t.locale} in ('ko', 'en')`),
  ],
);

/** Web Push subscriptions (one per browser); removed on unsubscribe and on 404/410 from the push service. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuidPk(),
    userId: userRef("cascade"),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    createdAt: tstzNotNull(),
    lastSentAt: tstz(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_uq").on(t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId),
  ],
);

/** One push decision per player, kind and trading day: sent, skipped (nothing to say) or failed. */
export const pushDeliveries = pgTable(
  "push_deliveries",
  {
    userId: userRef("cascade"),
    kind: text().notNull(),
    tradingDay: day(),
    status: text().notNull(),
    sent: integer().notNull().default(0),
    detail: text(),
    createdAt: tstzNotNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.tradingDay] }),
    index("push_deliveries_created_idx").on(t.createdAt),
    check("push_deliveries_kind", sql`${t.kind} in ('reminder', 'results')`),
    check("push_deliveries_status", sql`${t.status} in ('sent', 'skipped', 'failed')`),
  ],
);

export type PlayerStats = typeof playerStats.$inferSelect;
export type PlayerStreak = typeof playerStreaks.$inferSelect;
export type LoopSettings = typeof loopSettings.$inferSelect;
export type Share = typeof shares.$inferSelect;
export type PushSubscription = typeof pushSubscriptions.$inferSelect;
