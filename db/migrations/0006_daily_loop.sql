ALTER TYPE "public"."ledger_reason" ADD VALUE 'STREAK_BONUS';--> statement-breakpoint
CREATE TABLE "loop_days" (
	"trading_day" date PRIMARY KEY NOT NULL,
	"players" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loop_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"daily_goal" integer DEFAULT 3 NOT NULL,
	"hide_from_boards" boolean DEFAULT false NOT NULL,
	"reveal_seen_day" date,
	"reveal_seen_rank" integer,
	"reminder_at" text,
	"results_push" boolean DEFAULT false NOT NULL,
	"quiet_from" text,
	"quiet_until" text,
	"locale" text DEFAULT 'ko' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "loop_settings_goal" CHECK ("loop_settings"."daily_goal" between 1 and 10),
	CONSTRAINT "loop_settings_reminder" CHECK ("loop_settings"."reminder_at" is null or "loop_settings"."reminder_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "loop_settings_quiet" CHECK (("loop_settings"."quiet_from" is null) = ("loop_settings"."quiet_until" is null)
        and ("loop_settings"."quiet_from" is null or ("loop_settings"."quiet_from" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "loop_settings"."quiet_until" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'))),
	CONSTRAINT "loop_settings_locale" CHECK ("loop_settings"."locale" in ('ko', 'en'))
);
--> statement-breakpoint
CREATE TABLE "player_stats" (
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"user_id" uuid NOT NULL,
	"settled" integer DEFAULT 0 NOT NULL,
	"correct" integer DEFAULT 0 NOT NULL,
	"incorrect" integer DEFAULT 0 NOT NULL,
	"void" integer DEFAULT 0 NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"always_o" integer DEFAULT 0 NOT NULL,
	"crowd_correct" integer DEFAULT 0 NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"accuracy_key" bigint GENERATED ALWAYS AS (case when correct + incorrect >= case period when 'day' then 3 when 'week' then 10 when 'month' then 30 else 100 end
        then (correct::bigint * 1000000000000) / (correct + incorrect) end) STORED,
	"edge" integer GENERATED ALWAYS AS (correct - always_o) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "player_stats_period_period_start_user_id_pk" PRIMARY KEY("period","period_start","user_id"),
	CONSTRAINT "player_stats_period" CHECK ("player_stats"."period" in ('day', 'week', 'month', 'all')),
	CONSTRAINT "player_stats_counts" CHECK ("player_stats"."correct" >= 0 and "player_stats"."incorrect" >= 0 and "player_stats"."void" >= 0 and "player_stats"."points" >= 0
        and "player_stats"."settled" = "player_stats"."correct" + "player_stats"."incorrect" + "player_stats"."void"
        and "player_stats"."always_o" between 0 and "player_stats"."correct" + "player_stats"."incorrect"
        and "player_stats"."crowd_correct" between 0 and "player_stats"."correct" + "player_stats"."incorrect")
);
--> statement-breakpoint
CREATE TABLE "player_streaks" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"current" integer NOT NULL,
	"best" integer NOT NULL,
	"freezes" integer NOT NULL,
	"last_day" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "player_streaks_range" CHECK ("player_streaks"."current" >= 1 and "player_streaks"."best" >= "player_streaks"."current"),
	CONSTRAINT "player_streaks_freezes" CHECK ("player_streaks"."freezes" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "push_deliveries" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"trading_day" date NOT NULL,
	"status" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "push_deliveries_user_id_kind_trading_day_pk" PRIMARY KEY("user_id","kind","trading_day"),
	CONSTRAINT "push_deliveries_kind" CHECK ("push_deliveries"."kind" in ('reminder', 'results')),
	CONSTRAINT "push_deliveries_status" CHECK ("push_deliveries"."status" in ('sent', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"user_id" uuid NOT NULL,
	"trading_day" date NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "shares_locale" CHECK ("shares"."locale" in ('ko', 'en'))
);
--> statement-breakpoint
CREATE TABLE "streak_badges" (
	"user_id" uuid NOT NULL,
	"milestone" integer NOT NULL,
	"trading_day" date NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "streak_badges_user_id_milestone_pk" PRIMARY KEY("user_id","milestone"),
	CONSTRAINT "streak_badges_milestone" CHECK ("streak_badges"."milestone" in (7, 30, 100, 365))
);
--> statement-breakpoint
ALTER TABLE "loop_settings" ADD CONSTRAINT "loop_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_stats" ADD CONSTRAINT "player_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_streaks" ADD CONSTRAINT "player_streaks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_badges" ADD CONSTRAINT "streak_badges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "player_stats_points_idx" ON "player_stats" USING btree ("period","period_start","points" DESC NULLS LAST,"user_id") WHERE not hidden;--> statement-breakpoint
CREATE INDEX "player_stats_accuracy_idx" ON "player_stats" USING btree ("period","period_start","accuracy_key" DESC NULLS LAST,"user_id") WHERE not hidden and accuracy_key is not null;--> statement-breakpoint
CREATE INDEX "player_stats_edge_idx" ON "player_stats" USING btree ("period","period_start","edge" DESC NULLS LAST,"user_id") WHERE not hidden;--> statement-breakpoint
CREATE INDEX "player_stats_user_idx" ON "player_stats" USING btree ("user_id","period","period_start");--> statement-breakpoint
CREATE INDEX "push_deliveries_created_idx" ON "push_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_uq" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_token_uq" ON "shares" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_live_uq" ON "shares" USING btree ("user_id","trading_day") WHERE revoked_at is null;