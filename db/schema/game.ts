import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tstz, tstzNotNull, tstzNow, uuidPk, day, timestamps } from "./columns";
import { userRef, users } from "./users";

export const sessionPhase = pgEnum("session_phase", ["OPEN", "CLOSED", "SETTLING", "SETTLED"]);
export const predictionChoice = pgEnum("prediction_choice", ["UP", "DOWN"]);
export const predictionStatus = pgEnum("prediction_status", [
  "PENDING",
  "CORRECT",
  "INCORRECT",
  "VOID",
  "CANCELLED",
]);
export const adViewStatus = pgEnum("ad_view_status", ["STARTED", "COMPLETED"]);

/** One row per trading day once its session has been opened. */
export const tradingSessions = pgTable("trading_sessions", {
  tradingDay: date({ mode: "string" }).primaryKey(),
  phase: sessionPhase().notNull().default("OPEN"),
  opensAt: tstzNotNull(),
  closesAt: tstzNotNull(),
  openedAt: tstzNow(),
  closedAt: tstz(),
  settlingAt: tstz(),
  settledAt: tstz(),
  updatedAt: tstzNow(),
});

/** Reference data for symbols: display name and exchange, refreshed from the price provider. */
export const instruments = pgTable("instruments", {
  symbol: text().primaryKey(),
  name: text().notNull(),
  exchange: text(),
  currency: text().notNull().default("USD"),
  updatedAt: tstzNow(),
});

/** The ordered universe of a trading day. */
export const universeEntries = pgTable(
  "universe_entries",
  {
    tradingDay: day(),
    symbol: text().notNull(),
    seq: integer().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tradingDay, t.symbol] }),
    index("universe_day_seq_idx").on(t.tradingDay, t.seq),
    check("universe_seq_range", sql`${t.seq} between 1 and 200`),
    check("universe_symbol_format", sql`${t.symbol} ~ '^[A-Z][A-Z0-9.\\-]{0,9}$'`),
  ],
);

/**
 * How the 05:30 job chooses a day's symbols when nobody set them: keep the previous trading
 * day's list, the default list, or the provider's most active US stocks of the previous session.
 */
export const universeRule = pgEnum("universe_rule", ["KEEP", "DEFAULT", "MOST_ACTIVE"]);

/**
 * The universe policy: one row (id 1), written only by `lib/universe/policy.ts` and audited.
 * `size` is how many symbols "most active" takes, pins included; pins are always in and
 * exclusions always out, whatever the rule.
 */
export const universePolicy = pgTable(
  "universe_policy",
  {
    id: integer().primaryKey().default(1),
    rule: universeRule().notNull().default("KEEP"),
    size: integer().notNull().default(100),
    pinned: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    excluded: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: tstzNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    check("universe_policy_singleton", sql`${t.id} = 1`),
    check("universe_policy_size", sql`${t.size} between 1 and 200`),
  ],
);

export const predictions = pgTable(
  "predictions",
  {
    id: uuidPk(),
    userId: userRef("restrict"),
    tradingDay: day(),
    symbol: text().notNull(),
    choice: predictionChoice().notNull(),
    status: predictionStatus().notNull().default("PENDING"),
    snapshotPrice: numeric({ precision: 18, scale: 6 }),
    snapshotAt: tstz(),
    snapshotSource: text(),
    closePrice: numeric({ precision: 18, scale: 6 }),
    voidReason: text(),
    pointsAwarded: integer().notNull().default(0),
    ...timestamps(),
    cancelledAt: tstz(),
    settledAt: tstz(),
  },
  (t) => [
    uniqueIndex("predictions_user_day_symbol_uq").on(t.userId, t.tradingDay, t.symbol),
    index("predictions_day_status_idx").on(t.tradingDay, t.status),
    index("predictions_day_symbol_idx").on(t.tradingDay, t.symbol),
    // Players with a call per day (the admin dashboard) as an index-only scan, not a heap sort.
    index("predictions_day_player_idx")
      .on(t.tradingDay, t.userId)
      .where(sql`${t.status} <> 'CANCELLED'`),
    check("predictions_void_has_reason", sql`(${t.status} = 'VOID') = (${t.voidReason} is not null)`),
    check(
      "predictions_points_rule",
      sql`${t.pointsAwarded} >= 0 and (${t.pointsAwarded} = 0 or ${t.status} = 'CORRECT')`,
    ),
  ],
);

/**
 * Slot state of one player for one trading day. The cooldown timer is `cooldownStartedAt`:
 * one column, so there can never be two timers for a player on a day; refills are derived
 * from it lazily, so a late or lost callback never changes the outcome.
 */
export const dailySlots = pgTable(
  "daily_slots",
  {
    userId: userRef("cascade"),
    tradingDay: day(),
    available: integer().notNull().default(3),
    adSlots: integer().notNull().default(0),
    refills: integer().notNull().default(0),
    cooldownStartedAt: tstz(),
    updatedAt: tstzNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tradingDay] }),
    check("daily_slots_available_range", sql`${t.available} between 0 and 10`),
    check("daily_slots_ad_range", sql`${t.adSlots} between 0 and 7`),
    check("daily_slots_refills_nonneg", sql`${t.refills} >= 0`),
  ],
);

/** A rewarded ad: the id is the one-time token handed to the client when the ad starts. */
export const adViews = pgTable(
  "ad_views",
  {
    id: uuidPk(),
    userId: userRef("cascade"),
    tradingDay: day(),
    provider: text().notNull().default("house"),
    status: adViewStatus().notNull().default("STARTED"),
    startedAt: tstzNotNull(),
    eligibleAt: tstzNotNull(),
    expiresAt: tstzNotNull(),
    completedAt: tstz(),
  },
  (t) => [
    index("ad_views_user_day_idx").on(t.userId, t.tradingDay),
    // Retention (the daily prune job) deletes by age.
    index("ad_views_started_idx").on(t.startedAt),
    check("ad_views_eligible_after_start", sql`${t.eligibleAt} >= ${t.startedAt}`),
  ],
);

export type TradingSession = typeof tradingSessions.$inferSelect;
export type NewTradingSession = typeof tradingSessions.$inferInsert;
export type Instrument = typeof instruments.$inferSelect;
export type NewInstrument = typeof instruments.$inferInsert;
export type UniverseEntry = typeof universeEntries.$inferSelect;
export type NewUniverseEntry = typeof universeEntries.$inferInsert;
export type UniversePolicyRow = typeof universePolicy.$inferSelect;
export type Prediction = typeof predictions.$inferSelect;
export type NewPrediction = typeof predictions.$inferInsert;
export type DailySlots = typeof dailySlots.$inferSelect;
export type NewDailySlots = typeof dailySlots.$inferInsert;
export type AdView = typeof adViews.$inferSelect;
export type NewAdView = typeof adViews.$inferInsert;
